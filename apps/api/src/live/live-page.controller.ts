import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { LIVE_PAGE } from './live-page.html';
import { Public } from '@modalflow/contracts';

/** A small page where a person pastes a token and watches their jobs and analyses change live. */
@ApiExcludeController()
@Public()
@Controller()
export class LivePageController {
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  page(): string {
    return LIVE_PAGE;
  }
}
