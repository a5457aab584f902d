import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '@modalflow/auth';
import type { Principal } from '@modalflow/contracts';
import { CreateFetchJobDto } from './dto/create-fetch-job.dto';
import { FetchJobPage, FetchJobResponse } from './dto/fetch-job.response';
import { ListFetchJobsQuery } from './dto/list-fetch-jobs.query';
import { FetchJobsService } from './fetch-jobs.service';

@ApiTags('fetch jobs')
@Controller('fetch-jobs')
export class FetchJobsController {
  constructor(private readonly fetchJobs: FetchJobsService) {}

  @Post()
  @HttpCode(202)
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Any unique string; retrying the request with the same key returns the same job',
  })
  @ApiAcceptedResponse({ type: FetchJobResponse, description: 'The job, QUEUED' })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateFetchJobDto,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    return this.fetchJobs.create(principal, dto, idempotencyKey || undefined);
  }

  @Get()
  @ApiOkResponse({ type: FetchJobPage })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListFetchJobsQuery) {
    return this.fetchJobs.list(principal, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: FetchJobResponse })
  @ApiNotFoundResponse({ description: 'No fetch job with this id for your tenant' })
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.fetchJobs.get(principal, id);
  }
}
