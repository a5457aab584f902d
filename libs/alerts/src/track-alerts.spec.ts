import { AlertStatusChanges, alertId } from './alert-changes';
import { type AlertStatus } from './alert-status';
import { Alert, AlertAuditEntry } from './persistence/alert.schema';
import { AlertChange, AlertRepository } from './persistence/alert.repository';
import { MaintenanceWindowRepository } from './persistence/maintenance-window.repository';
import { CLEARED_REASON, RaisedTrack, TrackAlerts } from './track-alerts';
import { NewDocument, Stored } from '@modalflow/database';

const RULE = { tenant_id: 7, structure_id: 's1', rule_id: 'r1', rule_name: 'deck', user_id: 3 };
const NOW = new Date('2026-12-07T12:00:00Z');

/** The alerts collection and the status changes, in memory: what TrackAlerts reads and asks for. */
class MemoryAlerts {
  readonly stored = new Map<string, Stored<Alert>>();
  readonly windows: Array<{ id: string; starts_at: Date; ends_at: Date }> = [];

  repository = {
    openOrSnoozed: async (_tenant: number, ruleId: string, now: Date) =>
      [...this.stored.values()].filter(
        (a) => a.rule_id === ruleId && (a.status !== 'CLOSED' || (a.snoozed_until && a.snoozed_until > now)),
      ),
  } as unknown as AlertRepository;

  windowRepository = {
    covering: async (_tenant: number, _structure: string, at: Date) =>
      this.windows.find((w) => w.starts_at <= at && at < w.ends_at) ?? null,
  } as unknown as MaintenanceWindowRepository;

  changes = {
    open: async (tenantId: number, alert: NewDocument<Alert>) => {
      if (this.stored.has(alert._id)) return false;
      const { _id, ...rest } = alert;
      this.stored.set(_id, { ...rest, id: _id, tenant_id: tenantId } as Stored<Alert>);
      return true;
    },
    change: async (
      alert: Stored<Alert>,
      status: AlertStatus,
      set: AlertChange['set'],
      audit: AlertAuditEntry,
    ) => {
      const changed = { ...alert, ...set, status, audit: [...alert.audit, audit] } as Stored<Alert>;
      this.stored.set(alert.id, changed);
      return changed;
    },
  } as unknown as AlertStatusChanges;

  tracker(): TrackAlerts {
    return new TrackAlerts(this.repository, this.windowRepository, this.changes);
  }
}

const raised = (trackId: string, analysisId: string, recordedAt = NOW): RaisedTrack => ({
  track_id: trackId,
  analysis_id: analysisId,
  recorded_at: recordedAt,
  baseline_hz: 2,
  value_hz: 1.9,
  change_percent: -5,
});

describe('TrackAlerts', () => {
  it('opens one alert per raised track, once, however often the same tracks are followed', async () => {
    const memory = new MemoryAlerts();
    const alerts = memory.tracker();
    await alerts.follow(RULE, [raised('t1', 'a5'), raised('t2', 'a5')], undefined, NOW);
    await alerts.follow(RULE, [raised('t1', 'a5'), raised('t2', 'a5')], undefined, NOW);
    expect([...memory.stored.keys()].sort()).toEqual(
      [alertId(7, 'r1', 't1', 'a5'), alertId(7, 'r1', 't2', 'a5')].sort(),
    );
    const alert = memory.stored.get(alertId(7, 'r1', 't1', 'a5'))!;
    expect(alert).toMatchObject({ status: 'OPEN', rule_name: 'deck', track_id: 't1', analysis_id: 'a5' });
    expect(alert.audit).toEqual([{ at: NOW, by: null, action: 'opened' }]);
    expect(alert.silenced).toBeUndefined();
  });

  it('closes the alerts of tracks no longer raised, and opens a new one for a later raise', async () => {
    const memory = new MemoryAlerts();
    const alerts = memory.tracker();
    await alerts.follow(RULE, [raised('t1', 'a5'), raised('t2', 'a5')], undefined, NOW);
    await alerts.follow(RULE, [raised('t2', 'a5')], undefined, NOW);
    expect(memory.stored.get(alertId(7, 'r1', 't1', 'a5'))).toMatchObject({
      status: 'CLOSED',
      closed: { by: null, reason: CLEARED_REASON },
    });
    expect(memory.stored.get(alertId(7, 'r1', 't2', 'a5'))!.status).toBe('OPEN');
    await alerts.follow(RULE, [raised('t1', 'a9'), raised('t2', 'a5')], undefined, NOW);
    expect(memory.stored.get(alertId(7, 'r1', 't1', 'a9'))!.status).toBe('OPEN');
    await alerts.follow(RULE, [], 'its monitoring rule was deleted', NOW);
    expect([...memory.stored.values()].map((a) => [a.status, a.closed?.reason])).toEqual([
      ['CLOSED', CLEARED_REASON],
      ['CLOSED', 'its monitoring rule was deleted'],
      ['CLOSED', 'its monitoring rule was deleted'],
    ]);
  });

  it('silences an alert raised by a measurement inside a maintenance window', async () => {
    const memory = new MemoryAlerts();
    memory.windows.push({ id: 'w1', starts_at: new Date('2026-12-01'), ends_at: new Date('2026-12-05') });
    await memory
      .tracker()
      .follow(RULE, [raised('t1', 'a1', new Date('2026-12-02')), raised('t2', 'a1')], undefined, NOW);
    expect(memory.stored.get(alertId(7, 'r1', 't1', 'a1'))).toMatchObject({
      silenced: 'maintenance',
      maintenance_window_id: 'w1',
    });
    expect(memory.stored.get(alertId(7, 'r1', 't2', 'a1'))!.silenced).toBeUndefined();
  });

  it('silences a new alert of a track whose earlier alert is still snoozed, until the snooze ends', async () => {
    const memory = new MemoryAlerts();
    const alerts = memory.tracker();
    await alerts.follow(RULE, [raised('t1', 'a1'), raised('t2', 'a1')], undefined, NOW);
    const first = alertId(7, 'r1', 't1', 'a1');
    const until = new Date(NOW.getTime() + 3_600_000);
    memory.stored.set(first, { ...memory.stored.get(first)!, snoozed_until: until });
    await alerts.follow(RULE, [], undefined, NOW);
    await alerts.follow(RULE, [raised('t1', 'a2'), raised('t2', 'a2')], undefined, NOW);
    expect(memory.stored.get(alertId(7, 'r1', 't1', 'a2'))).toMatchObject({
      silenced: 'snooze',
      snoozed_until: until,
    });
    expect(memory.stored.get(alertId(7, 'r1', 't2', 'a2'))!.silenced).toBeUndefined();
    const later = new Date(until.getTime() + 1);
    await alerts.follow(RULE, [], undefined, later);
    await alerts.follow(RULE, [raised('t1', 'a3')], undefined, later);
    expect(memory.stored.get(alertId(7, 'r1', 't1', 'a3'))!.silenced).toBeUndefined();
  });
});
