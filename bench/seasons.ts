/**
 * bench/seasons: a simulated year of a 3-storey frame whose stiffness follows temperature (seasonal
 * and daily cycles; the measured temperature off by a normal error), two records a day, the first
 * storey losing BENCH_LOSS of its stiffness from record BENCH_CHANGE_AT on, pushed through the real
 * pipeline (a fetch job whose resources carry `environment.temperature_c`, two OMA workers) under two
 * SSI rules on the same records: one without compensation (a 1 % threshold) and one with it.
 *
 *   npm run bench:seasons    (BENCH_RECORDS 730, BENCH_CHANGE_AT 620, BENCH_LOSS 0.1, BENCH_TRAINING 240,
 *                             BENCH_RECORD_S 300, BENCH_RATE_HZ 25, BENCH_TEMPERATURE_NOISE 0.5 degrees)
 *
 * Last line: `seasons: false_alerts <n> alert_after <records> residual_ratio <x> uncompensated_false_alerts <n>`
 * (residual_ratio: the residual sd over the raw frequency sd of mode 1 over its training).
 * Targets (issue 30): 0 false alerts with compensation, an ALERT within 10 records of the damage,
 * residual_ratio at most 0.3, and at least one false alert without compensation.
 */
import { ApiClient } from '../test/support/api-client';
import { AppProcess } from '../test/support/app-process';
import { createStructure } from '../test/support/analyses';
import { runIsolated } from '../test/support/isolated-run';
import { KafkaListener } from '../test/support/kafka-listener';
import { FRAME_CHANNELS, frameRecord } from '../test/support/monitored-frame';
import { isolatedDatabase, waitFor } from '../test/support/services';
import { SourceServer } from '../test/support/source-server';
import { type StatusEvent } from '@modalflow/contracts';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 730);
const CHANGE_AT = Number(process.env.BENCH_CHANGE_AT ?? 620);
const LOSS = Number(process.env.BENCH_LOSS ?? 0.1);
const TRAINING = Number(process.env.BENCH_TRAINING ?? 240);
const RECORD_S = Number(process.env.BENCH_RECORD_S ?? 300);
const RATE_HZ = Number(process.env.BENCH_RATE_HZ ?? 25);
const TEMPERATURE_NOISE = Number(process.env.BENCH_TEMPERATURE_NOISE ?? 0.5);
const START = Date.UTC(2026, 0, 1, 3);
const HOUR = 3_600_000;
/** Stiffness per degree: frequencies about 0.3 % per degree, some 6 % over the seasons. */
const STIFFNESS_PER_DEGREE = 0.006;

interface TrackView {
  id: string;
  points: number;
  baseline_hz?: number;
  value_hz: number;
  compensation?: {
    established?: boolean;
    model?: { residual_sd_hz: number; raw_sd_hz: number; intercept_hz: number };
  };
}

