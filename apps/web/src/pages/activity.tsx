import { useEffect, useState } from 'preact/hooks';
import { api, ask } from '../api/client';
import { Empty, ErrorNote, Table } from '../components/ui';
import { percent, when } from '../format';
import { useLiveEvents } from '../hooks';
import type { StatusEvent } from '../live';
import { href } from '../router';

const SHOWN = 200;
const HISTORY_PAGES = 10;

/** Every status change of the tenant, newest first: what the first live page showed, with links. */
export function ActivityPage() {
  const [events, setEvents] = useState<StatusEvent[]>([]);
  const [error, setError] = useState<Error>();
  useEffect(() => {
    let current = true;
    history().then((found) => current && setEvents((live) => merged(found, live)), setError);
    return () => {
      current = false;
    };
  }, []);
  useLiveEvents((event) => setEvents((before) => merged(before, [event])), []);

  return (
    <div class="page">
      <h1>Activity</h1>
      <p class="muted">Fetch jobs, uploads, analyses and monitoring alerts of your tenant as they change.</p>
      <ErrorNote error={error} />
      {events.length === 0 && !error && (
        <Empty>Nothing has happened yet. Upload a recording or start a fetch job.</Empty>
      )}
      {events.length > 0 && (
        <Table caption="Status changes" head={['When', 'What', 'Status', 'Details']}>
          {events.map((event) => (
            <tr key={event.seq}>
              <td>{when(event.at)}</td>
              <td>
                <EventLink event={event} />
              </td>
              <td>
                <span class={`status status-${event.status.toLowerCase()}`}>{event.status}</span>
              </td>
              <td class="wrap">{details(event)}</td>
            </tr>
          ))}
        </Table>
      )}
    </div>
  );
}

function EventLink({ event }: { event: StatusEvent }) {
  const label = `${event.run_type.toLowerCase()} ${event.document_id.slice(-6)}`;
  if (event.run_type === 'FETCH')
    return <a href={href({ page: 'fetch-job', jobId: event.document_id })}>{label}</a>;
  if (!event.structure_id) return <span>{label}</span>;
  if (event.run_type === 'UPLOAD' || event.run_type === 'MONITORING')
    return <a href={href({ page: 'structure', structureId: event.structure_id })}>{label}</a>;
  return (
    <a href={href({ page: 'analysis', structureId: event.structure_id, analysisId: event.document_id })}>
      {label}
    </a>
  );
}

function details(event: StatusEvent): string {
  if (event.alert)
    return `mode at ${event.alert.baseline_hz.toFixed(3)} Hz now ${event.alert.value_hz.toFixed(3)} Hz (${percent(event.alert.change_percent)})`;
  if (event.message) return event.message;
  if (event.counts)
    return Object.entries(event.counts)
      .map(([name, value]) => `${name} ${value}`)
      .join(', ');
  return '';
}

/** The newest events kept, read page by page (at most HISTORY_PAGES pages of 1,000). */
async function history(): Promise<StatusEvent[]> {
  let after = -1;
  let found: StatusEvent[] = [];
  for (let page = 0; page < HISTORY_PAGES; page++) {
    const events = await ask(api.GET('/events', { params: { query: { after, limit: 1000 } } }));
    found = [...found, ...events].slice(-SHOWN);
    if (events.length < 1000) break;
    after = events[events.length - 1].seq;
  }
  return found;
}

function merged(older: StatusEvent[], newer: StatusEvent[]): StatusEvent[] {
  const bySeq = new Map([...older, ...newer].map((event) => [event.seq, event]));
  return [...bySeq.values()].sort((a, b) => b.seq - a.seq).slice(0, SHOWN);
}
