/**
 * bench/monitoring: a simulated 3-storey frame recorded BENCH_RECORDS times (10-minute records, a
 * record-to-record stiffness spread, measurement noise), the first storey losing 3% of its stiffness
 * from record BENCH_CHANGE_AT on, pushed through the real pipeline (one fetch job of the structure,
 * the processing worker, two OMA worker replicas) with an SSI monitoring rule.
 *
 *   npm run bench:monitoring    (BENCH_RECORDS 500, BENCH_CHANGE_AT 350, BENCH_RECORD_S 600, BENCH_RATE_HZ 50,
 *                                BENCH_SPREAD_PERCENT 0.75: standard deviation of the stiffness scale)
 *
 * Prints analyses per second, every simulated mode's track continuity (points on its track /
 * records), the frequency spread the records gave, the record at which the first ALERT fired and the
 * ALERTs before the change. Last line:
 * `monitoring: continuity <lowest %> alert_after <records after the change> false_alerts <n>`.
 */
import { writeFileSync } from 'node:fs';
import { ApiClient } from '../test/support/api-client';
import { AppProcess } from '../test/support/app-process';
import { createStructure } from '../test/support/analyses';
import { runIsolated } from '../test/support/isolated-run';
import { KafkaListener } from '../test/support/kafka-listener';
import { FRAME_CHANNELS, frameRecord } from '../test/support/monitored-frame';
import { isolatedDatabase, waitFor } from '../test/support/services';
import { SourceServer } from '../test/support/source-server';
import { type StatusEvent } from '@modalflow/contracts';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 500);
const CHANGE_AT = Number(process.env.BENCH_CHANGE_AT ?? 350);
const RECORD_S = Number(process.env.BENCH_RECORD_S ?? 600);
const SPREAD = Number(process.env.BENCH_SPREAD_PERCENT ?? 0.75) / 100;
const RATE_HZ = Number(process.env.BENCH_RATE_HZ ?? 50);
const LOSS = 0.03;
const START = Date.UTC(2026, 0, 1);
const TRACKING = { baseline_points: 30, window_points: 5, alert_percent: 0.7, clear_percent: 0.45 };

interface AnalysisView {
  id: string;
  status: string;
  created_at: string;
  finished_at?: string;
  monitoring: { source_id: string };
}
interface TrackView {
  id: string;
  value_hz: number;
  baseline_hz?: number;
  points: number;
  alert: boolean;
}

