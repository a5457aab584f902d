import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { MonitoringRule } from './persistence/monitoring-rule.schema';
import { MonitoringRuleRepository } from './persistence/monitoring-rule.repository';
import { type ArrivedMeasurement, MeasurementArrivals } from '@modalflow/measurements';
import { omaConfig, OmaConfig } from '@modalflow/config';
import { type AnalysisInput, AnalysisRuns, AnalysisStatusChanges } from '@modalflow/analyses';
import { Stored } from '@modalflow/database';
import { checkRun, OmaInputError, type RecordShape } from '@modalflow/oma';

/**
 * Gives every new measurement of a structure the analysis of each of its enabled monitoring rules,
 * queued at once; or, when a rule cannot apply (channels, length, parameters), a SKIPPED analysis
 * that says why. Once per measurement and rule however often it is called (redeliveries, replicas):
 * the analysis id is derived from the two.
 */
@Injectable()
export class MonitoringTrigger implements MeasurementArrivals {
  private readonly logger = new Logger(MonitoringTrigger.name);

  constructor(
    private readonly rules: MonitoringRuleRepository,
    private readonly statuses: AnalysisStatusChanges,
    private readonly runs: AnalysisRuns,
    @Inject(omaConfig.KEY) private readonly config: OmaConfig,
  ) {}

  async measurementArrived(measurement: ArrivedMeasurement): Promise<void> {
    const rules = await this.rules.enabledFor(measurement.tenant_id, measurement.structure_id);
    for (const rule of rules) await this.apply(rule, measurement);
  }

  private async apply(rule: Stored<MonitoringRule>, measurement: ArrivedMeasurement): Promise<void> {
    const id = monitoredAnalysisId(rule.id, measurement.source, measurement.source_id);
    const skipped = this.skipReason(rule, measurement.shape);
    const environment = environmentFor(rule, measurement);
    const data = {
      tenant_id: rule.tenant_id,
      structure_id: rule.structure_id,
      name: `${rule.name ?? `rule ${rule.id}`}: ${measurement.source} ${measurement.source_id}`,
      type: rule.type,
      params: rule.params,
      input: inputOf(rule, measurement),
      created_by: rule.created_by,
      monitoring: {
        rule_id: rule.id,
        source: measurement.source,
        source_id: measurement.source_id,
        recorded_at: measurement.recorded_at,
        ...(environment ? { environment } : {}),
      },
      ...(skipped ? { error: skipped } : {}),
    };
    const { analysis, created } = await this.statuses.createOnce(
      id,
      data,
      skipped ? 'SKIPPED' : 'READY',
      rule.created_by,
    );
    if (skipped) {
      // Skipped now (its event sent), or by an earlier delivery.
      if (created)
        this.logger.log(`rule ${rule.id} skipped ${measurement.source} ${measurement.source_id}: ${skipped}`);
      return;
    }
    // READY: created now, or by a delivery that stopped before queuing it.
    if (analysis.status === 'READY') await this.runs.queue(analysis, rule.created_by, ['READY']);
  }

  /** Why the rule cannot apply to a record of this shape; undefined when it can. */
  private skipReason(rule: Stored<MonitoringRule>, shape: RecordShape): string | undefined {
    const missing = rule.channels?.filter((channel) => !shape.channels.includes(channel)) ?? [];
    if (missing.length)
      return `the measurement has no channel ${missing.join(', ')} (it has ${shape.channels.join(', ')})`;
    const duration = shape.samples / shape.samplingRateHz;
    if (rule.min_duration_s !== undefined && duration < rule.min_duration_s)
      return `the measurement lasts ${round(duration)} s; the rule asks for at least ${rule.min_duration_s} s`;
    try {
      checkRun(
        rule.type,
        rule.params,
        { ...shape, channels: rule.channels ?? shape.channels },
        this.config.budget,
      );
      return undefined;
    } catch (error) {
      if (error instanceof OmaInputError) return error.message;
      throw error;
    }
  }
}

/**
 * The environment a rule's analysis of a measurement is judged with: the measurement's values, and
 * the means of the slow channels the rule's compensation takes covariates from (a missing channel
 * leaves its covariate out: the point is then tracked, not judged).
 */
export function environmentFor(
  rule: Pick<MonitoringRule, 'compensation'>,
  measurement: Pick<ArrivedMeasurement, 'environment' | 'channel_means'>,
): Record<string, number> | undefined {
  const fromChannels = Object.entries(rule.compensation?.channels ?? {}).flatMap(([name, channel]) => {
    const mean = measurement.channel_means?.[channel];
    return mean !== undefined && Number.isFinite(mean) ? [[name, mean] as const] : [];
  });
  const environment = { ...measurement.environment, ...Object.fromEntries(fromChannels) };
  return Object.keys(environment).length ? environment : undefined;
}

/** The id of the analysis a rule makes for one measurement: the same for every delivery. */
export function monitoredAnalysisId(ruleId: string, source: string, sourceId: string): string {
  return createHash('sha256').update(`${ruleId}\n${source}\n${sourceId}`).digest('hex').slice(0, 24);
}

function inputOf(rule: Stored<MonitoringRule>, measurement: ArrivedMeasurement): AnalysisInput {
  const channels = rule.channels ? { channels: rule.channels } : {};
  return measurement.source === 'measurement'
    ? { source: 'measurement', measurement_id: measurement.source_id, ...channels }
    : { source: 'upload', upload_id: measurement.source_id, ...channels };
}

const round = (seconds: number) => Math.round(seconds * 100) / 100;
