import { useState } from 'preact/hooks';
import { api, ask } from '../api/client';
import { Empty, ErrorNote, Pager, Section, StatusBadge, Table } from '../components/ui';
import { when } from '../format';
import { useLoad, useReloadOn } from '../hooks';
import { href, navigate } from '../router';

const PAGE = 20;

/** Fetch jobs: pull a data logger's export (an index of resources) into a structure's measurements. */
export function FetchJobsPage() {
  const [offset, setOffset] = useState(0);
  const jobs = useLoad(
    () => ask(api.GET('/fetch-jobs', { params: { query: { offset, limit: PAGE } } })),
    [offset],
  );
  useReloadOn((event) => event.run_type === 'FETCH', jobs.reload, 500);
  return (
    <div class="page">
      <h1>Fetch jobs</h1>
      <NewFetchJob />
      <Section title="Your fetch jobs" id="fetch-jobs-list">
        <ErrorNote error={jobs.error} />
        {jobs.data && jobs.data.total === 0 && (
          <Empty>No fetch job yet. Give the URL of an export's index above.</Empty>
        )}
        {jobs.data && jobs.data.total > 0 && (
          <>
            <Table caption="Fetch jobs" head={['Source', 'Status', 'Progress', 'Created']}>
              {jobs.data.items.map((job) => (
                <tr key={job.id}>
                  <td class="wrap">
                    <a href={href({ page: 'fetch-job', jobId: job.id })}>{job.source_url}</a>
                  </td>
                  <td>
                    <StatusBadge status={job.status} />
                  </td>
                  <td>
                    <progress
                      max={Math.max(job.counts.valid, 1)}
                      value={job.counts.processed + job.counts.failed}
                      aria-label={`Progress of ${job.source_url}`}
                    />{' '}
                    {job.counts.processed + job.counts.failed} of {job.counts.valid}
                  </td>
                  <td>{when(job.created_at)}</td>
                </tr>
              ))}
            </Table>
            <Pager
              label="Fetch jobs"
              offset={offset}
              limit={PAGE}
              total={jobs.data.total}
              onPage={setOffset}
            />
          </>
        )}
      </Section>
    </div>
  );
}

function NewFetchJob() {
  const structures = useLoad(() => ask(api.GET('/structures', { params: { query: { limit: 100 } } })), []);
  const [sourceUrl, setSourceUrl] = useState('');
  const [structureId, setStructureId] = useState('');
  const [error, setError] = useState<Error>();
  return (
    <Section title="Start a fetch job" id="new-fetch-job">
      <form
        class="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          ask(api.POST('/fetch-jobs', { body: { sourceUrl, ...(structureId ? { structureId } : {}) } })).then(
            (job) => navigate({ page: 'fetch-job', jobId: job.id }),
            setError,
          );
        }}
      >
        <label>
          Index URL
          <input
            type="url"
            value={sourceUrl}
            onInput={(e) => setSourceUrl(e.currentTarget.value)}
            required
            maxLength={2048}
            placeholder="https://…/index.json"
          />
        </label>
        <label>
          Structure
          <select value={structureId} onChange={(e) => setStructureId(e.currentTarget.value)}>
            <option value="">none (summaries only)</option>
            {structures.data?.items.map((structure) => (
              <option key={structure.id} value={structure.id}>
                {structure.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Start fetch job</button>
      </form>
      <ErrorNote error={error ?? structures.error} />
    </Section>
  );
}
