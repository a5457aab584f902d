import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { PageQueryDto } from '../common/page-query.dto';
import { CreateMonitoringRuleDto } from './dto/create-monitoring-rule.dto';
import { MonitoringRulePage, MonitoringRuleResponse } from './dto/monitoring.responses';
import { StartBaselineDto } from './dto/start-baseline.dto';
import { UpdateMonitoringRuleDto } from './dto/update-monitoring-rule.dto';
import { CurrentPrincipal } from '@modalflow/auth';
import { type Principal } from '@modalflow/contracts';
import { MonitoringRulesService } from '@modalflow/monitoring';

@ApiTags('monitoring')
@Controller('structures/:structureId/monitoring')
export class MonitoringRulesController {
  constructor(private readonly rules: MonitoringRulesService) {}

  @Post()
  @ApiOperation({
    summary: 'Analyse every new measurement of the structure',
    description:
      'Each measurement stored from now on (fetch jobs, uploads) gets one analysis of this rule, queued at once, ' +
      'or a SKIPPED analysis saying why the rule cannot apply; the modes of each finished one are tracked (GET .../modes).',
  })
  @ApiCreatedResponse({ type: MonitoringRuleResponse })
  @ApiNotFoundResponse({ description: 'No structure with this id for your tenant' })
  create(
    @CurrentPrincipal() principal: Principal,
    @Param('structureId') structureId: string,
    @Body() dto: CreateMonitoringRuleDto,
  ) {
    return this.rules.create(principal, structureId, dto);
  }

  @Get()
  @ApiOkResponse({ type: MonitoringRulePage })
  list(
    @CurrentPrincipal() principal: Principal,
    @Param('structureId') structureId: string,
    @Query() page: PageQueryDto,
  ) {
    return this.rules.list(principal, structureId, page);
  }

  @Get(':id')
  @ApiOkResponse({ type: MonitoringRuleResponse })
  @ApiNotFoundResponse()
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('structureId') structureId: string,
    @Param('id') id: string,
  ) {
    return this.rules.get(principal, structureId, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: MonitoringRuleResponse })
  @ApiNotFoundResponse()
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('structureId') structureId: string,
    @Param('id') id: string,
    @Body() dto: UpdateMonitoringRuleDto,
  ) {
    return this.rules.update(principal, structureId, id, dto);
  }

  @Post(':id/baseline')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Start a new baseline (after a retrofit or a sensor change)',
    description:
      'From `from` on, every track of the rule learns its baseline, or its compensation model, again; the earlier ones stay with the track (earlier_baselines).',
  })
  @ApiBody({ type: StartBaselineDto, required: false })
  @ApiOkResponse({ type: MonitoringRuleResponse })
  @ApiNotFoundResponse()
  startBaseline(
    @CurrentPrincipal() principal: Principal,
    @Param('structureId') structureId: string,
    @Param('id') id: string,
    @Body() dto: StartBaselineDto,
  ) {
    return this.rules.startBaseline(principal, structureId, id, dto.from ? new Date(dto.from) : new Date());
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Stop monitoring: deletes the rule, its tracks and their history' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  remove(
    @CurrentPrincipal() principal: Principal,
    @Param('structureId') structureId: string,
    @Param('id') id: string,
  ) {
    return this.rules.remove(principal, structureId, id);
  }
}
