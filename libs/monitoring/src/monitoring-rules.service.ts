import { Injectable, NotFoundException } from '@nestjs/common';
import type { MonitoringRuleChanges, NewMonitoringRule } from './monitoring-rule-input';
import { ModeHistoryRepository } from './persistence/mode-history.repository';
import { ModeTrackingRepository } from './persistence/mode-tracking.repository';
import { MonitoringRule } from './persistence/monitoring-rule.schema';
import { MonitoringRuleRepository } from './persistence/monitoring-rule.repository';
import { TrackLabelRepository } from './persistence/track-label.repository';
import {
  COMPENSATION_DEFAULTS,
  TRACKING_DEFAULTS,
  type CompensationSettings,
  type TrackingSettings,
  checkParams,
} from '@modalflow/oma';
import { type Principal, fieldError, givenFields } from '@modalflow/contracts';
import { Page, PageRequest, Stored } from '@modalflow/database';
import { StructureRepository, requireStructure } from '@modalflow/structures';
import { TrackAlerts } from '@modalflow/alerts';
import { asBadRequest } from '@modalflow/analyses';

/** Monitoring rules of a structure (docs/monitoring.md): what each new measurement gets. */
@Injectable()
export class MonitoringRulesService {
  constructor(
    private readonly structures: StructureRepository,
    private readonly rules: MonitoringRuleRepository,
    private readonly tracking: ModeTrackingRepository,
    private readonly history: ModeHistoryRepository,
    private readonly alerts: TrackAlerts,
    private readonly labels: TrackLabelRepository,
  ) {}

  async create(
    principal: Principal,
    structureId: string,
    rule: NewMonitoringRule,
  ): Promise<Stored<MonitoringRule>> {
    await requireStructure(this.structures, principal.tenantId, structureId);
    const params = rule.params ?? {};
    asBadRequest(() => checkParams(rule.type, params));
    return this.rules.create(principal.tenantId, {
      structure_id: structureId,
      ...(rule.name ? { name: rule.name } : {}),
      type: rule.type,
      params,
      ...(rule.channels ? { channels: rule.channels } : {}),
      ...(rule.min_duration_s !== undefined ? { min_duration_s: rule.min_duration_s } : {}),
      tracking: checkedTracking({ ...TRACKING_DEFAULTS, ...givenFields(rule.tracking ?? {}) }),
      ...(rule.compensation
        ? {
            compensation: checkedCompensation({
              ...COMPENSATION_DEFAULTS,
              ...givenFields(rule.compensation),
              covariates: rule.compensation.covariates,
              training_records: rule.compensation.training_records,
            }),
          }
        : {}),
      enabled: rule.enabled ?? true,
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
    changes: MonitoringRuleChanges,
  ): Promise<Stored<MonitoringRule>> {
    const rule = await this.get(principal, structureId, id);
    const { tracking, ...fields } = givenFields(changes);
    if (Object.keys(fields).length === 0 && !tracking)
      throw fieldError('body', 'give at least one field to change');
    const set = {
      ...fields,
      ...(tracking ? { tracking: checkedTracking({ ...rule.tracking, ...givenFields(tracking) }) } : {}),
    };
    return (await this.rules.updateById(principal.tenantId, id, { $set: set }))!;
  }

  /**
   * Starts a new baseline (after a retrofit, a sensor change): from `from` on, every track learns
   * its baseline, or its model, again; the earlier ones stay with the track. A later start replaces
   * an earlier one; one before the current start is refused.
   */
  async startBaseline(
    principal: Principal,
    structureId: string,
    id: string,
    from: Date,
  ): Promise<Stored<MonitoringRule>> {
    const rule = await this.get(principal, structureId, id);
    if (rule.baseline_from && from.getTime() <= rule.baseline_from.getTime())
      throw fieldError(
        'from',
        `must be after the current baseline's start (${rule.baseline_from.toISOString()})`,
      );
    return (await this.rules.updateById(principal.tenantId, id, { $set: { baseline_from: from } }))!;
  }

  /** Deletes the rule with its tracks and their history (its alerts are closed); it triggers nothing from now on. */
  async remove(principal: Principal, structureId: string, id: string): Promise<void> {
    const rule = await this.get(principal, structureId, id);
    await this.rules.deleteById(principal.tenantId, id);
    await this.tracking.remove(principal.tenantId, id);
    await this.history.removeRule(principal.tenantId, id);
    await this.labels.removeRule(principal.tenantId, id);
    await this.alerts.follow(
      { tenant_id: principal.tenantId, structure_id: structureId, rule_id: id, user_id: rule.created_by },
      [],
      'its monitoring rule was deleted',
    );
  }
}

function checkedTracking(settings: TrackingSettings): TrackingSettings {
  if (settings.clear_percent > settings.alert_percent)
    throw fieldError('tracking.clear_percent', `must be at most alert_percent (${settings.alert_percent})`);
  return settings;
}

function checkedCompensation(settings: CompensationSettings): CompensationSettings {
  for (const [name, channel] of Object.entries(settings.channels ?? {})) {
    if (!settings.covariates.includes(name))
      throw fieldError(`compensation.channels.${name.slice(0, 64)}`, 'must be one of the covariates');
    if (typeof channel !== 'string' || channel.length < 1 || channel.length > 64)
      throw fieldError(`compensation.channels.${name}`, 'must be a channel name (1 to 64 characters)');
  }
  if (settings.clear_sigma > settings.sigma)
    throw fieldError('compensation.clear_sigma', `must be at most sigma (${settings.sigma})`);
  if (settings.training_records < settings.covariates.length + 3)
    throw fieldError(
      'compensation.training_records',
      `must be at least ${settings.covariates.length + 3} to fit ${settings.covariates.length} covariates`,
    );
  return settings;
}