/** Normal draws of a fixed seed (Box-Muller over a Park-Miller generator). */
function normals(seed: number): () => number {
  let state = seed;
  const uniform = () => (state = (state * 16807) % 2147483647) / 2147483647;
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

async function main(): Promise<void> {
  const draw = normals(20261202);
  const scales = Array.from({ length: RECORDS }, () => 1 + SPREAD * draw());
  const loss = (i: number) => (i + 1 >= CHANGE_AT ? LOSS : 0);
  const exact = frameRecord({ seed: 1, duration_s: 1, sampling_rate_hz: RATE_HZ }).modes.map(
    (m) => m.frequency_hz,
  );

  const source = await SourceServer.start();
  const index = scales.map((scale, i) => {
    const path = `/records/${i + 1}.csv`;
    source.route(path, (_request, response) => {
      const { csv } = frameRecord({
        seed: 1000 + i,
        duration_s: RECORD_S,
        sampling_rate_hz: RATE_HZ,
        stiffness_scale: scale,
        first_storey_loss: loss(i),
      });
      response.writeHead(200, { 'content-type': 'text/csv' }).end(csv);
    });
    return {
      id: `record-${i + 1}`,
      creation_date: new Date(START + i * 6 * 3_600_000).toISOString(),
      url: source.url(path),
    };
  });
  source.serve(
    '/index.ndjson',
    index.map((entry) => JSON.stringify(entry)).join('\n'),
    'application/x-ndjson',
  );

  const database = isolatedDatabase('monitoring');
  const env = {
    MONGODB_DATABASE: database,
    MONGODB_DATABASE_MEASURES: `${database}_measures`,
    FETCH_ALLOWED_HOSTS: source.host,
    FETCH_MAX_BYTES: String(4 * 1024 * 1024),
    WORKERS: '2',
    SLEEP_TIME: '1',
  };
  const kafka = await KafkaListener.listen();
  const api = await AppProcess.startPipeline(env, 2);
  const client = await ApiClient.as(api.url, 90, 1);
  const structureId = await createStructure(client, 'Simulated frame');
  const rule = await client.request<{ id: string }>('POST', `/structures/${structureId}/monitoring`, {
    name: 'frame',
    type: 'SSI',
    params: { order_max: 30 },
    channels: FRAME_CHANNELS,
    tracking: TRACKING,
  });
  if (rule.status !== 201) throw new Error(`rule: ${rule.status} ${JSON.stringify(rule.body)}`);
  console.log(
    `${RECORDS} records of ${RECORD_S} s at ${RATE_HZ} Hz, stiffness spread ${(100 * SPREAD).toFixed(2)}% (sd), ` +
      `first storey -${100 * LOSS}% from record ${CHANGE_AT}; tracking ${JSON.stringify(TRACKING)}`,
  );

  const started = Date.now();
  const job = await client.createFetchJob({ sourceUrl: source.url('/index.ndjson'), structureId });
  const analyses = await waitFor(
    `${RECORDS} monitored analyses to end`,
    async () => {
      const all: AnalysisView[] = [];
      for (let offset = 0; offset < RECORDS; offset += 200) {
        const page = await client.get<{ items: AnalysisView[] }>(
          `/structures/${structureId}/analyses?rule_id=${rule.body.id}&limit=200&offset=${offset}`,
        );
        all.push(...page.items);
      }
      const ended = all.filter((a) => ['DONE', 'ERROR', 'SKIPPED'].includes(a.status));
      return ended.length >= RECORDS && all;
    },
    60 * 60_000,
  );
  const jobDone = await client.waitForJobEnd(job.id);
  const first = Math.min(...analyses.map((a) => Date.parse(a.created_at)));
  const last = Math.max(...analyses.map((a) => Date.parse(a.finished_at ?? a.created_at)));
  const notDone = analyses.filter((a) => a.status !== 'DONE');
  console.log(
    `pipeline: job ${jobDone.status} (${jobDone.counts.processed} processed) ; ${analyses.length} analyses, ` +
      `${notDone.length} not DONE; ${(analyses.length / ((last - first) / 1000)).toFixed(2)} analyses/s ` +
      `(first created to last finished), ${((Date.now() - started) / 1000).toFixed(0)} s in all`,
  );

  const recordOf = new Map(
    analyses.map((a) => [a.id, Number(/record-(\d+)$/.exec(a.monitoring.source_id)![1])]),
  );
  const tracks = await client.get<TrackView[]>(`/structures/${structureId}/modes?rule_id=${rule.body.id}`);
  const continuity = exact.map((frequency, m) => {
    const track = [...tracks].sort(
      (a, b) =>
        Math.abs((a.baseline_hz ?? a.value_hz) / frequency - 1) -
        Math.abs((b.baseline_hz ?? b.value_hz) / frequency - 1),
    )[0];
    const percent = (100 * (track?.points ?? 0)) / RECORDS;
    console.log(
      `mode ${m + 1} (${frequency.toFixed(3)} Hz): track ${track?.id} baseline ${track?.baseline_hz?.toFixed(4)} Hz, ` +
        `now ${track?.value_hz.toFixed(4)} Hz, ${track?.points} points: continuity ${percent.toFixed(1)}%`,
    );
    return percent;
  });
  console.log(`${tracks.length} tracks in all (the others: spurious modes of single records)`);
  // What tracking could at best follow: the records whose analysis found each mode (within 2%).
  const found = exact.map(() => 0);
  for (const analysis of analyses) {
    const [latest] = await client.get<Array<{ result: { modes: Array<{ frequency_hz: number }> } }>>(
      `/structures/${structureId}/analyses/${analysis.id}/results`,
    );
    exact.forEach((frequency, m) => {
      if (latest.result.modes.some((mode) => Math.abs(mode.frequency_hz / frequency - 1) < 0.02)) found[m]++;
    });
  }
  console.log(
    `identified by the analyses: ${found.map((n, m) => `mode ${m + 1} ${((100 * n) / RECORDS).toFixed(1)}%`).join(', ')}`,
  );

  await new Promise((resolve) => setTimeout(resolve, 3000)); // the last events on their way
  // At least once on Kafka: the copies of one event share its event_id (the API keeps the first).
  const events = new Map(kafka.events.map((e: StatusEvent) => [e.event_id, e]));
  const alerts = [...events.values()]
    .filter((e) => e.run_type === 'MONITORING')
    .map((e) => ({ status: e.status, record: recordOf.get(e.alert!.analysis_id)!, alert: e.alert! }))
    .sort((a, b) => a.record - b.record);
  for (const event of alerts)
    console.log(
      `  ${event.status} at record ${event.record}: track ${event.alert.track_id} ${event.alert.change_percent.toFixed(2)}%`,
    );
  const falseAlerts = alerts.filter((e) => e.status === 'ALERT' && e.record < CHANGE_AT).length;
  const firstAlert = alerts.find((e) => e.status === 'ALERT' && e.record >= CHANGE_AT);
  const alertAfter = firstAlert ? firstAlert.record - CHANGE_AT + 1 : 'none';

  const plot = await client.fetchRaw(
    `/structures/${structureId}/modes/plots/trend.png?rule_id=${rule.body.id}`,
  );
  const plotPath = `/tmp/modalflow-monitoring-trend.png`;
  writeFileSync(plotPath, Buffer.from(await plot.arrayBuffer()));
  console.log(`trend plot: ${plotPath}`);
  await kafka.close();
  await source.close();
  console.log(
    `monitoring: continuity ${Math.min(...continuity).toFixed(1)} alert_after ${alertAfter} false_alerts ${falseAlerts}`,
  );
}

runIsolated(main);
