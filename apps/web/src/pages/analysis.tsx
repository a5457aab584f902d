import { api, ask } from '../api/client';
import { Empty, ErrorNote, Plot, Section, StatusBadge, Table } from '../components/ui';
import { GeometrySection } from './analysis-geometry';
import { dampingPercent, hertz, when } from '../format';
import { useLoad, useReloadOn } from '../hooks';
import { href } from '../router';

/** A mode as the OMA library reports it (SSI adds its cluster's spread, and its uncertainty when asked). */
interface ResultMode {
  frequency_hz: number;
  damping_ratio: number | null;
  mode_shape: number[];
  mpc?: number;
  poles?: number;
  frequency_std_hz?: number;
  damping_std?: number;
  uncertainty?: { frequency_sd_hz: number; damping_sd: number };
}

const FREQUENCY_DOMAIN_PLOTS = [
  { name: 'singular-values', title: 'Singular values of the spectral matrix' },
  { name: 'mode-shapes', title: 'Mode shapes' },
];
const SUBSPACE_PLOTS = [
  { name: 'stabilization', title: 'Stabilization diagram' },
  { name: 'mode-shapes', title: 'Mode shapes' },
];
const PLOTS: Record<string, Array<{ name: string; title: string }>> = {
  FDD: FREQUENCY_DOMAIN_PLOTS,
  FSDD: FREQUENCY_DOMAIN_PLOTS,
  SSI: SUBSPACE_PLOTS,
  'SSI-DAT': SUBSPACE_PLOTS,
  PLSCF: SUBSPACE_PLOTS,
};

/** An analysis: its status live, then its modes and plots once DONE. */
export function AnalysisPage({ structureId, analysisId }: { structureId: string; analysisId: string }) {
  const path = { structureId, id: analysisId };
  const analysis = useLoad(
    () => ask(api.GET('/structures/{structureId}/analyses/{id}', { params: { path } })),
    [analysisId],
  );
  const results = useLoad(
    () =>
      analysis.data?.status === 'DONE'
        ? ask(api.GET('/structures/{structureId}/analyses/{id}/results', { params: { path } }))
        : Promise.resolve([]),
    [analysisId, analysis.data?.status],
  );
  useReloadOn((event) => event.document_id === analysisId, analysis.reload, 200);

  const current = analysis.data;
  const latest = results.data?.at(-1);
  const result = latest?.result as
    { modes?: ResultMode[]; channels?: string[]; sampling_rate_hz?: number } | undefined;
  return (
    <div class="page">
      <p class="crumbs">
        <a href={href({ page: 'structure', structureId })}>Back to the structure</a>
      </p>
      <ErrorNote error={analysis.error} />
      {current && (
        <>
          <h1>{current.name ?? `${current.type} analysis`}</h1>
          <dl class="facts">
            <dt>Status</dt>
            <dd>
              <StatusBadge status={current.status} />
            </dd>
            <dt>Method</dt>
            <dd>{current.type}</dd>
            <dt>Input</dt>
            <dd>{describeInput(current.input)}</dd>
            <dt>Created</dt>
            <dd>{when(current.created_at)}</dd>
            <dt>Finished</dt>
            <dd>{when(current.finished_at)}</dd>
          </dl>
          {current.error && <ErrorNote error={`The run failed: ${current.error}`} />}
        </>
      )}
      <ErrorNote error={results.error} />
      {result?.modes && (
        <Section title="Identified modes" id="modes">
          {result.modes.length === 0 ? (
            <Empty>No mode was found. Try a longer record, other channels or looser parameters.</Empty>
          ) : (
            <ModesTable modes={result.modes} />
          )}
          {result.channels && (
            <p class="muted">
              Channels {result.channels.join(', ')} at {result.sampling_rate_hz} Hz.
            </p>
          )}
        </Section>
      )}
      {current?.status === 'DONE' && current.type !== 'PREPROCESSING' && (
        <GeometrySection structureId={structureId} analysisId={analysisId} />
      )}
      {current?.status === 'DONE' && PLOTS[current.type] && (
        <Section title="Plots" id="plots">
          <div class="plots">
            {PLOTS[current.type].map((plot) => (
              <figure key={plot.name}>
                <Plot
                  path={`/structures/${structureId}/analyses/${analysisId}/plots/${plot.name}.svg`}
                  alt={plot.title}
                />
                <figcaption>{plot.title}</figcaption>
              </figure>
            ))}
          </div>
        </Section>
      )}
    </div>
  );
}

function ModesTable({ modes }: { modes: ResultMode[] }) {
  const withSpread = modes.some((mode) => mode.frequency_std_hz !== undefined);
  const withUncertainty = modes.some((mode) => mode.uncertainty !== undefined);
  const head = [
    'Mode',
    'Frequency',
    'Damping',
    'MPC',
    ...(withUncertainty ? ['Frequency standard deviation', 'Damping standard deviation'] : []),
    ...(withSpread ? ['Frequency spread', 'Damping spread', 'Poles'] : []),
  ];
  return (
    <Table caption="Identified modes" head={head}>
      {modes.map((mode, index) => (
        <tr key={index}>
          <th scope="row">{index + 1}</th>
          <td>{hertz(mode.frequency_hz, 4)}</td>
          <td>{dampingPercent(mode.damping_ratio)}</td>
          <td>{mode.mpc === undefined ? '–' : mode.mpc.toFixed(3)}</td>
          {withUncertainty && (
            <>
              <td>{mode.uncertainty ? `± ${hertz(mode.uncertainty.frequency_sd_hz, 4)}` : '–'}</td>
              <td>{mode.uncertainty ? `± ${dampingPercent(mode.uncertainty.damping_sd)}` : '–'}</td>
            </>
          )}
          {withSpread && (
            <>
              <td>± {hertz(mode.frequency_std_hz, 4)}</td>
              <td>± {dampingPercent(mode.damping_std)}</td>
              <td>{mode.poles ?? '–'}</td>
            </>
          )}
        </tr>
      ))}
    </Table>
  );
}

function describeInput(input: Record<string, unknown>): string {
  switch (input.source) {
    case 'upload':
      return `upload ${String(input.upload_id)}`;
    case 'measurement':
      return `measurement ${String(input.measurement_id)}`;
    case 'analysis':
      return `output of analysis ${String(input.analysis_id)}`;
    case 'file':
      return `file ${String(input.path)}`;
    case 'bucket':
      return `object ${String(input.key)}`;
    default:
      return String(input.source);
  }
}
