import { useState } from 'preact/hooks';
import { api, ask } from '../api/client';
import { Empty, ErrorNote, Pager, Section, Table } from '../components/ui';
import { count, when } from '../format';
import { useLoad, useReloadOn } from '../hooks';
import { href, navigate } from '../router';

const PAGE = 50;

/** The tenant's structures with what each holds, and a form to add one. */
export function StructuresPage() {
  const [offset, setOffset] = useState(0);
  const list = useLoad(
    () => ask(api.GET('/structures', { params: { query: { offset, limit: PAGE } } })),
    [offset],
  );
  // An ALERT or CLEARED, or a new measurement, changes the summaries.
  useReloadOn((event) => event.run_type === 'MONITORING' || event.status === 'DONE', list.reload, 1000);

  return (
    <div class="page">
      <h1>Structures</h1>
      <NewStructure />
      <Section title="Your structures" id="structures-list">
        <ErrorNote error={list.error} />
        {list.data && list.data.total === 0 && (
          <Empty>No structure yet. Add one above, then upload a recording or start a fetch job for it.</Empty>
        )}
        {list.data && list.data.total > 0 && (
          <>
            <Table
              caption="Structures"
              head={['Name', 'Measurements', 'Last measurement', 'Tracked modes', 'Open alerts']}
            >
              {list.data.items.map((structure) => (
                <tr key={structure.id}>
                  <td>
                    <a href={href({ page: 'structure', structureId: structure.id })}>{structure.name}</a>
                    {structure.location && <div class="muted">{structure.location}</div>}
                  </td>
                  <td>
                    {count(structure.summary.measurements, 'measurement')},{' '}
                    {count(structure.summary.uploads, 'upload')}
                  </td>
                  <td>{when(structure.summary.last_measurement_at)}</td>
                  <td>{structure.summary.tracked_modes}</td>
                  <td>
                    {structure.summary.open_alerts > 0 ? (
                      <span class="status status-alert">{count(structure.summary.open_alerts, 'alert')}</span>
                    ) : (
                      'none'
                    )}
                  </td>
                </tr>
              ))}
            </Table>
            <Pager
              label="Structures"
              offset={offset}
              limit={PAGE}
              total={list.data.total}
              onPage={setOffset}
            />
          </>
        )}
      </Section>
    </div>
  );
}

function NewStructure() {
  const [name, setName] = useState('');
  const [location, setLocation] = useState('');
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  return (
    <Section title="Add a structure" id="new-structure">
      <form
        class="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          setBusy(true);
          ask(api.POST('/structures', { body: { name, ...(location ? { location } : {}) } }))
            .then((created) => navigate({ page: 'structure', structureId: created.id }), setError)
            .finally(() => setBusy(false));
        }}
      >
        <label>
          Name
          <input value={name} onInput={(e) => setName(e.currentTarget.value)} required maxLength={200} />
        </label>
        <label>
          Location (optional)
          <input value={location} onInput={(e) => setLocation(e.currentTarget.value)} maxLength={200} />
        </label>
        <button type="submit" disabled={busy}>
          Add structure
        </button>
      </form>
      <ErrorNote error={error} />
    </Section>
  );
}
