import mongoose from 'mongoose';
import { inDatabase } from './support/databases';
import { AppProcess } from './support/app-process';
import { ApiClient } from './support/api-client';
import { KafkaListener } from './support/kafka-listener';
import { isolatedDatabase, vhostPath, purgeWorkQueues, rabbitApi, waitFor } from './support/services';
import { SourceServer } from './support/source-server';
import { failureDraw } from '@modalflow/ingestion';
import { deadLetterQueueName, QUEUES } from '@modalflow/contracts';
import { INLINE_DATA_MAX_BYTES } from '@modalflow/fetch-jobs';

interface ResourceView {
  resource_id: string;
  status: string;
  reason?: string;
  last_error?: string;
  attempts: number;
  summary?: {
    fields: Record<string, { count: number }>;
    time_series?: { sampling_rate_hz: number; rms: Record<string, number> };
  };
  measurement_id?: string;
}

/** Independent reference: plain mean, sample std, min and max of a list of numbers. */
function reference(values: number[]) {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1);
  return {
    count: values.length,
    min: Math.min(...values),
    max: Math.max(...values),
    mean,
    std: Math.sqrt(variance),
  };
}

const database = isolatedDatabase('pipeline');
const env = {
  MONGODB_DATABASE: database,
  MONGODB_DATABASE_MEASURES: `${database}_measures`,
  RETRY_DELAY_MS: '50',
  FETCH_TIMEOUT: '2',
  FETCH_MAX_BYTES: '200000',
  FETCH_ALLOWED_HOSTS: '',
};

