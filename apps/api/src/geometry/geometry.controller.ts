import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { GeometryVersionQuery } from './dto/geometry-version.query';
import { GeometryDto } from './dto/geometry.dto';
import { GeometrySheetsDto } from './dto/geometry-sheets.dto';
import { ModeShapesResponse, StructureGeometryResponse } from './dto/geometry.responses';
import { CurrentPrincipal } from '@modalflow/auth';
import { type Principal } from '@modalflow/contracts';
import { GeometryService } from '@modalflow/geometry';

@ApiTags('geometry')
@Controller('structures/:structureId')
export class GeometryController {
  constructor(private readonly geometry: GeometryService) {}

  @Put('geometry')
  @ApiOperation({
    summary: "Define the structure's geometry: nodes, lines, faces, sensors and links",
    description:
      'Stored as the next version (the earlier ones stay: a result is drawn with the geometry of its time). ' +
      'Refused with a 400 naming the field: an unknown node, a channel placed twice, a direction that is not a unit vector, a link cycle, more than the limits.',
  })
  @ApiOkResponse({ type: StructureGeometryResponse })
  @ApiNotFoundResponse()
  put(
    @CurrentPrincipal() principal: Principal,
    @Param('structureId') structureId: string,
    @Body() dto: GeometryDto,
  ) {
    return this.geometry.put(principal, structureId, dto);
  }

  @Put('geometry/sheets')
  @ApiOperation({
    summary: 'Define the geometry from CSV sheets (nodes, lines, sensors, links)',
    description:
      'The same as PUT .../geometry, read from CSV text; a refusal names the sheet, line and column.',
  })
  @ApiOkResponse({ type: StructureGeometryResponse })
  @ApiNotFoundResponse()
  putSheets(
    @CurrentPrincipal() principal: Principal,
    @Param('structureId') structureId: string,
    @Body() dto: GeometrySheetsDto,
  ) {
    return this.geometry.putSheets(principal, structureId, dto);
  }

  @Get('geometry')
  @ApiOperation({ summary: 'The latest version of the geometry, or the one asked for' })
  @ApiOkResponse({ type: StructureGeometryResponse })
  @ApiNotFoundResponse({ description: 'No such structure, or no geometry (version) yet' })
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('structureId') structureId: string,
    @Query() query: GeometryVersionQuery,
  ) {
    return this.geometry.get(principal, structureId, query.version);
  }

  @Get('analyses/:analysisId/mode-shapes')
  @ApiOperation({
    summary: "Each mode of an FDD or SSI result as node displacements on the structure's geometry",
    description:
      "With the geometry version of the result's time (the latest stored before it; the first when all came later), or `version`.",
  })
  @ApiOkResponse({ type: ModeShapesResponse })
  @ApiNotFoundResponse()
  @ApiConflictResponse({
    description: 'The analysis is not DONE or has no modes, or the structure has no geometry',
  })
  modeShapes(
    @CurrentPrincipal() principal: Principal,
    @Param('structureId') structureId: string,
    @Param('analysisId') analysisId: string,
    @Query() query: GeometryVersionQuery,
  ) {
    return this.geometry.modeShapes(principal, structureId, analysisId, query.version);
  }
}
