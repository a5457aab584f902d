import { ApiClient, JobView } from './support/api-client';
import { AppProcess } from './support/app-process';
import { LiveClient } from './support/live-client';
import { PrivateServices, ServiceName } from './support/private-services';
import { isolatedDatabase, waitFor } from './support/services';
import { SourceServer } from './support/source-server';

/**
 * Faults injected mid-job into services of the suite's own (a FerretDB, a RabbitMQ and a Kafka it
 * starts, kills -9 and starts again, or a broker connection it closes), never into the shared local
 * services. Each case runs a job whose every figure is known and checks them all once it ends:
 * counts, summary, listing totals, output.json and the job's status events, over REST replay and
 * over Socket.IO, each exactly once and in order.
 */
const VALID = 20;
const BROKEN = 2; // data that is not numeric: FAILED at once, without retries
const SERVICES: ServiceName[] = ['ferretdb', 'rabbitmq', 'kafka'];
const STATUSES = ['QUEUED', 'FETCHING', 'PROCESSING', 'DONE'];

describe('ingestion under faults: services killed and connections dropped mid-job', () => {
  let services: PrivateServices;
  let source: SourceServer;
  let client: ApiClient;
  let api: AppProcess;
  let processing: AppProcess;
  let env: Record<string, string>;

  beforeAll(async () => {
    services = await PrivateServices.start(...SERVICES);
    source = await SourceServer.start();
    const database = isolatedDatabase('faults');
    env = {
      ...services.appEnv(...SERVICES),
      // Operations fail after 1 s without a server instead of waiting 30 s for one, so an outage
      // longer than Mongoose's 10 s of buffering reaches the handlers as errors.
      MONGODB_OPTIONS: 'serverSelectionTimeoutMS=1000',
      MONGODB_DATABASE: database,
      MONGODB_DATABASE_MEASURES: `${database}_measures`,
      RETRY_DELAY_MS: '200',
      FETCH_ALLOWED_HOSTS: source.host,
      PROCESSING_TIME: '1',
      WORKERS: '4',
      WORK_STALL_TIMEOUT: '5',
    };
    api = await AppProcess.start('api', env);
    await AppProcess.start('fetch-worker', env);
    processing = await AppProcess.start('processing-worker', env);
    client = await ApiClient.as(api.url, 43, 2);
  }, 120_000);

  afterAll(async () => {
    await AppProcess.stopAll();
    await source.close();
    await services.stop();
  });

  /** Polls the job, taking errors while a service is away as "not yet". */
  async function jobWhen(id: string, done: (job: JobView) => boolean, timeoutMs: number): Promise<JobView> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const answer = await client.request<JobView>('GET', `/fetch-jobs/${id}`).catch(() => undefined);
      if (answer?.status === 200 && done(answer.body)) return answer.body;
      if (Date.now() > deadline) throw new Error(`job ${id}: last seen ${JSON.stringify(answer)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** A job of VALID + BROKEN resources, its live client, and a wait until it is processing. */
  async function startJob(name: string): Promise<{ job: JobView; live: LiveClient }> {
    const live = await LiveClient.connect(api.url, client.token);
    const index = [
      ...Array.from({ length: VALID }, (_, i) => ({
        id: `ok-${i}`,
        creation_date: '2026-11-01',
        data: [{ v: i }],
      })),
      ...Array.from({ length: BROKEN }, (_, i) => ({
        id: `bad-${i}`,
        creation_date: '2026-11-01',
        data: [{ v: 'x' }],
      })),
    ];
    // Two attempts: a resource whose attempts all fell in an outage would end FAILED (or be
    // dead-lettered) if an outage counted as an attempt.
    const job = await client.createFetchJob({
      sourceUrl: source.serve(`/${name}.json`, index),
      maxAttempts: 2,
    });
    await jobWhen(job.id, (seen) => seen.status === 'PROCESSING' && seen.counts.processed >= 4, 60_000);
    return { job, live };
  }

  /** Every figure of the job, once it has ended by itself. */
  async function expectExact(jobId: string, live: LiveClient): Promise<void> {
    const done = await jobWhen(jobId, (seen) => seen.status === 'DONE' || seen.status === 'ERROR', 180_000);
    expect(done.status).toBe('DONE');
    expect(done.counts).toMatchObject({
      found: VALID + BROKEN,
      valid: VALID + BROKEN,
      invalid: 0,
      processed: VALID,
      failed: BROKEN,
    });
    expect(done.summary.v.count).toBe(VALID);
    expect(done.summary.v.mean).toBeCloseTo((VALID - 1) / 2, 9);
    expect(done.summary.v.max).toBe(VALID - 1);

    const total = async (status: string) =>
      (await client.get<{ total: number }>(`/fetch-jobs/${jobId}/resources?status=${status}&limit=1`)).total;
    expect(await total('DONE')).toBe(VALID);
    expect(await total('FAILED')).toBe(BROKEN);
    expect(await total('QUEUED')).toBe(0);
    const output = await client.get<unknown[]>(`/fetch-jobs/${jobId}/output.json`);
    expect(output).toHaveLength(VALID);

    // Every status once, in order (the DONE event may follow the job's DONE by a moment).
    const replayed = async () =>
      (await client.get<Array<{ document_id: string; status: string }>>('/events?after=-1&limit=1000'))
        .filter((event) => event.document_id === jobId)
        .map((event) => event.status);
    await waitFor('the DONE event over REST', async () => (await replayed()).includes('DONE'), 60_000);
    expect(await replayed()).toEqual(STATUSES);
    await live.waitForStatus(jobId, 'DONE', 60_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // a duplicate would come now
    expect(live.statusesOf(jobId)).toEqual(STATUSES);
    live.close();
  }

  it.each(SERVICES)(
    '%s killed -9 for 15 s: the job ends DONE on its own, every figure exact',
    async (name) => {
      const { job, live } = await startJob(`kill-${name}`);
      await services.kill(name);
      await new Promise((resolve) => setTimeout(resolve, 15_000));
      await services.up(name);
      await expectExact(job.id, live);
    },
    300_000,
  );

  it('a processing replica whose broker connection is closed reconnects with its prefetch; nothing counted twice', async () => {
    const second = await AppProcess.start('processing-worker', env);
    try {
      const { job, live } = await startJob('blip');
      const connectionName = `processing-worker:${second.child.pid}`;
      const rabbit = async <T>(path: string, method = 'GET'): Promise<T> => {
        const response = await fetch(`${services.rabbitManagementUrl}${path}`, {
          method,
          headers: {
            authorization: `Basic ${Buffer.from('modalflow:modalflow').toString('base64')}`,
            'x-reason': 'fault test',
          },
        });
        const text = await response.text();
        return (text ? JSON.parse(text) : undefined) as T;
      };
      type Connection = { name: string; client_properties?: { connection_name?: string } };
      const ofSecond = async () =>
        (await rabbit<Connection[]>('/connections')).filter(
          (connection) => connection.client_properties?.connection_name === connectionName,
        );
      const [connection] = await waitFor('the replica connection', async () => {
        const found = await ofSecond();
        return found.length > 0 && found;
      });
      await rabbit(`/connections/${encodeURIComponent(connection.name)}`, 'DELETE');
      // It reconnects, and its consumer takes WORKERS messages at a time again.
      const [reconnected] = await waitFor('the replica reconnected', async () => {
        const found = (await ofSecond()).filter((other) => other.name !== connection.name);
        return found.length > 0 && found;
      });
      type Consumer = { prefetch_count: number; channel_details: { connection_name: string } };
      const consumer = await waitFor(
        'the replica consuming again',
        async () =>
          (await rabbit<Consumer[]>('/consumers/%2F')).find(
            (found) => found.channel_details.connection_name === reconnected.name,
          ),
        30_000,
      );
      expect(consumer.prefetch_count).toBe(Number(env.WORKERS));
      await expectExact(job.id, live);
    } finally {
      await second.stop();
    }
  }, 300_000);

  it('a worker whose handler hangs answers /health 503 with the reason, and its metrics show it; it recovers', async () => {
    const hanging: Array<() => void> = [];
    const url = source.route('/hangs.csv', (_request, response) =>
      hanging.push(() => response.writeHead(200, { 'content-type': 'text/csv' }).end('v\n7\n')),
    );
    const job = await client.createFetchJob({
      sourceUrl: source.serve('/hang-index.json', [{ id: 'slow', creation_date: '2026-11-01', url }]),
    });
    await waitFor('the download to hang', async () => hanging.length > 0, 30_000);
    const stalled = await waitFor(
      'the stall in /health',
      async () => {
        const health = await processing.health();
        return health.status === 503 && health;
      },
      30_000,
    );
    const details = stalled.body.details as Record<string, { status: string; message: string }>;
    expect(details.work.status).toBe('down');
    expect(details.work.message).toMatch(
      /^no progress for \d+ s while holding 1 message\(s\) \(WORK_STALL_TIMEOUT 5 s\)$/,
    );
    const metrics = await (await fetch(`${processing.url}/metrics`)).text();
    expect(metrics).toMatch(/^modalflow_work_in_hand\{[^}]*\} 1$/m);
    expect(metrics).toMatch(/^modalflow_work_last_progress_timestamp_seconds\{[^}]*\} \d+/m);

    hanging.forEach((release) => release());
    const done = await client.waitForJobEnd(job.id, 60_000);
    expect(done.counts).toMatchObject({ processed: 1, failed: 0 });
    expect(done.summary.v.mean).toBe(7);
    await waitFor('healthy again', async () => (await processing.health()).status === 200, 10_000);
    const settled = (await (await fetch(`${processing.url}/metrics`)).text())
      .split('\n')
      .filter((line) => line.startsWith('modalflow_work_messages_total{'));
    expect(
      settled.some((line) => line.includes('queue="data_processing"') && line.includes('outcome="ack"')),
    ).toBe(true);
  }, 120_000);
});
