import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AlertCommentDto, SnoozeAlertDto } from './dto/alert-actions.dto';
import { AlertPage, AlertResponse } from './dto/alert.responses';
import { ListAlertsQuery, ListStructureAlertsQuery } from './dto/list-alerts.query';
import { AlertsService } from '@modalflow/alerts';
import { CurrentPrincipal } from '@modalflow/auth';
import { type Principal } from '@modalflow/contracts';

const dateOf = (text?: string) => (text ? new Date(text) : undefined);

@ApiTags('alerts')
@Controller()
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get('alerts')
  @ApiOperation({ summary: "The tenant's alerts, the latest raised first" })
  @ApiOkResponse({ type: AlertPage })
  @ApiNotFoundResponse({ description: 'structure_id is not one of your structures' })
  listAll(@CurrentPrincipal() principal: Principal, @Query() query: ListAlertsQuery) {
    const { offset, limit, from, to, ...filter } = query;
    return this.alerts.list(principal, { ...filter, from: dateOf(from), to: dateOf(to) }, { offset, limit });
  }

  @Get('structures/:structureId/alerts')
  @ApiOperation({ summary: "A structure's alerts, the latest raised first" })
  @ApiOkResponse({ type: AlertPage })
  @ApiNotFoundResponse()
  list(
    @CurrentPrincipal() principal: Principal,
    @Param('structureId') structureId: string,
    @Query() query: ListStructureAlertsQuery,
  ) {
    const { offset, limit, from, to, ...filter } = query;
    return this.alerts.list(
      principal,
      { ...filter, structure_id: structureId, from: dateOf(from), to: dateOf(to) },
      { offset, limit },
    );
  }

  @Get('structures/:structureId/alerts/:id')
  @ApiOkResponse({ type: AlertResponse })
  @ApiNotFoundResponse()
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('structureId') structureId: string,
    @Param('id') id: string,
  ) {
    return this.alerts.get(principal, structureId, id);
  }

  @Post('structures/:structureId/alerts/:id/acknowledge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Acknowledge an OPEN alert: someone is looking at it' })
  @ApiBody({ type: AlertCommentDto, required: false })
  @ApiOkResponse({ type: AlertResponse })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The alert is not OPEN' })
  acknowledge(
    @CurrentPrincipal() principal: Principal,
    @Param('structureId') structureId: string,
    @Param('id') id: string,
    @Body() dto: AlertCommentDto,
  ) {
    return this.alerts.acknowledge(principal, structureId, id, dto.comment);
  }

  @Post('structures/:structureId/alerts/:id/snooze')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Snooze an alert until a time',
    description:
      'Its changes, and new alerts of the same track, are recorded but not notified (webhooks) until then.',
  })
  @ApiOkResponse({ type: AlertResponse })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The alert is CLOSED' })
  snooze(
    @CurrentPrincipal() principal: Principal,
    @Param('structureId') structureId: string,
    @Param('id') id: string,
    @Body() dto: SnoozeAlertDto,
  ) {
    return this.alerts.snooze(principal, structureId, id, new Date(dto.until), dto.comment);
  }

  @Delete('structures/:structureId/alerts/:id/snooze')
  @ApiOperation({ summary: 'End a snooze now' })
  @ApiOkResponse({ type: AlertResponse })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The alert is not snoozed' })
  unsnooze(
    @CurrentPrincipal() principal: Principal,
    @Param('structureId') structureId: string,
    @Param('id') id: string,
  ) {
    return this.alerts.unsnooze(principal, structureId, id);
  }

  @Post('structures/:structureId/alerts/:id/close')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Close an alert (it closes by itself when its track comes back within its limits)',
  })
  @ApiBody({ type: AlertCommentDto, required: false })
  @ApiOkResponse({ type: AlertResponse })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The alert is already CLOSED' })
  close(
    @CurrentPrincipal() principal: Principal,
    @Param('structureId') structureId: string,
    @Param('id') id: string,
    @Body() dto: AlertCommentDto,
  ) {
    return this.alerts.close(principal, structureId, id, dto.comment);
  }
}
