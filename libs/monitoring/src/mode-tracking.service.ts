import { Injectable, Logger } from '@nestjs/common';
import { monitoringStatusEvent } from './monitoring-status';
import { ModeHistoryPoint, ModeHistoryRepository } from './persistence/mode-history.repository';
import { ModeTracking, ModeTrackingRepository } from './persistence/mode-tracking.repository';
import { MonitoringRuleRepository } from './persistence/monitoring-rule.repository';
import { type RaisedTrack, TrackAlerts } from '@modalflow/alerts';
import { Analysis, MonitoredRunResults } from '@modalflow/analyses';
import { outboxEntry, newDocumentId } from '@modalflow/database';
import { StatusRelay } from '@modalflow/messaging';
import {
  trackModes,
  type ModalResultBase,
  type ModeTrack,
  type TrackAlertChange,
  type TrackPoint,
} from '@modalflow/oma';

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
      const next: ModeTracking = {
        rule_id: rule.id,
        tenant_id: rule.tenant_id,
        structure_id: rule.structure_id,
        channels: current?.channels ?? result.channels,
        tracks: outcome.tracks,
        records: outcome.records,
        version: (current?.version ?? 0) + 1,
      };
      const events = outcome.changes.map((change) =>
        outboxEntry(
          monitoringStatusEvent({
            id: rule.id,
            structure_id: rule.structure_id,
            tenant_id: rule.tenant_id,
            user_id: rule.created_by,
            status: change.status,
            alert: {
              track_id: change.track_id,
              baseline_hz: change.baseline_hz,
              value_hz: change.value_hz,
              change_percent: change.change_percent,
              analysis_id: analysis.id,
              ...(change.residual_hz !== undefined
                ? { predicted_hz: change.predicted_hz, residual_hz: change.residual_hz, z: change.z }
                : {}),
            },
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
      for (const change of outcome.changes)
        this.logger.log(
          `rule ${rule.id}: track ${change.track_id} ${change.status} (${change.change_percent.toFixed(2)}%)`,
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
        raisedTracks(outcome.tracks, outcome.changes),
      );
      return undefined;
    }
    throw new Error(`mode tracking of rule ${rule.id}: ${MAX_ATTEMPTS} concurrent changes in a row`);
  }
}

/** The tracks in alert now, each with the point that raised it (its change's values when it raised it now). */
function raisedTracks(tracks: ModeTrack[], changes: TrackAlertChange[]): RaisedTrack[] {
  return tracks
    .filter((track) => track.alert && track.baseline_hz !== undefined)
    .map((track) => {
      const since = track.alert_since ?? track.recent.at(-1)!;
      const change = changes.find((c) => c.track_id === track.id && c.status === 'ALERT');
      const { baseline_hz, value_hz, change_percent, predicted_hz, residual_hz, z } = change ?? {
        baseline_hz: track.baseline_hz!,
        value_hz: track.value_hz,
        change_percent: track.change_percent ?? 0,
      };
      return {
        track_id: track.id,
        analysis_id: since.analysis_id,
        recorded_at: new Date(since.recorded_at),
        baseline_hz,
        value_hz,
        change_percent,
        ...(residual_hz !== undefined ? { predicted_hz, residual_hz, z } : {}),
      };
    });
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
