import { Injectable, NotFoundException } from '@nestjs/common';
import { TRACKING_DEFAULTS, type Principal, type TrackingSettings } from '@modalflow/contracts';
import {
  ModeHistoryRepository,
  ModeTrackingRepository,
  MonitoringRule,
  MonitoringRuleRepository,
  Page,
  PageRequest,
  Stored,
  StructureRepository,
} from '@modalflow/database';
import { checkParams } from '@modalflow/oma';
import { fieldError } from '../common/field-error';
import { givenFields } from '../common/given-fields';
import { asBadRequest } from '../common/oma-input-error';
import { requireStructure } from '../structures/require-structure';
import { CreateMonitoringRuleDto } from './dto/create-monitoring-rule.dto';
import { UpdateMonitoringRuleDto } from './dto/update-monitoring-rule.dto';

/** Monitoring rules of a structure (docs/monitoring.md): what each new measurement gets. */
@Injectable()
export class MonitoringRulesService {
  constructor(
    private readonly structures: StructureRepository,
    private readonly rules: MonitoringRuleRepository,
    private readonly tracking: ModeTrackingRepository,
    private readonly history: ModeHistoryRepository,
  ) {}

  async create(
    principal: Principal,
    structureId: string,
    dto: CreateMonitoringRuleDto,
  ): Promise<Stored<MonitoringRule>> {
    await requireStructure(this.structures, principal.tenantId, structureId);
    const params = dto.params ?? {};
    asBadRequest(() => checkParams(dto.type, params));
    return this.rules.create(principal.tenantId, {
      structure_id: structureId,
      ...(dto.name ? { name: dto.name } : {}),
      type: dto.type,
      params,
      ...(dto.channels ? { channels: dto.channels } : {}),
      ...(dto.min_duration_s !== undefined ? { min_duration_s: dto.min_duration_s } : {}),
      tracking: checkedTracking({ ...TRACKING_DEFAULTS, ...givenFields(dto.tracking ?? {}) }),
      enabled: dto.enabled ?? true,
      created_by: principal.userId,
    });
  }

  async list(
    principal: Principal,
    structureId: string,
    page: PageRequest,
  ): Promise<Page<Stored<MonitoringRule>>> {
    await requireStructure(this.structures, principal.tenantId, structureId);
    return this.rules.findPage(principal.tenantId, { structure_id: structureId }, page);
  }

  async get(principal: Principal, structureId: string, id: string): Promise<Stored<MonitoringRule>> {
    await requireStructure(this.structures, principal.tenantId, structureId);
    const rule = await this.rules.findById(principal.tenantId, id);
    if (!rule || rule.structure_id !== structureId)
      throw new NotFoundException(`monitoring rule ${id} not found in structure ${structureId}`);
    return rule;
  }

  async update(
    principal: Principal,
    structureId: string,
    id: string,
    dto: UpdateMonitoringRuleDto,
  ): Promise<Stored<MonitoringRule>> {
    const rule = await this.get(principal, structureId, id);
    const { tracking, ...fields } = givenFields(dto);
    if (Object.keys(fields).length === 0 && !tracking)
      throw fieldError('body', 'give at least one field to change');
    const set = {
      ...fields,
      ...(tracking ? { tracking: checkedTracking({ ...rule.tracking, ...givenFields(tracking) }) } : {}),
    };
    return (await this.rules.updateById(principal.tenantId, id, { $set: set }))!;
  }

  /** Deletes the rule with its tracks and their history; it triggers nothing from now on. */
  async remove(principal: Principal, structureId: string, id: string): Promise<void> {
    await this.get(principal, structureId, id);
    await this.rules.deleteById(principal.tenantId, id);
    await this.tracking.remove(id);
    await this.history.removeRule(id);
  }
}

function checkedTracking(settings: TrackingSettings): TrackingSettings {
  if (settings.clear_percent > settings.alert_percent)
    throw fieldError('tracking.clear_percent', `must be at most alert_percent (${settings.alert_percent})`);
  return settings;
}
