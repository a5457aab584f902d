import { useState } from 'preact/hooks';
import { api, ask, type Schemas } from '../../api/client';
import { Empty, ErrorNote, Section, StatusBadge } from '../../components/ui';
import { hertz, percent, when } from '../../format';
import { useLoad, useReloadOn } from '../../hooks';
import { MaintenanceWindows } from './maintenance-windows';

type Alert = Schemas['AlertResponse'];

const SNOOZE_HOURS = 24;
const SILENCED: Record<string, string> = {
  maintenance: 'raised during a maintenance window: not notified',
  snooze: 'snoozed: not notified',
};

/** The structure's alerts with their actions (acknowledge, snooze, close), and its maintenance windows. */
export function AlertsSection({ structureId }: { structureId: string }) {
  const [showClosed, setShowClosed] = useState(false);
  const alerts = useLoad(
    () =>
      ask(
        api.GET('/structures/{structureId}/alerts', {
          params: { path: { structureId }, query: { limit: 50 } },
        }),
      ),
    [structureId],
  );
  useReloadOn((event) => event.structure_id === structureId && event.run_type === 'ALERT', alerts.reload);
  const items = alerts.data?.items ?? [];
  const active = items.filter((alert) => alert.status !== 'CLOSED');
  const shown = showClosed ? items : active;
  return (
    <Section
      title="Alerts"
      id="alerts"
      actions={
        <label class="inline-check">
          <input
            type="checkbox"
            checked={showClosed}
            onChange={(e) => setShowClosed(e.currentTarget.checked)}
          />
          Show closed alerts
        </label>
      }
    >
      <ErrorNote error={alerts.error} />
      {alerts.data && shown.length === 0 && (
        <Empty>No open alert: every tracked mode is within its rule's limits.</Empty>
      )}
      {shown.length > 0 && (
        <ul class="alerts">
          {shown.map((alert) => (
            <AlertItem key={alert.id} alert={alert} structureId={structureId} onChanged={alerts.reload} />
          ))}
        </ul>
      )}
      <MaintenanceWindows structureId={structureId} />
    </Section>
  );
}

function AlertItem(props: { alert: Alert; structureId: string; onChanged: () => void }) {
  const { alert, structureId } = props;
  const [error, setError] = useState<Error>();
  const path = { structureId, id: alert.id };
  const run = (action: Promise<unknown>) => void action.then(props.onChanged, setError);
  const name = `${alert.rule_name ?? 'Monitoring rule'} · mode at ${hertz(alert.baseline_hz)}`;
  const snoozed = alert.snoozed_until && new Date(alert.snoozed_until) > new Date();
  return (
    <li class="alert-item">
      <p>
        <StatusBadge status={alert.status} /> <strong>{name}</strong>: {hertz(alert.value_hz)},{' '}
        {percent(alert.change_percent)} from its baseline {hertz(alert.baseline_hz)}
        {alert.z !== undefined && `, residual ${alert.z.toFixed(1)} sd`} (measured {when(alert.recorded_at)})
      </p>
      {alert.silenced && <p class="muted">{SILENCED[alert.silenced]}</p>}
      {snoozed && <p class="muted">Snoozed until {when(alert.snoozed_until)}</p>}
      {alert.closed && (
        <p class="muted">
          Closed {when(alert.closed.at)}: {alert.closed.reason}
          {alert.closed.comment ? ` (${alert.closed.comment})` : ''}
        </p>
      )}
      {alert.status !== 'CLOSED' && (
        <div class="actions" role="group" aria-label={`Actions on the alert of ${name}`}>
          {alert.status === 'OPEN' && (
            <button
              type="button"
              onClick={() =>
                run(
                  ask(
                    api.POST('/structures/{structureId}/alerts/{id}/acknowledge', {
                      params: { path },
                      body: {},
                    }),
                  ),
                )
              }
            >
              Acknowledge
            </button>
          )}
          {snoozed ? (
            <button
              type="button"
              onClick={() =>
                run(ask(api.DELETE('/structures/{structureId}/alerts/{id}/snooze', { params: { path } })))
              }
            >
              End snooze
            </button>
          ) : (
            <button
              type="button"
              onClick={() =>
                run(
                  ask(
                    api.POST('/structures/{structureId}/alerts/{id}/snooze', {
                      params: { path },
                      body: { until: new Date(Date.now() + SNOOZE_HOURS * 3_600_000).toISOString() },
                    }),
                  ),
                )
              }
            >
              Snooze {SNOOZE_HOURS} h
            </button>
          )}
          <button
            type="button"
            onClick={() =>
              run(
                ask(api.POST('/structures/{structureId}/alerts/{id}/close', { params: { path }, body: {} })),
              )
            }
          >
            Close
          </button>
        </div>
      )}
      <details>
        <summary>History ({alert.audit.length})</summary>
        <ol class="audit">
          {alert.audit.map((entry, i) => (
            <li key={i}>
              {when(entry.at)}: {entry.action}
              {entry.by === null ? ' by ModalFlow' : ` by user ${entry.by}`}
              {entry.until ? ` until ${when(entry.until)}` : ''}
              {entry.comment ? `: ${entry.comment}` : ''}
            </li>
          ))}
        </ol>
      </details>
      <ErrorNote error={error} />
    </li>
  );
}
