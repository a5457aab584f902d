import { useState } from 'preact/hooks';
import { api, ask, type Schemas } from '../../api/client';
import { Empty, ErrorNote, Section, StatusBadge, Table } from '../../components/ui';
import { dampingPercent, hertz, percent } from '../../format';
import { useLoad, useReloadOn } from '../../hooks';
import { TrendChart, trackLabel } from './trend-chart';

type Track = Schemas['ModeTrackResponse'];
type RuleChart = Schemas['RuleChartResponse'];

/** The structure's tracked modes (table and trend chart), updated live. */
export function ModesSection({ structureId }: { structureId: string }) {
  const trend = useLoad(
    () => ask(api.GET('/structures/{structureId}/modes/trend', { params: { path: { structureId } } })),
    [structureId],
  );
  // A monitored analysis adds its points before it is DONE; an ALERT or CLEARED changes a state.
  useReloadOn(
    (event) =>
      event.structure_id === structureId && (event.run_type === 'MONITORING' || event.status === 'DONE'),
    trend.reload,
  );
  const tracks = trend.data?.tracks ?? [];

  return (
    <>
      <Section title="Tracked modes" id="tracked-modes">
        <ErrorNote error={trend.error} />
        {trend.data && tracks.length === 0 && (
          <Empty>
            No tracked mode yet. Add a monitoring rule below; each new measurement then adds a point to the
            tracks.
          </Empty>
        )}
        {tracks.length > 0 && (
          <>
            <Table
              caption="Tracked modes"
              head={[
                'Mode',
                'Frequency now',
                'Baseline',
                'Change',
                'Damping',
                'Points',
                'Compensation',
                'State',
                'Name',
              ]}
            >
              {tracks.map((track, index) => (
                <TrackRow
                  key={track.id}
                  track={track}
                  index={index}
                  structureId={structureId}
                  onRenamed={trend.reload}
                />
              ))}
            </Table>
            {trend.data!.rule_charts.map((chart) => (
              <RuleChartNote key={chart.rule_id} chart={chart} />
            ))}
            <TrendChart trend={trend.data!} />
            {trend.data!.truncated && <p class="muted">The chart shows the oldest 20,000 points.</p>}
          </>
        )}
      </Section>
    </>
  );
}

function TrackRow(props: { track: Track; index: number; structureId: string; onRenamed: () => void }) {
  const { track, index } = props;
  return (
    <tr>
      <th scope="row">{trackLabel(track, index)}</th>
      <td>{hertz(track.value_hz)}</td>
      <td>{track.baseline_hz === undefined ? 'collecting' : hertz(track.baseline_hz)}</td>
      <td>{percent(track.change_percent)}</td>
      <td>{dampingPercent(track.latest.damping_ratio)}</td>
      <td>{track.points}</td>
      <td class="wrap">{compensationText(track)}</td>
      <td>
        <StatusBadge status={track.alert ? 'ALERT' : 'OK'} />
      </td>
      <td>
        <TrackName {...props} />
      </td>
    </tr>
  );
}

/** A user's name for a track ("1st vertical bending"): shown in lists, alerts and plots. */
function TrackName(props: { track: Track; index: number; structureId: string; onRenamed: () => void }) {
  const { track, structureId } = props;
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(track.name ?? '');
  const [error, setError] = useState<Error>();
  const label = trackLabel(track, props.index);
  if (!editing)
    return (
      <button type="button" aria-label={`Name ${label}`} onClick={() => setEditing(true)}>
        Name
      </button>
    );
  return (
    <form
      class="inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        void ask(
          api.PATCH('/structures/{structureId}/modes/{trackId}', {
            params: { path: { structureId, trackId: track.id } },
            body: { name: name.trim() || null },
          }),
        ).then(() => {
          setEditing(false);
          props.onRenamed();
        }, setError);
      }}
    >
      <label>
        Name of {label}
        <input value={name} maxLength={100} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <button type="submit">Save</button>
      <ErrorNote error={error} />
    </form>
  );
}

/** Where a compensated track's model stands, and its latest residual. */
function compensationText(track: Track): string {
  const compensation = track.compensation;
  if (!compensation) return 'none';
  if (compensation.state === 'refused') return `no model: ${compensation.reason}`;
  if (compensation.state === 'training') return `training (${compensation.training_points} points)`;
  const model = compensation.model!;
  const slopes = Object.entries(model.slopes_hz)
    .map(([name, slope]) => `${slope.toExponential(2)} Hz per unit of ${name}`)
    .join(', ');
  const latest = track.latest.z === undefined ? '' : `; latest residual ${track.latest.z.toFixed(1)} sd`;
  const spurious = compensation.established ? '' : '; sparse track, never alerts';
  return `${slopes}${latest}${spurious}`;
}

/** Where a compensated rule's chart over all its established tracks stands. */
function RuleChartNote({ chart }: { chart: RuleChart }) {
  const latest = chart.points.at(-1);
  const now =
    chart.state === 'judging' && latest?.t2 !== undefined
      ? `latest T² ${latest.t2.toFixed(1)}, limit ${chart.limit!.toFixed(1)}`
      : chart.state === 'refused'
        ? `no chart: ${chart.reason}`
        : `training (${chart.training_records} of ${chart.training_needed} records)`;
  return (
    <p class="muted">
      Rule-wide chart (Hotelling T² over {chart.track_ids.length} modes): {now}
      {chart.alert && (
        <>
          {' '}
          <StatusBadge status="ALERT" />
        </>
      )}
    </p>
  );
}
