import { ApiClient, JobView } from './support/api-client';
import { AppProcess } from './support/app-process';
import { PrivateFerretDb } from './support/private-ferretdb';
import { isolatedDatabase, purgeWorkQueues } from './support/services';
import { SourceServer } from './support/source-server';

/**
 * Faults injected mid-job into services of the suite's own (here a FerretDB it starts, kills -9 and
 * starts again), never into the shared local services. Each case runs a job whose every figure is
 * known and checks them all once it ends: counts, summary, listing totals, output.json and the job's
 * status events (REST replay).
 */
const VALID = 20;
const BROKEN = 2; // data that is not numeric: FAILED at once, without retries

describe('ingestion under faults: the database killed mid-job', () => {
  let db: PrivateFerretDb;
  let source: SourceServer;
  let client: ApiClient;

  beforeAll(async () => {
    await purgeWorkQueues();
    db = await PrivateFerretDb.start();
    source = await SourceServer.start();
    const database = isolatedDatabase('faults');
    const env = {
      MONGODB_PORT: String(db.port),
      // Operations fail after 1 s without a server instead of waiting 30 s for one, so the outage
      // below (longer than Mongoose's 10 s of buffering) reaches the handlers as errors.
      MONGODB_OPTIONS: 'serverSelectionTimeoutMS=1000',
      MONGODB_DATABASE: database,
      MONGODB_DATABASE_MEASURES: `${database}_measures`,
      RETRY_DELAY_MS: '200',
      FETCH_ALLOWED_HOSTS: source.host,
      PROCESSING_TIME: '1',
      WORKERS: '4',
    };
    const api = await AppProcess.start('api', env);
    await AppProcess.start('fetch-worker', env);
    await AppProcess.start('processing-worker', env);
    client = await ApiClient.as(api.url, 43, 2);
  });

  afterAll(async () => {
    await AppProcess.stopAll();
    await source.close();
    await db.stop();
  });

  /** Polls the job, taking errors while the database is away as "not yet". */
  async function jobWhen(id: string, done: (job: JobView) => boolean, timeoutMs: number): Promise<JobView> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { status, body } = await client.request<JobView>('GET', `/fetch-jobs/${id}`);
      if (status === 200 && done(body)) return body;
      if (Date.now() > deadline) throw new Error(`job ${id}: last seen ${status} ${JSON.stringify(body)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  it('ends DONE on its own once the database is back, with every figure exact', async () => {
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
    // Two attempts: a resource whose attempts all fell in the outage would end FAILED (or be
    // dead-lettered) if an outage counted as an attempt.
    const job = await client.createFetchJob({
      sourceUrl: source.serve('/faults.json', index),
      maxAttempts: 2,
    });
    await jobWhen(job.id, (seen) => seen.status === 'PROCESSING' && seen.counts.processed >= 4, 60_000);
    await db.kill();
    await new Promise((resolve) => setTimeout(resolve, 15_000));
    await db.restart();

    const done = await jobWhen(job.id, (seen) => seen.status === 'DONE' || seen.status === 'ERROR', 180_000);
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
      (await client.get<{ total: number }>(`/fetch-jobs/${job.id}/resources?status=${status}&limit=1`)).total;
    expect(await total('DONE')).toBe(VALID);
    expect(await total('FAILED')).toBe(BROKEN);
    expect(await total('QUEUED')).toBe(0);
    const output = await client.get<unknown[]>(`/fetch-jobs/${job.id}/output.json`);
    expect(output).toHaveLength(VALID);

    // Every status once, in order (the DONE event may follow the job's DONE by a moment).
    const statuses = async () => {
      const events = await client.get<Array<{ document_id: string; status: string }>>(
        '/events?after=-1&limit=1000',
      );
      return events.filter((event) => event.document_id === job.id).map((event) => event.status);
    };
    const deadline = Date.now() + 30_000;
    while (!(await statuses()).includes('DONE') && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await statuses()).toEqual(['QUEUED', 'FETCHING', 'PROCESSING', 'DONE']);
  }, 300_000);
});