describe('ingestion pipeline: API -> start_fetch -> fetch-worker -> data_processing -> processing-worker', () => {
  let source: SourceServer;
  let api: AppProcess;
  let kafka: KafkaListener;
  let client: ApiClient;

  beforeAll(async () => {
    await purgeWorkQueues();
    source = await SourceServer.start();
    env.FETCH_ALLOWED_HOSTS = source.host;
    [api, kafka] = await Promise.all([AppProcess.start('api', env), KafkaListener.listen()]);
    await AppProcess.start('fetch-worker', env);
    client = await ApiClient.as(api.url, 31, 4);
  });

  afterAll(async () => {
    await AppProcess.stopAll();
    await kafka?.close();
    await source.close();
  });

  describe('with one processing worker', () => {
    let processing: AppProcess;
    beforeAll(async () => {
      processing = await AppProcess.start('processing-worker', env);
    });
    afterAll(() => processing.stop());

    it('takes 200 resources end to end, with the job summary matching an independent computation', async () => {
      const temperatures: number[] = [];
      const humidities: number[] = [];
      const index = Array.from({ length: 200 }, (_, i) => {
        // r-0's inline data is larger than INLINE_DATA_MAX_BYTES: read from the stored resource.
        const rows = Array.from({ length: i === 0 ? 600 : 5 }, (_, k) => ({
          temperature: 10 + ((i * 7 + k * 3) % 23) * 0.5,
          humidity: 40 + ((i * 11 + k) % 17),
        }));
        rows.forEach((row) => (temperatures.push(row.temperature), humidities.push(row.humidity)));
        const creation_date = new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString();
        if (i % 2 === 0) return { id: `r-${i}`, creation_date, data: rows };
        const csv = [
          'time;temperature;humidity',
          ...rows.map((row, k) => `${k * 0.1};${row.temperature};${row.humidity}`),
        ].join('\n');
        return { id: `r-${i}`, creation_date, url: source.serve(`/data/r-${i}.csv`, csv) };
      });
      expect(Buffer.byteLength(JSON.stringify(index[0].data))).toBeGreaterThan(INLINE_DATA_MAX_BYTES);
      const ndjson = index.map((entry) => JSON.stringify(entry)).join('\n');
      const job = await client.createFetchJob({
        sourceUrl: source.serve('/index-200.ndjson', ndjson, 'application/x-ndjson'),
      });

      const done = await client.waitForJobEnd(job.id);
      expect(done.status).toBe('DONE');
      expect(done).not.toHaveProperty('round_size_floor'); // internal to the workers, but written:
      const stored = await inDatabase(env.MONGODB_DATABASE, (db) =>
        db.collection('fetch_jobs').findOne({ _id: new mongoose.Types.ObjectId(job.id) }),
      );
      expect(stored).toMatchObject({ round_size: 200, round_size_floor: 200 });
      expect(done.counts).toMatchObject({
        found: 200,
        valid: 200,
        invalid: 0,
        processed: 200,
        failed: 0,
        attempts: 201,
      });
      for (const [field, values] of [
        ['temperature', temperatures],
        ['humidity', humidities],
      ] as const) {
        const expected = reference(values);
        expect(done.summary[field].count).toBe(expected.count);
        expect(done.summary[field].min).toBe(expected.min);
        expect(done.summary[field].max).toBe(expected.max);
        expect(done.summary[field].mean).toBeCloseTo(expected.mean, 9);
        expect(done.summary[field].std).toBeCloseTo(expected.std, 9);
      }

      const csvResource = await client.get<{ items: ResourceView[] }>(
        `/fetch-jobs/${job.id}/resources?status=DONE&offset=1&limit=1`,
      );
      expect(csvResource.items[0].resource_id).toBe('r-1');
      expect(csvResource.items[0].summary!.time_series!.sampling_rate_hz).toBeCloseTo(10, 9);

      const output = await client.get<{ id: string; summary: unknown }[]>(
        `/fetch-jobs/${job.id}/output.json`,
      );
      expect(output).toHaveLength(200);
      expect(output.map((entry) => entry.id)).toEqual(index.map((entry) => entry.id));

      const statuses = kafka.eventsOf(job.id).map((event) => event.status);
      expect(statuses).toEqual(['QUEUED', 'FETCHING', 'PROCESSING', 'DONE']);
      expect(kafka.eventsOf(job.id).at(-1)).toMatchObject({
        run_type: 'FETCH',
        tenant_id: 31,
        user_id: 4,
        counts: { processed: 200 },
      });
    });

    it('records invalid resources with their reasons and processes the rest', async () => {
      const job = await client.createFetchJob({
        sourceUrl: source.serve('/index-invalid.json', [
          { id: 'ok', creation_date: '2026-11-01', data: [{ x: 1 }] },
          { id: 'no-date', data: [{ x: 1 }] },
          { id: 'bad-date', creation_date: 'last tuesday', data: [{ x: 1 }] },
          { id: 'nothing', creation_date: '2026-11-01' },
          { creation_date: '2026-11-01', data: [{ x: 1 }] },
          { id: 'ok', creation_date: '2026-11-02', data: [{ x: 2 }] },
          { id: 'not-numeric', creation_date: '2026-11-01', data: 'a,b\n1,x' },
          {
            id: 'rows',
            creation_date: '2026-11-01',
            data: [
              [1, 2],
              [3, 4],
            ],
          },
        ]),
      });
      const done = await client.waitForJobEnd(job.id);
      expect(done).toMatchObject({
        status: 'DONE',
        counts: { found: 8, valid: 3, invalid: 5, processed: 1, failed: 2 },
      });
      const { items } = await client.get<{ items: ResourceView[] }>(
        `/fetch-jobs/${job.id}/resources?limit=20`,
      );
      const outcomes = items.map((r) => [r.resource_id, r.reason ?? r.last_error ?? r.status]);
      expect(outcomes).toEqual([
        ['ok', 'DONE'],
        ['no-date', 'missing creation_date'],
        ['bad-date', 'creation_date is not a valid date (ISO 8601 or epoch milliseconds)'],
        ['nothing', 'has neither data nor url'],
        ['#4', 'missing id'],
        ['ok', 'repeats id ok'],
        ['not-numeric', 'CSV line 2, column 2 (b): the value is not a number'],
        ['rows', 'record 1 is not an object'], // stored although FerretDB has no nested arrays
      ]);
      expect(items.find((r) => r.resource_id === 'not-numeric')!.attempts).toBe(1);
    });

    it.each([
      [
        'answers 500',
        (path: string) => source.route(path, (_q, s) => s.writeHead(500).end('boom')),
        /answered 500 \(after 2 attempts\)/,
      ],
      [
        'never answers',
        (path: string) => source.route(path, () => undefined),
        /did not answer within 2000 ms \(after 2 attempts\)/,
      ],
      [
        'is too large',
        (path: string) => source.serve(path, 'x'.repeat(300000)),
        /larger than the limit of 200000 bytes/,
      ],
      [
        'is not an index',
        (path: string) => source.serve(path, '<html>not an index</html>'),
        /neither a JSON array nor NDJSON/,
      ],
    ])('ends the job in ERROR with a readable reason when the source %s', async (_what, serve, reason) => {
      const job = await client.createFetchJob({
        sourceUrl: serve(`/broken-${Math.random()}`),
        maxAttempts: 2,
      });
      const ended = await client.waitForJobEnd(job.id);
      expect(ended.status).toBe('ERROR');
      expect(ended.last_error).toMatch(reason);
      expect((await kafka.waitForEvent(job.id, 'ERROR')).message).toBe(ended.last_error);
    });

    it('lists a job of several index pages in order, across page boundaries and by status', async () => {
      // 1,203 entries (more than two pages of 500); every 100th has no creation_date.
      const index = Array.from({ length: 1203 }, (_, i) =>
        i % 100 === 0
          ? { id: `p-${i}`, data: [{ v: i }] }
          : { id: `p-${i}`, creation_date: '2026-11-01', data: [{ v: i }] },
      );
      const job = await client.createFetchJob({ sourceUrl: source.serve('/index-pages.json', index) });
      expect((await client.waitForJobEnd(job.id)).counts).toMatchObject({
        found: 1203,
        valid: 1190,
        invalid: 13,
        processed: 1190,
      });
      const resources = (query: string) =>
        client.get<{ items: ResourceView[]; total: number }>(`/fetch-jobs/${job.id}/resources?${query}`);

      const boundary = await resources('offset=497&limit=6');
      expect(boundary.total).toBe(1203);
      expect(boundary.items.map((r) => [r.resource_id, r.status])).toEqual([
        ['p-497', 'DONE'],
        ['p-498', 'DONE'],
        ['p-499', 'DONE'],
        ['p-500', 'INVALID'],
        ['p-501', 'DONE'],
        ['p-502', 'DONE'],
      ]);
      expect((await resources('offset=1200&limit=10')).items.map((r) => r.resource_id)).toEqual([
        'p-1200',
        'p-1201',
        'p-1202',
      ]);
      const invalid = await resources('status=INVALID&offset=5&limit=3');
      expect(invalid.total).toBe(13);
      expect(invalid.items.map((r) => [r.resource_id, r.reason])).toEqual([
        ['p-500', 'missing creation_date'],
        ['p-600', 'missing creation_date'],
        ['p-700', 'missing creation_date'],
      ]);
      const done = await resources('status=DONE&offset=980&limit=2');
      expect(done.total).toBe(1190);
      expect(done.items.map((r) => r.resource_id)).toEqual(['p-990', 'p-991']);
      expect((await resources('status=QUEUED')).total).toBe(0);
    });

    it('turns a multichannel time series of a job with a structure into a measurement', async () => {
      const structure = await client.request<{ id: string }>('POST', '/structures', { name: 'Test frame' });
      const csv = [
        'time,ch1,ch2',
        ...Array.from({ length: 50 }, (_, k) => `${k / 50},${Math.sin(k)},${Math.cos(k)}`),
      ].join('\n');
      const job = await client.createFetchJob({
        sourceUrl: source.serve('/index-measure.json', [
          {
            id: 'm1',
            creation_date: '2026-11-01',
            url: source.serve('/m1.csv', csv),
            environment: { temperature_c: -3.5, wind_mps: 11 },
          },
          { id: 'm2', creation_date: '2026-11-02', data: 'x\n1', environment: { temperature_c: 'cold' } },
          { id: 'm3', creation_date: '2026-11-03', data: 'x\n1', environment: { 'Temp C': 1 } },
        ]),
        structureId: structure.body.id,
      });
      expect((await client.waitForJobEnd(job.id)).status).toBe('DONE');
      const { items } = await client.get<{ items: ResourceView[] }>(`/fetch-jobs/${job.id}/resources`);
      expect(items[0]).toMatchObject({ status: 'DONE', measurement_id: `${job.id}:m1` });
      // An environment that is not numbers by name makes its resource INVALID, saying which value.
      expect(items.slice(1).map((item) => [item.status, item.reason])).toEqual([
        ['INVALID', 'environment.temperature_c must be a finite number'],
        ['INVALID', expect.stringContaining('environment names a value "Temp C"')],
      ]);

      const measurement = await inDatabase(env.MONGODB_DATABASE_MEASURES, (db) =>
        db.collection<{ _id: string }>(`measures_${structure.body.id}`).findOne({ _id: `${job.id}:m1` }),
      );
      expect(measurement).toMatchObject({
        tenant_id: 31,
        channels: ['ch1', 'ch2'],
        samples: 50,
        sampling_rate_hz: 50,
      });
      expect((measurement as unknown as { series: { values: number[] }[] }).series[1].values[0]).toBe(1);

      const listed = await client.get<{ items: unknown[]; total: number }>(
        `/structures/${structure.body.id}/measurements`,
      );
      expect(listed).toMatchObject({ total: 1, offset: 0 });
      expect(listed.items).toEqual([
        {
          id: `${job.id}:m1`,
          structure_id: structure.body.id,
          channels: ['ch1', 'ch2'],
          samples: 50,
          sampling_rate_hz: 50,
          duration_s: 1,
          recorded_at: '2026-11-01T00:00:00.000Z',
          environment: { temperature_c: -3.5, wind_mps: 11 },
          created_at: expect.any(String),
          source: { job_id: job.id, resource_id: 'm1' },
        },
      ]);
      const missing = await client.request('GET', '/structures/6426ff08edc3cbd39eac2a93/measurements');
      expect(missing.status).toBe(404);
    });
  });

  it('with FAILURE_RATE=0.3 and MAX_ATTEMPTS=3 ends every resource DONE or FAILED, counts adding up', async () => {
    const flaky = await AppProcess.start('processing-worker', {
      ...env,
      FAILURE_RATE: '0.3',
      FAILURE_SEED: 'seed-2',
      MAX_ATTEMPTS: '3',
    });
    const index = Array.from({ length: 60 }, (_, i) => ({
      id: `f-${i}`,
      creation_date: '2026-11-01',
      data: [{ v: i }],
    }));
    const job = await client.createFetchJob({
      sourceUrl: source.serve('/index-flaky.json', index),
      maxAttempts: 3,
    });
    const done = await client.waitForJobEnd(job.id);
    await flaky.stop();
    expect(done.status).toBe('DONE');
    expect(done.counts.processed + done.counts.failed).toBe(60);
    const doomed = index.filter((r) =>
      [1, 2, 3].every((attempt) => failureDraw('seed-2', r.id, attempt) < 0.3),
    );
    expect(doomed.length).toBeGreaterThan(0);
    expect(done.counts.failed).toBe(doomed.length);
    // Each resource took attempts until its first draw >= 0.3, or all 3; plus the one fetch.
    const attemptsOf = (id: string) => {
      const passed = [1, 2, 3].find((attempt) => failureDraw('seed-2', id, attempt) >= 0.3);
      return passed ?? 3;
    };
    const attempts = 1 + index.reduce((sum, r) => sum + attemptsOf(r.id), 0);
    expect(attempts).toBeGreaterThan(61);
    expect(done.counts.attempts).toBe(attempts);
    const failed = await client.get<{ items: ResourceView[]; total: number }>(
      `/fetch-jobs/${job.id}/resources?status=FAILED&limit=100`,
    );
    expect(failed.total).toBe(done.counts.failed);
    for (const resource of failed.items) {
      expect(resource.attempts).toBe(3);
      expect(resource.last_error).toBe('simulated processing failure (FAILURE_RATE=0.3)');
    }
    const deadLetters = await waitFor('the dead letters of the failed resources', async () => {
      const queue = await rabbitApi<{ messages: number }>(
        `/queues/${vhostPath()}/${deadLetterQueueName(QUEUES.DATA_PROCESSING)}`,
      );
      return queue.messages >= done.counts.failed ? queue.messages : undefined;
    });
    expect(deadLetters).toBe(done.counts.failed);

    // retry-failed sends them through again; a worker without failures finishes them.
    const steady = await AppProcess.start('processing-worker', env);
    const retried = await client.request<{ status: string }>('POST', `/fetch-jobs/${job.id}/retry-failed`);
    expect(retried.status).toBe(202);
    const again = await client.waitForJobEnd(job.id);
    await steady.stop();
    expect(again.counts).toMatchObject({ processed: 60, failed: 0, attempts: attempts + doomed.length });
    // The summary adds both rounds up: v = 0..59, every value once.
    expect(again.summary.v).toMatchObject({ count: 60, min: 0, max: 59 });
    expect(again.summary.v.mean).toBeCloseTo(29.5, 9);
  });
});
