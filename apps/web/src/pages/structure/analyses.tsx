import { useState } from 'preact/hooks';
import { api, ask, type Schemas } from '../../api/client';
import { Empty, ErrorNote, Pager, Section, StatusBadge, Table } from '../../components/ui';
import { when } from '../../format';
import { useLoad, useReloadOn } from '../../hooks';
import { href } from '../../router';

type Analysis = Schemas['AnalysisResponse'];
const PAGE = 20;
const ACTIVE = ['QUEUED', 'RUNNING'];

/** The structure's analyses with their statuses live; run and abort from the list. */
export function AnalysesSection({ structureId }: { structureId: string }) {
  const [offset, setOffset] = useState(0);
  const [error, setError] = useState<Error>();
  const analyses = useLoad(
    () =>
      ask(
        api.GET('/structures/{structureId}/analyses', {
          params: { path: { structureId }, query: { offset, limit: PAGE } },
        }),
      ),
    [structureId, offset],
  );
  useReloadOn(
    (event) =>
      event.structure_id === structureId && event.run_type !== 'UPLOAD' && event.run_type !== 'MONITORING',
    analyses.reload,
    300,
  );

  const act = (analysis: Analysis, action: 'run' | 'abort') => {
    setError(undefined);
    const path = { structureId, id: analysis.id };
    const call =
      action === 'run'
        ? api.POST('/structures/{structureId}/analyses/{id}/run', { params: { path } })
        : api.POST('/structures/{structureId}/analyses/{id}/abort', { params: { path } });
    ask(call).then(analyses.reload, setError);
  };

  return (
    <Section
      title="Analyses"
      id="analyses"
      actions={
        <a class="button" href={href({ page: 'new-analysis', structureId })}>
          New analysis
        </a>
      }
    >
      <ErrorNote error={error ?? analyses.error} />
      {analyses.data && analyses.data.total === 0 && (
        <Empty>No analysis yet. Choose “New analysis” to run FDD or SSI on an upload or a measurement.</Empty>
      )}
      {analyses.data && analyses.data.total > 0 && (
        <>
          <Table caption="Analyses" head={['Analysis', 'Type', 'Status', 'Created', 'Finished', 'Actions']}>
            {analyses.data.items.map((analysis) => (
              <tr key={analysis.id}>
                <td>
                  <a href={href({ page: 'analysis', structureId, analysisId: analysis.id })}>
                    {analysis.name ?? `${analysis.type} analysis`}
                  </a>
                  {analysis.monitoring && <div class="muted">by a monitoring rule</div>}
                </td>
                <td>{analysis.type}</td>
                <td>
                  <StatusBadge status={analysis.status} />
                  {analysis.error && <div class="error-text">{analysis.error}</div>}
                </td>
                <td>{when(analysis.created_at)}</td>
                <td>{when(analysis.finished_at)}</td>
                <td>
                  {ACTIVE.includes(analysis.status) ? (
                    <button
                      type="button"
                      onClick={() => act(analysis, 'abort')}
                      aria-label={`Abort ${analysis.name ?? analysis.type}`}
                    >
                      Abort
                    </button>
                  ) : (
                    <button
                      type="button"
                      onClick={() => act(analysis, 'run')}
                      aria-label={`${runLabel(analysis)} ${analysis.name ?? analysis.type}`}
                    >
                      {runLabel(analysis)}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </Table>
          <Pager
            label="Analyses"
            offset={offset}
            limit={PAGE}
            total={analyses.data.total}
            onPage={setOffset}
          />
        </>
      )}
    </Section>
  );
}

const runLabel = (analysis: Analysis) => (analysis.status === 'READY' ? 'Run' : 'Run again');
