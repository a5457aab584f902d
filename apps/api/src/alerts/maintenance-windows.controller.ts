import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { MaintenanceWindowPage, MaintenanceWindowResponse } from './dto/alert.responses';
import { CreateMaintenanceWindowDto } from './dto/create-maintenance-window.dto';
import { PageQueryDto } from '../common/page-query.dto';
import { MaintenanceWindowsService } from '@modalflow/alerts';
import { CurrentPrincipal } from '@modalflow/auth';
import { type Principal } from '@modalflow/contracts';

@ApiTags('alerts')
@Controller('structures/:structureId/maintenance-windows')
export class MaintenanceWindowsController {
  constructor(private readonly windows: MaintenanceWindowsService) {}

  @Post()
  @ApiOperation({
    summary: 'Plan works on the structure',
    description:
      'Alerts raised by measurements recorded inside the window are stored and shown as usual, marked silenced, and not notified.',
  })
  @ApiCreatedResponse({ type: MaintenanceWindowResponse })
  @ApiNotFoundResponse()
  create(
    @CurrentPrincipal() principal: Principal,
    @Param('structureId') structureId: string,
    @Body() dto: CreateMaintenanceWindowDto,
  ) {
    return this.windows.create(principal, structureId, {
      starts_at: new Date(dto.starts_at),
      ends_at: new Date(dto.ends_at),
      ...(dto.reason ? { reason: dto.reason } : {}),
    });
  }

  @Get()
  @ApiOkResponse({ type: MaintenanceWindowPage })
  @ApiNotFoundResponse()
  list(
    @CurrentPrincipal() principal: Principal,
    @Param('structureId') structureId: string,
    @Query() page: PageQueryDto,
  ) {
    return this.windows.list(principal, structureId, page);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  remove(
    @CurrentPrincipal() principal: Principal,
    @Param('structureId') structureId: string,
    @Param('id') id: string,
  ) {
    return this.windows.remove(principal, structureId, id);
  }
}
