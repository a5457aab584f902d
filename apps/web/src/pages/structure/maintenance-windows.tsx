import { useState } from 'preact/hooks';
import { api, ask } from '../../api/client';
import { ErrorNote } from '../../components/ui';
import { when } from '../../format';
import { useLoad } from '../../hooks';

/** Planned works on the structure: alerts raised by measurements inside a window are not notified. */
export function MaintenanceWindows({ structureId }: { structureId: string }) {
  const windows = useLoad(
    () =>
      ask(api.GET('/structures/{structureId}/maintenance-windows', { params: { path: { structureId } } })),
    [structureId],
  );
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<Error>();
  const add = (event: Event) => {
    event.preventDefault();
    setError(undefined);
    ask(
      api.POST('/structures/{structureId}/maintenance-windows', {
        params: { path: { structureId } },
        body: {
          starts_at: new Date(startsAt).toISOString(),
          ends_at: new Date(endsAt).toISOString(),
          ...(reason ? { reason } : {}),
        },
      }),
    ).then(() => {
      setReason('');
      windows.reload();
    }, setError);
  };
  return (
    <details class="maintenance">
      <summary>Maintenance windows ({windows.data?.total ?? 0})</summary>
      <ErrorNote error={windows.error} />
      <ul>
        {(windows.data?.items ?? []).map((window) => (
          <li key={window.id}>
            {when(window.starts_at)} – {when(window.ends_at)}
            {window.reason ? `: ${window.reason}` : ''}{' '}
            <button
              type="button"
              aria-label={`Delete the maintenance window from ${when(window.starts_at)}`}
              onClick={() =>
                void ask(
                  api.DELETE('/structures/{structureId}/maintenance-windows/{id}', {
                    params: { path: { structureId, id: window.id } },
                  }),
                ).then(windows.reload, setError)
              }
            >
              Delete
            </button>
          </li>
        ))}
      </ul>
      <form class="inline-form" onSubmit={add}>
        <label>
          Works start
          <input
            type="datetime-local"
            required
            value={startsAt}
            onInput={(e) => setStartsAt(e.currentTarget.value)}
          />
        </label>
        <label>
          Works end
          <input
            type="datetime-local"
            required
            value={endsAt}
            onInput={(e) => setEndsAt(e.currentTarget.value)}
          />
        </label>
        <label>
          Reason
          <input maxLength={500} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        </label>
        <button type="submit">Add maintenance window</button>
      </form>
      <ErrorNote error={error} />
    </details>
  );
}
