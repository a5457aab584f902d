import { Injectable, Logger } from '@nestjs/common';
import { monitoringStatusEvent } from './monitoring-status';
import { chartShift, raisedTracks, shiftOf } from './tracked-shifts';
import { ModeHistoryPoint, ModeHistoryRepository } from './persistence/mode-history.repository';
import { ModeTracking, ModeTrackingRepository } from './persistence/mode-tracking.repository';
import { MonitoringRuleRepository } from './persistence/monitoring-rule.repository';
import { TrackLabelRepository } from './persistence/track-label.repository';
import { TrackAlerts } from '@modalflow/alerts';
import { type ShiftAlert } from '@modalflow/contracts';
import { Analysis, MonitoredRunResults } from '@modalflow/analyses';
import { outboxEntry, newDocumentId } from '@modalflow/database';
import { StatusRelay } from '@modalflow/messaging';
import { chartRule, trackModes, type ModalResultBase, type TrackPoint } from '@modalflow/oma';

/** Concurrent finishes of one rule's analyses retry their compare-and-set at most this often. */
const MAX_ATTEMPTS = 50;

/**
 * Adds a finished monitored analysis's modes to its rule's tracks (trackModes), stores the points
 * in the history and publishes the ALERT/CLEARED events the change raised. Called by the OMA worker
 * before it marks the analysis DONE, so a run repeated after a crash applies it again (idempotent).
 */
@Injectable()
export class ModeTrackingService implements MonitoredRunResults {
  private readonly logger = new Logger(ModeTrackingService.name);

  constructor(
    private readonly rules: MonitoringRuleRepository,
    private readonly tracking: ModeTrackingRepository,
    private readonly history: ModeHistoryRepository,
    private readonly relay: StatusRelay,
    private readonly alerts: TrackAlerts,
    private readonly labels: TrackLabelRepository,
  ) {}

  /** The warning to add to the result when its modes could not be tracked; undefined when they were. */
  async apply(analysis: Analysis, result: ModalResultBase): Promise<string | undefined> {
    const origin = analysis.monitoring;
    if (!origin) return undefined;
    const rule = await this.rules.findById(analysis.tenant_id, origin.rule_id);
    if (!rule) return `not tracked: monitoring rule ${origin.rule_id} was deleted`;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await this.tracking.find(analysis.tenant_id, rule.id);
      if (current && current.channels.join('\n') !== result.channels.join('\n')) {
        return `not tracked: its channels (${result.channels.join(', ')}) are not the tracks' (${current.channels.join(', ')})`;
      }
      const outcome = trackModes(
        current?.tracks ?? [],
        {
          analysis_id: analysis.id,
          recorded_at: new Date(origin.recorded_at).getTime(),
          modes: result.modes,
          ...(origin.environment ? { environment: origin.environment } : {}),
        },
        {
          ...rule.tracking,
          ...(rule.compensation ? { compensation: rule.compensation } : {}),
          ...(rule.baseline_from ? { baseline_from: new Date(rule.baseline_from).getTime() } : {}),
        },
        () => newDocumentId(),
        current?.records ?? 0,
      );
      const chart = rule.compensation
        ? chartRule(
            current?.rule_chart,
            outcome.tracks,
            outcome.points,
            { analysis_id: analysis.id, recorded_at: new Date(origin.recorded_at).getTime() },
            rule.compensation,
          )
        : {};
      const next: ModeTracking = {
        rule_id: rule.id,
        tenant_id: rule.tenant_id,
        structure_id: rule.structure_id,
        channels: current?.channels ?? result.channels,
        tracks: outcome.tracks,
        records: outcome.records,
        ...(chart.state ? { rule_chart: chart.state } : {}),
        version: (current?.version ?? 0) + 1,
      };
      const shifts: Array<{ status: 'ALERT' | 'CLEARED'; alert: ShiftAlert }> = [
        ...outcome.changes.map((change) => ({ status: change.status, alert: shiftOf(change, analysis.id) })),
        ...(chart.change ? [{ status: chart.change.status, alert: chartShift(chart.change.raise) }] : []),
      ];
      const events = shifts.map((change) =>
        outboxEntry(
          monitoringStatusEvent({
            id: rule.id,
            structure_id: rule.structure_id,
            tenant_id: rule.tenant_id,
            user_id: rule.created_by,
            status: change.status,
            alert: change.alert,
          }),
        ),
      );
      if (!(await this.tracking.commit(next, events))) continue;
      await this.history.replaceForAnalysis(
        rule.tenant_id,
        analysis.id,
        outcome.points.map(({ mode_index, track_id, point }) => ({
          tenant_id: rule.tenant_id,
          structure_id: rule.structure_id,
          rule_id: rule.id,
          track_id,
          analysis_id: analysis.id,
          mode_index,
          recorded_at: new Date(point.recorded_at),
          frequency_hz: point.frequency_hz,
          damping_ratio: point.damping_ratio,
          mac: point.mac,
          ...compensatedFields(point),
        })),
      );
      for (const { status, alert } of shifts)
        this.logger.log(
          `rule ${rule.id}: track ${alert.track_id} ${status} (${alert.change_percent.toFixed(2)}%)`,
        );
      if (events.length) await this.relay.relay(this.tracking.outboxes(), rule.id, events.at(-1)!.id);
      await this.alerts.follow(
        {
          tenant_id: rule.tenant_id,
          structure_id: rule.structure_id,
          rule_id: rule.id,
          ...(rule.name ? { rule_name: rule.name } : {}),
          user_id: rule.created_by,
        },
        raisedTracks(
          outcome.tracks,
          outcome.changes,
          next.rule_chart,
          // Names only matter for tracks in alert: most runs have none, and skip the read.
          outcome.tracks.some((track) => track.alert)
            ? await this.labels.forRule(rule.tenant_id, rule.id)
            : new Map<string, string>(),
        ),
      );
      return undefined;
    }
    throw new Error(`mode tracking of rule ${rule.id}: ${MAX_ATTEMPTS} concurrent changes in a row`);
  }
}

/** What a compensated point adds to its history: covariates, prediction, residual, and whether it was judged. */
function compensatedFields(point: TrackPoint): Partial<ModeHistoryPoint> {
  const { covariates, predicted_hz, residual_hz, z, limit_hz, judged, not_judged } = point;
  return Object.fromEntries(
    Object.entries({ covariates, predicted_hz, residual_hz, z, limit_hz, judged, not_judged }).filter(
      ([, value]) => value !== undefined,
    ),
  );
}
