import { useState } from 'preact/hooks';
import { api, ask, type Schemas } from '../api/client';
import { Empty, ErrorNote, Section, StatusBadge, Table } from '../components/ui';
import { when } from '../format';
import { useLoad } from '../hooks';

type Hook = Schemas['WebhookResponse'];
type WebhookEvent = Schemas['CreateWebhookDto']['events'][number];

const EVENTS: WebhookEvent[] = [
  'alert.opened',
  'alert.acknowledged',
  'alert.closed',
  'analysis.done',
  'analysis.failed',
  'fetch_job.done',
  'fetch_job.failed',
  'upload.done',
  'upload.failed',
];

/** The tenant's webhooks: where events are sent, how the last delivery went, and each hook's log. */
export function WebhooksPage() {
  const hooks = useLoad(() => ask(api.GET('/webhooks', { params: { query: { limit: 50 } } })), []);
  const [shown, setShown] = useState<string>();
  const [error, setError] = useState<Error>();
  const act = (action: Promise<unknown>) => void action.then(hooks.reload, setError);
  return (
    <div class="page">
      <h1>Webhooks</h1>
      <p class="muted">
        Each event a webhook asks for is POSTed to its URL as JSON, signed with its secret (header
        ModalFlow-Signature), retried until the receiver answers 2xx. Alerts raised during a maintenance
        window or snoozed are not sent.
      </p>
      <NewWebhook onCreated={hooks.reload} />
      <Section title="Your webhooks" id="webhooks">
        <ErrorNote error={hooks.error ?? error} />
        {hooks.data && hooks.data.items.length === 0 && <Empty>No webhook yet: add one above.</Empty>}
        {hooks.data && hooks.data.items.length > 0 && (
          <Table caption="Webhooks" head={['URL', 'Events', 'State', 'Last delivery', 'Actions']}>
            {hooks.data.items.map((hook) => (
              <tr key={hook.id}>
                <th scope="row" class="wrap">
                  {hook.url}
                  {hook.description && <div class="muted">{hook.description}</div>}
                </th>
                <td class="wrap">{hook.events.join(', ')}</td>
                <td class="wrap">
                  <StatusBadge status={hook.enabled ? 'ENABLED' : 'DISABLED'} />
                  {hook.disabled_reason && <div class="muted">{hook.disabled_reason}</div>}
                </td>
                <td class="wrap">{lastDelivery(hook)}</td>
                <td>
                  <div class="actions" role="group" aria-label={`Actions on the webhook to ${hook.url}`}>
                    <button
                      type="button"
                      onClick={() =>
                        act(ask(api.POST('/webhooks/{id}/ping', { params: { path: { id: hook.id } } })))
                      }
                    >
                      Ping
                    </button>
                    <button
                      type="button"
                      onClick={() =>
                        act(
                          ask(
                            api.PATCH('/webhooks/{id}', {
                              params: { path: { id: hook.id } },
                              body: { enabled: !hook.enabled },
                            }),
                          ),
                        )
                      }
                    >
                      {hook.enabled ? 'Disable' : 'Enable'}
                    </button>
                    <button type="button" onClick={() => setShown(shown === hook.id ? undefined : hook.id)}>
                      {shown === hook.id ? 'Hide deliveries' : 'Deliveries'}
                    </button>
                    <button
                      type="button"
                      onClick={() =>
                        confirm(`Delete the webhook to ${hook.url}?`) &&
                        act(ask(api.DELETE('/webhooks/{id}', { params: { path: { id: hook.id } } })))
                      }
                    >
                      Delete
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </Table>
        )}
      </Section>
      {shown && <DeliveryLog hookId={shown} />}
    </div>
  );
}

function lastDelivery(hook: Hook): string {
  const last = hook.last_delivery;
  if (!last) return 'none yet';
  const outcome =
    last.outcome === 'DELIVERED' ? `delivered (HTTP ${last.status_code})` : `failed: ${last.error}`;
  return `${last.event} ${when(last.at)}, ${outcome}`;
}

function NewWebhook({ onCreated }: { onCreated: () => void }) {
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>(['alert.opened', 'alert.closed']);
  const [description, setDescription] = useState('');
  const [secret, setSecret] = useState<string>();
  const [error, setError] = useState<Error>();
  const submit = (event: Event) => {
    event.preventDefault();
    setError(undefined);
    ask(api.POST('/webhooks', { body: { url, events, ...(description ? { description } : {}) } })).then(
      (made) => {
        setSecret(made.secret);
        setUrl('');
        onCreated();
      },
      setError,
    );
  };
  return (
    <Section title="Add a webhook" id="new-webhook">
      <form class="stack" onSubmit={submit}>
        <label>
          URL
          <input
            type="url"
            required
            maxLength={2048}
            value={url}
            onInput={(e) => setUrl(e.currentTarget.value)}
          />
        </label>
        <fieldset>
          <legend>Events</legend>
          {EVENTS.map((name) => (
            <label key={name} class="inline-check">
              <input
                type="checkbox"
                checked={events.includes(name)}
                onChange={(e) =>
                  setEvents(
                    e.currentTarget.checked ? [...events, name] : events.filter((other) => other !== name),
                  )
                }
              />
              {name}
            </label>
          ))}
        </fieldset>
        <label>
          Description
          <input maxLength={200} value={description} onInput={(e) => setDescription(e.currentTarget.value)} />
        </label>
        <button type="submit">Add webhook</button>
      </form>
      <ErrorNote error={error} />
      {secret && (
        <p role="status" class="notice">
          Its signing secret, shown this once: <code>{secret}</code>
        </p>
      )}
    </Section>
  );
}

function DeliveryLog({ hookId }: { hookId: string }) {
  const log = useLoad(
    () =>
      ask(api.GET('/webhooks/{id}/deliveries', { params: { path: { id: hookId }, query: { limit: 50 } } })),
    [hookId],
  );
  return (
    <Section
      title="Deliveries"
      id="deliveries"
      actions={
        <button type="button" onClick={log.reload}>
          Refresh
        </button>
      }
    >
      <ErrorNote error={log.error} />
      {log.data && log.data.items.length === 0 && <Empty>Nothing sent to this webhook yet.</Empty>}
      {log.data && log.data.items.length > 0 && (
        <Table caption="Deliveries" head={['Event', 'Queued', 'State', 'Attempts']}>
          {log.data.items.map((delivery) => (
            <tr key={delivery.id}>
              <th scope="row">{delivery.event}</th>
              <td>{when(delivery.created_at)}</td>
              <td class="wrap">
                <StatusBadge status={delivery.status} />
                {delivery.reason && <div class="muted">{delivery.reason}</div>}
              </td>
              <td class="wrap">
                {delivery.attempts
                  .map((attempt) => attempt.error ?? `HTTP ${attempt.status_code}`)
                  .join(' · ') || 'none yet'}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Section>
  );
}