/** Normal draws of a fixed seed (Box-Muller over a Park-Miller generator). */
function normals(seed: number): () => number {
  let state = seed;
  const uniform = () => (state = (state * 16807) % 2147483647) / 2147483647;
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** The air temperature at a time: a seasonal cycle (coldest mid-January) and a daily one (warmest at 15:00). */
function temperatureAt(time: number): number {
  const days = (time - Date.UTC(2026, 0, 1)) / (24 * HOUR);
  const hour = (days % 1) * 24;
  return (
    8 - 12 * Math.cos((2 * Math.PI * (days - 15)) / 365) + 4 * Math.cos((2 * Math.PI * (hour - 15)) / 24)
  );
}

async function main(): Promise<void> {
  const draw = normals(20261207);
  const records = Array.from({ length: RECORDS }, (_, i) => {
    const time = START + i * 12 * HOUR;
    const temperature = temperatureAt(time);
    return {
      time,
      temperature,
      measured: temperature + TEMPERATURE_NOISE * draw(),
      loss: i + 1 >= CHANGE_AT ? LOSS : 0,
    };
  });

  const source = await SourceServer.start();
  const index = records.map((record, i) => {
    const path = `/records/${i + 1}.csv`;
    source.route(path, (_request, response) => {
      const { csv } = frameRecord({
        seed: 5000 + i,
        duration_s: RECORD_S,
        sampling_rate_hz: RATE_HZ,
        stiffness_scale: 1 - STIFFNESS_PER_DEGREE * (record.temperature - 10),
        first_storey_loss: record.loss,
      });
      response.writeHead(200, { 'content-type': 'text/csv' }).end(csv);
    });
    return {
      id: `record-${i + 1}`,
      creation_date: new Date(record.time).toISOString(),
      url: source.url(path),
      environment: { temperature_c: Math.round(record.measured * 100) / 100 },
    };
  });
  source.serve(
    '/index.ndjson',
    index.map((entry) => JSON.stringify(entry)).join('\n'),
    'application/x-ndjson',
  );

  const database = isolatedDatabase('seasons');
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
  const client = await ApiClient.as(api.url, 92, 1);
  const structureId = await createStructure(client, 'Frame through a year');
  const rule = async (name: string, extra: object) => {
    const created = await client.request<{ id: string }>('POST', `/structures/${structureId}/monitoring`, {
      name,
      type: 'SSI',
      params: { order_max: 30 },
      channels: FRAME_CHANNELS,
      ...extra,
    });
    if (created.status !== 201)
      throw new Error(`rule ${name}: ${created.status} ${JSON.stringify(created.body)}`);
    return created.body.id;
  };
  const plain = await rule('uncompensated', {
    tracking: { baseline_points: 30, window_points: 5, alert_percent: 1, clear_percent: 0.5 },
  });
  const compensated = await rule('compensated', {
    compensation: { covariates: ['temperature_c'], training_records: TRAINING },
  });
  const temperatures = records.map((record) => record.temperature);
  console.log(
    `${RECORDS} records of ${RECORD_S} s at ${RATE_HZ} Hz, two a day; temperature ${Math.min(...temperatures).toFixed(1)} to ` +
      `${Math.max(...temperatures).toFixed(1)} degrees (measured with ${TEMPERATURE_NOISE} sd); first storey -${100 * LOSS}% ` +
      `from record ${CHANGE_AT}; compensated rule trained on ${TRAINING} records`,
  );

  const started = Date.now();
  await client.createFetchJob({ sourceUrl: source.url('/index.ndjson'), structureId });
  const ended = await waitFor(
    `${2 * RECORDS} monitored analyses to end`,
    async () => {
      const { items, total } = await client.get<{ items: unknown[]; total: number }>(
        `/structures/${structureId}/analyses?status=DONE&limit=1`,
      );
      void items;
      return total >= 2 * RECORDS && total;
    },
    2 * 60 * 60_000,
  );
  console.log(`${ended} analyses DONE in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  await new Promise((resolve) => setTimeout(resolve, 3000)); // the last events on their way

  const recordOf = new Map<string, number>();
  for (const ruleId of [plain, compensated])
    for (let offset = 0; offset < RECORDS; offset += 200) {
      const page = await client.get<{ items: Array<{ id: string; monitoring: { source_id: string } }> }>(
        `/structures/${structureId}/analyses?rule_id=${ruleId}&limit=200&offset=${offset}`,
      );
      for (const a of page.items)
        recordOf.set(a.id, Number(/record-(\d+)$/.exec(a.monitoring.source_id)![1]));
    }
  const events = new Map(kafka.events.map((e: StatusEvent) => [e.event_id, e]));
  const alertsOf = (ruleId: string) =>
    [...events.values()]
      .filter((e) => e.run_type === 'MONITORING' && e.document_id === ruleId)
      .map((e) => ({ status: e.status, record: recordOf.get(e.alert!.analysis_id)!, alert: e.alert! }))
      .sort((a, b) => a.record - b.record);
  const falseAlerts = (ruleId: string) =>
    alertsOf(ruleId).filter((e) => e.status === 'ALERT' && e.record < CHANGE_AT).length;
  for (const [name, ruleId] of [
    ['uncompensated', plain],
    ['compensated', compensated],
  ])
    for (const event of alertsOf(ruleId))
      console.log(
        `  ${name}: ${event.status} at record ${event.record}: track ${event.alert.track_id} ` +
          `${event.alert.change_percent.toFixed(2)}%${event.alert.z === undefined ? '' : `, z ${event.alert.z.toFixed(1)}`}` +
          (event.alert.t2 === undefined
            ? ''
            : `, T² ${event.alert.t2.toFixed(1)} > ${event.alert.t2_limit!.toFixed(1)}`),
      );
  const firstAlert = alertsOf(compensated).find((e) => e.status === 'ALERT' && e.record >= CHANGE_AT);

  const tracks = await client.get<TrackView[]>(`/structures/${structureId}/modes?rule_id=${compensated}`);
  const established = tracks.filter((track) => track.compensation?.established);
  console.log(`compensated rule: ${tracks.length} tracks, ${established.length} established`);
  const { rule_charts: charts } = await client.get<{
    rule_charts: Array<{ state: string; track_ids: string[]; limit?: number; training_records: number }>;
  }>(`/structures/${structureId}/modes/trend?rule_id=${compensated}`);
  const t2Alerts = alertsOf(compensated).filter((e) => e.alert.track_id === 'T2' && e.status === 'ALERT');
  console.log(
    `rule-wide T² chart: ${charts[0] ? `${charts[0].state} over ${charts[0].track_ids.length} tracks, limit ${charts[0].limit?.toFixed(1)}` : 'none'}; ` +
      `false alerts ${t2Alerts.filter((e) => e.record < CHANGE_AT).length}, first after the damage at record ` +
      `${t2Alerts.find((e) => e.record >= CHANGE_AT)?.record ?? 'none'}`,
  );
  const mode1 = [...established].sort(
    (a, b) => a.compensation!.model!.intercept_hz - b.compensation!.model!.intercept_hz,
  )[0];
  const model = mode1?.compensation?.model;
  const ratio = model ? model.residual_sd_hz / model.raw_sd_hz : NaN;
  await kafka.close();
  await source.close();
  console.log(
    `seasons: false_alerts ${falseAlerts(compensated)} alert_after ${firstAlert ? firstAlert.record - CHANGE_AT + 1 : 'none'} ` +
      `residual_ratio ${ratio.toFixed(3)} uncompensated_false_alerts ${falseAlerts(plain)}`,
  );
}

runIsolated(main);
