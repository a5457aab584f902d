import { Body, Controller, Get, NotFoundException, Param, Patch, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiNotFoundResponse, ApiOkResponse, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { PageQueryDto } from '../common/page-query.dto';
import { ListModesQuery } from './dto/list-modes.query';
import { RenameTrackDto } from './dto/rename-track.dto';
import { ModeTrackResponse, ModeTrendResponse, TrackHistoryPage } from './dto/monitoring.responses';
import { CurrentPrincipal } from '@modalflow/auth';
import { type Principal } from '@modalflow/contracts';
import { plotFile } from '@modalflow/analyses';
import { ModeTracksService } from '@modalflow/monitoring';

@ApiTags('monitoring')
@Controller('structures/:structureId/modes')
export class ModesController {
  constructor(private readonly tracks: ModeTracksService) {}

  @Get()
  @ApiOkResponse({
    type: [ModeTrackResponse],
    description: "The structure's tracked modes with their latest values",
  })
  @ApiNotFoundResponse({ description: 'No structure with this id for your tenant' })
  list(
    @CurrentPrincipal() principal: Principal,
    @Param('structureId') structureId: string,
    @Query() query: ListModesQuery,
  ) {
    return this.tracks.list(principal, structureId, query.rule_id);
  }

  @Get('trend')
  @ApiOkResponse({
    type: ModeTrendResponse,
    description: 'The tracked modes and all their points, for a trend chart in one call',
  })
  @ApiNotFoundResponse({ description: 'No structure with this id for your tenant' })
  trend(
    @CurrentPrincipal() principal: Principal,
    @Param('structureId') structureId: string,
    @Query() query: ListModesQuery,
  ) {
    return this.tracks.trendPoints(principal, structureId, query.rule_id);
  }

  @Get('plots/:file')
  @ApiParam({ name: 'file', description: 'trend.svg or trend.png', example: 'trend.svg' })
  @ApiProduces('image/svg+xml', 'image/png')
  @ApiOkResponse({
    description:
      'Frequency (with the prediction band of compensated tracks), change, residuals, the rule-wide T² and damping of every track against measurement time',
  })
  async trendPlot(
    @CurrentPrincipal() principal: Principal,
    @Param('structureId') structureId: string,
    @Param('file') file: string,
    @Query() query: ListModesQuery,
    @Res() response: Response,
  ): Promise<void> {
    const plot = plotFile(file);
    if (plot?.name !== 'trend') throw new NotFoundException('the modes plot is trend.svg or trend.png');
    const { body, contentType } = await this.tracks.trendPicture(
      principal,
      structureId,
      plot.format,
      query.rule_id,
    );
    response.type(contentType).send(body);
  }

  @Patch(':trackId')
  @ApiOkResponse({ type: ModeTrackResponse, description: 'The track with its new name' })
  @ApiNotFoundResponse({ description: 'No track with this id in the structure' })
  rename(
    @CurrentPrincipal() principal: Principal,
    @Param('structureId') structureId: string,
    @Param('trackId') trackId: string,
    @Body() dto: RenameTrackDto,
  ) {
    return this.tracks.rename(principal, structureId, trackId, dto.name);
  }

  @Get(':trackId/history')
  @ApiOkResponse({ type: TrackHistoryPage, description: "The track's points by measurement time" })
  @ApiNotFoundResponse({ description: 'No track with this id in the structure' })
  history(
    @CurrentPrincipal() principal: Principal,
    @Param('structureId') structureId: string,
    @Param('trackId') trackId: string,
    @Query() page: PageQueryDto,
  ) {
    return this.tracks.historyPage(principal, structureId, trackId, page);
  }
}
