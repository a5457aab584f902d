import { ApiClient, JobView } from './support/api-client';
import { inDatabase } from './support/databases';
import { AppProcess } from './support/app-process';
import {
  isolatedDatabase,
  publishToQueue,
  purgeWorkQueues,
  takeDeadLetter,
  waitFor,
} from './support/services';
import { SourceServer } from './support/source-server';
import {
  DataProcessingMessage,
  pageSummaryText,
  FetchLedgerPage,
  FetchLedgerPageSchema,
  FetchLedgerRound,
  FetchLedgerRoundSchema,
} from '@modalflow/fetch-jobs';
import { HEADERS, QUEUES } from '@modalflow/contracts';

interface ResourceView {
  resource_id: string;
  status: string;
  processed_by?: string;
}

const database = isolatedDatabase('resilience');
const env = {
  MONGODB_DATABASE: database,
  MONGODB_DATABASE_MEASURES: `${database}_measures`,
  RETRY_DELAY_MS: '50',
  FETCH_ALLOWED_HOSTS: '',
};

describe('ingestion pipeline: nothing lost, nothing counted twice', () => {
  let source: SourceServer;
  let client: ApiClient;

  beforeAll(async () => {
    await purgeWorkQueues();
    source = await SourceServer.start();
    env.FETCH_ALLOWED_HOSTS = source.host;
    const api = await AppProcess.start('api', env);
    await AppProcess.start('fetch-worker', env);
    client = await ApiClient.as(api.url, 41, 2);
  });

  afterAll(async () => {
    await AppProcess.stopAll();
    await source.close();
  });

  async function jobOf(count: number, name: string): Promise<JobView> {
    const index = Array.from({ length: count }, (_, i) => ({
      id: `${name}-${i}`,
      creation_date: '2026-11-01',
      data: [{ v: i }],
    }));
    return client.createFetchJob({ sourceUrl: source.serve(`/${name}.json`, index) });
  }

  async function processedSoFar(jobId: string): Promise<number> {
    return (await client.get<JobView>(`/fetch-jobs/${jobId}`)).counts.processed;
  }

  function expectCountedOnce(job: JobView, count: number): void {
    expect(job.status).toBe('DONE');
    expect(job.counts).toMatchObject({ valid: count, processed: count, failed: 0 });
    expect(job.summary.v.count).toBe(count);
    expect(job.summary.v.mean).toBeCloseTo((count - 1) / 2, 9);
  }

  it.each([
    ['SIGTERM', 0],
    ['SIGKILL', null],
  ] as const)(
    'a worker stopped by %s mid-job leaves the rest to a fresh worker',
    async (signal, exitCode) => {
      const slow = { ...env, PROCESSING_TIME: '1', WORKERS: '4', SHUTDOWN_GRACE_PERIOD: '0.3' };
      const first = await AppProcess.start('processing-worker', slow);
      const job = await jobOf(30, `stop-${signal}`);
      await waitFor('some resources processed', async () => (await processedSoFar(job.id)) >= 3);
      expect(await first.stop(signal)).toBe(exitCode);
      const midway = await processedSoFar(job.id);
      expect(midway).toBeLessThan(30);
      // Listed by status: settled (DONE) or not (QUEUED). After SIGKILL a resource may be settled
      // but not yet counted in the job (its worker died in between; the redelivery counts it).
      const listed = async (status: string) =>
        client.get<{ items: ResourceView[]; total: number }>(
          `/fetch-jobs/${job.id}/resources?status=${status}&limit=100`,
        );
      const [waiting, settled] = await Promise.all([listed('QUEUED'), listed('DONE')]);
      expect(waiting.total + settled.total).toBe(30);
      expect(settled.total).toBeGreaterThanOrEqual(midway);
      expect(waiting.items.map((resource) => resource.status)).toEqual(Array(waiting.total).fill('QUEUED'));

      const second = await AppProcess.start('processing-worker', { ...env, WORKERS: '4' });
      const done = await client.waitForJobEnd(job.id);
      await second.stop();
      expectCountedOnce(done, 30);
    },
  );

  it('a redelivered resource that was already counted is not counted again', async () => {
    const worker = await AppProcess.start('processing-worker', { ...env, WORKERS: '1' });
    const job = await jobOf(10, 'again');
    expectCountedOnce(await client.waitForJobEnd(job.id), 10);

    const again: DataProcessingMessage = {
      job_id: job.id,
      tenant_id: 41,
      user_id: 2,
      round: 0,
      resource_id: 'again-3',
      index: 3,
      creation_date: new Date('2026-11-01').toISOString(),
      data: [{ v: 3 }],
    };
    await publishToQueue(QUEUES.DATA_PROCESSING, JSON.stringify(again));
    // One message at a time (WORKERS=1): once the malformed one behind it is dead-lettered, the
    // redelivered resource was handled.
    await publishToQueue(QUEUES.DATA_PROCESSING, JSON.stringify({ job_id: 'after-again', resource_id: 7 }));
    await takeDeadLetter(QUEUES.DATA_PROCESSING, 'after-again');
    await worker.stop();

    const pages = await inDatabase(database, (db) =>
      db
        .collection<FetchLedgerPage>(FetchLedgerPageSchema.get('collection')!)
        .find({ job_id: job.id })
        .toArray(),
    );
    expect(pages.map((page) => Object.keys(page.tallies).sort())).toEqual([
      Array.from({ length: 10 }, (_, i) => `i${i}`).sort(),
    ]);
    const round = await inDatabase(database, (db) =>
      db
        .collection<FetchLedgerRound>(FetchLedgerRoundSchema.get('collection')!)
        .findOne({ _id: `${job.id}:0` }),
    );
    expect(pageSummaryText.decodeCounts(round!.counts.n0)).toEqual({
      settled: 10,
      processed: 10,
      failed: 0,
      attempts: 10,
    });
  });

  it('two processing-worker replicas share one job', async () => {
    const shared = { ...env, PROCESSING_TIME: '0.2', WORKERS: '3' };
    await Promise.all([
      AppProcess.start('processing-worker', shared),
      AppProcess.start('processing-worker', shared),
    ]);
    const job = await jobOf(40, 'replicas');
    const done = await client.waitForJobEnd(job.id);
    expectCountedOnce(done, 40);
    const { items } = await client.get<{ items: ResourceView[] }>(
      `/fetch-jobs/${job.id}/resources?limit=100`,
    );
    expect(new Set(items.map((resource) => resource.processed_by)).size).toBe(2);
  });

  it('dead-letters a poison message on data_processing without retrying it', async () => {
    await publishToQueue(QUEUES.DATA_PROCESSING, JSON.stringify({ job_id: 'poison-1', resource_id: 7 }));
    const dead = await takeDeadLetter(QUEUES.DATA_PROCESSING, 'poison-1');
    expect(String(dead.properties.headers?.[HEADERS.DEAD_REASON])).toMatch(/^malformed message: job_id/);
    expect(dead.properties.headers?.[HEADERS.ATTEMPT]).toBeUndefined();
  });
});
