import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { AnalysisPage, AnalysisResponse, AnalysisResultResponse } from './dto/analysis.response';
import { toAnalysisInput } from './dto/analysis-input.dto';
import { CreateAnalysisDto } from './dto/create-analysis.dto';
import { ListAnalysesQuery } from './dto/list-analyses.query';
import { PlotQuery, ShapeComparisonQuery, ShapeComparisonResponse } from './dto/shape-comparison.dto';
import { CurrentPrincipal } from '@modalflow/auth';
import { type Principal } from '@modalflow/contracts';
import { PlotsService, AnalysesService, ShapeComparisons } from '@modalflow/analyses';

@ApiTags('analyses')
@Controller('structures/:structureId/analyses')
export class AnalysesController {
  constructor(
    private readonly analyses: AnalysesService,
    private readonly plots: PlotsService,
    private readonly comparisons: ShapeComparisons,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: AnalysisResponse, description: 'The analysis, READY to run' })
  @ApiNotFoundResponse({ description: 'No structure with this id for your tenant' })
  create(
    @CurrentPrincipal() principal: Principal,
    @Param('structureId') structureId: string,
    @Body() dto: CreateAnalysisDto,
  ) {
    return this.analyses.create(principal, structureId, { ...dto, input: toAnalysisInput(dto.input) });
  }

  @Get()
  @ApiOkResponse({ type: AnalysisPage })
  list(
    @CurrentPrincipal() principal: Principal,
    @Param('structureId') structureId: string,
    @Query() query: ListAnalysesQuery,
  ) {
    return this.analyses.list(principal, structureId, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: AnalysisResponse })
  @ApiNotFoundResponse()
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('structureId') structureId: string,
    @Param('id') id: string,
  ) {
    return this.analyses.get(principal, structureId, id);
  }

  @Post(':id/run')
  @HttpCode(202)
  @ApiAcceptedResponse({
    type: AnalysisResponse,
    description: 'QUEUED; follow it on GET or on the status events',
  })
  @ApiConflictResponse({
    description: 'Already queued or running, or its PREPROCESSING input has not finished',
  })
  run(
    @CurrentPrincipal() principal: Principal,
    @Param('structureId') structureId: string,
    @Param('id') id: string,
  ) {
    return this.analyses.run(principal, structureId, id);
  }

  @Post(':id/abort')
  @HttpCode(202)
  @ApiAcceptedResponse({
    type: AnalysisResponse,
    description:
      'A queued run is ABORTED at once; a running one is stopped by its worker, which sets ABORTED',
  })
  @ApiConflictResponse({ description: 'Not queued or running' })
  abort(
    @CurrentPrincipal() principal: Principal,
    @Param('structureId') structureId: string,
    @Param('id') id: string,
  ) {
    return this.analyses.abort(principal, structureId, id);
  }

  @Get(':id/results')
  @ApiOkResponse({
    type: [AnalysisResultResponse],
    description: 'The results of the analysis (one per finished run kept)',
  })
  results(
    @CurrentPrincipal() principal: Principal,
    @Param('structureId') structureId: string,
    @Param('id') id: string,
  ) {
    return this.analyses.results(principal, structureId, id);
  }

  @Get(':id/mac')
  @ApiOkResponse({
    type: ShapeComparisonResponse,
    description: "AutoMAC of the result's modes, or cross-MAC and COMAC per channel with another analysis",
  })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'An analysis has no modes, or the two share fewer than two channels' })
  mac(
    @CurrentPrincipal() principal: Principal,
    @Param('structureId') structureId: string,
    @Param('id') id: string,
    @Query() query: ShapeComparisonQuery,
  ) {
    return this.comparisons.compare(principal, structureId, id, query.with);
  }

  @Get(':id/plots/:file')
  @ApiParam({
    name: 'file',
    description:
      'singular-values.svg|png (FDD), stabilization.svg|png (SSI), mode-shapes.svg|png (FDD, SSI), ' +
      "mac.svg|png (AutoMAC, or MAC with `with`), mode-shapes-3d.svg|png (on the structure's geometry)",
    example: 'stabilization.svg',
  })
  @ApiProduces('image/svg+xml', 'image/png')
  @ApiOkResponse({ description: 'The picture' })
  @ApiConflictResponse({ description: 'The analysis has not finished (DONE)' })
  async plot(
    @CurrentPrincipal() principal: Principal,
    @Param('structureId') structureId: string,
    @Param('id') id: string,
    @Param('file') file: string,
    @Query() query: PlotQuery,
    @Res() response: Response,
  ): Promise<void> {
    const { body, contentType } = await this.plots.render(principal, structureId, id, file, query);
    response.type(contentType).send(body);
  }
}
