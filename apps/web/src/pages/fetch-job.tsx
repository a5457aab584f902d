import { useState } from 'preact/hooks';
import { api, ask, type Schemas } from '../api/client';
import { Empty, ErrorNote, Pager, Section, StatusBadge, Table } from '../components/ui';
import { when } from '../format';
import { useLoad, useReloadOn } from '../hooks';
import { href } from '../router';

type ResourceStatus = 'QUEUED' | 'DONE' | 'FAILED' | 'INVALID';
const STATUSES: ResourceStatus[] = ['QUEUED', 'DONE', 'FAILED', 'INVALID'];
const PAGE = 50;

/** One fetch job: its counts live, its resources by status with their reasons, retry of the failed. */
export function FetchJobPage({ jobId }: { jobId: string }) {
  const job = useLoad(() => ask(api.GET('/fetch-jobs/{id}', { params: { path: { id: jobId } } })), [jobId]);
  useReloadOn((event) => event.document_id === jobId, job.reload, 300);
  const [error, setError] = useState<Error>();
  const retry = () =>
    ask(api.POST('/fetch-jobs/{id}/retry-failed', { params: { path: { id: jobId } } })).then(
      job.reload,
      setError,
    );

  const current = job.data;
  return (
    <div class="page">
      <p class="crumbs">
        <a href={href({ page: 'fetch-jobs' })}>Fetch jobs</a> /
      </p>
      <h1>Fetch job</h1>
      <ErrorNote error={job.error ?? error} />
      {current && (
        <>
          <dl class="facts">
            <dt>Source</dt>
            <dd class="wrap">{current.source_url}</dd>
            <dt>Status</dt>
            <dd>
              <StatusBadge status={current.status} />
            </dd>
            <dt>Structure</dt>
            <dd>
              {current.structure_id ? (
                <a href={href({ page: 'structure', structureId: current.structure_id })}>open</a>
              ) : (
                'none'
              )}
            </dd>
            <dt>Created</dt>
            <dd>{when(current.created_at)}</dd>
            <dt>Finished</dt>
            <dd>{when(current.finished_at)}</dd>
          </dl>
          {current.last_error && <ErrorNote error={current.last_error} />}
          <Counts counts={current.counts} />
          {current.status === 'DONE' && current.counts.failed > 0 && (
            <button type="button" onClick={() => void retry()}>
              Retry the {current.counts.failed} failed
            </button>
          )}
          <Resources
            jobId={jobId}
            version={`${current.counts.processed}:${current.counts.failed}:${current.status}`}
          />
        </>
      )}
    </div>
  );
}

function Counts({ counts }: { counts: Schemas['FetchJobCountsResponse'] }) {
  return (
    <div class="counts" role="group" aria-label="Counts">
      <p>
        <label>
          Settled {counts.processed + counts.failed} of {counts.valid}
          <progress max={Math.max(counts.valid, 1)} value={counts.processed + counts.failed} />
        </label>
      </p>
      <p>
        Found {counts.found}, valid {counts.valid}, invalid {counts.invalid}, processed {counts.processed},
        failed {counts.failed} (attempts {counts.attempts})
      </p>
    </div>
  );
}

function Resources({ jobId, version }: { jobId: string; version: string }) {
  const [status, setStatus] = useState<ResourceStatus>('FAILED');
  const [offset, setOffset] = useState(0);
  const resources = useLoad(
    () =>
      ask(
        api.GET('/fetch-jobs/{id}/resources', {
          params: { path: { id: jobId }, query: { status, offset, limit: PAGE } },
        }),
      ),
    [jobId, status, offset, version],
  );
  return (
    <Section
      title="Resources"
      id="resources"
      actions={
        <label>
          Status{' '}
          <select
            value={status}
            onChange={(e) => {
              setStatus(e.currentTarget.value as ResourceStatus);
              setOffset(0);
            }}
          >
            {STATUSES.map((option) => (
              <option key={option}>{option}</option>
            ))}
          </select>
        </label>
      }
    >
      <ErrorNote error={resources.error} />
      {resources.data && resources.data.total === 0 && <Empty>No {status} resource.</Empty>}
      {resources.data && resources.data.total > 0 && (
        <>
          <Table
            caption={`${status} resources`}
            head={['Resource', 'Status', 'Reason', 'Attempts', 'Created']}
          >
            {resources.data.items.map((resource) => (
              <tr key={resource.id}>
                <td>{resource.resource_id}</td>
                <td>
                  <StatusBadge status={resource.status} />
                </td>
                <td class="wrap">{resource.reason ?? resource.last_error ?? '–'}</td>
                <td>{resource.attempts}</td>
                <td>{when(resource.creation_date)}</td>
              </tr>
            ))}
          </Table>
          <Pager
            label="Resources"
            offset={offset}
            limit={PAGE}
            total={resources.data.total}
            onPage={setOffset}
          />
        </>
      )}
    </Section>
  );
}
