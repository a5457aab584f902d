import { AppProcess } from './support/app-process';
import { ApiClient } from './support/api-client';
import { KafkaListener } from './support/kafka-listener';
import { isolatedDatabase } from './support/services';
import {
  createAnalysis,
  createStructure,
  dataFolder,
  getAnalysis,
  runAnalysis,
  waitForAnalysisStatus,
} from './support/analyses';

describe('OMA worker replicas: each run exactly once, and taken over when a worker dies', () => {
  const env = {
    MONGODB_DATABASE: isolatedDatabase('oma_replicas'),
    DATA_PATH: dataFolder(),
    SLEEP_TIME: '0.2',
    LEASE_TIME: '2',
  };
  let api: AppProcess;
  let client: ApiClient;
  let kafka: KafkaListener;
  let structureId: string;

  beforeAll(async () => {
    kafka = await KafkaListener.listen();
    api = await AppProcess.start('api', env);
    client = await ApiClient.as(api.url, 51, 3);
    structureId = await createStructure(client, 'frame');
  }, 120000);

  /** A new worker, running an SSI of a few seconds. */
  async function longRunOnNewWorker() {
    const analysis = await createAnalysis(client, structureId, {
      type: 'SSI',
      params: { order_max: 160, block_rows: 40 },
      input: { source: 'file', path: 'reference/suspension-bridge.csv' },
    });
    const worker = await AppProcess.start('oma-worker', env);
    await runAnalysis(client, analysis);
    await kafka.waitForEvent(analysis.id, 'RUNNING');
    return { analysis, worker };
  }

  afterAll(async () => {
    await AppProcess.stopAll();
    await kafka?.close();
  });

  it('two replicas and 10 queued runs: each run happens once, and both replicas work', async () => {
    const analyses = [];
    for (let i = 0; i < 10; i++) {
      analyses.push(
        await createAnalysis(client, structureId, {
          type: i % 2 ? 'FDD' : 'SSI',
          input: { source: 'file', path: 'reference/shearframe-5dof.csv' },
        }),
      );
    }
    for (const analysis of analyses) await runAnalysis(client, analysis);
    const workers = await Promise.all([
      AppProcess.start('oma-worker', env),
      AppProcess.start('oma-worker', env),
    ]);
    const finished = await Promise.all(
      analyses.map((analysis) => waitForAnalysisStatus(client, analysis, ['DONE', 'ERROR'], 90000)),
    );
    expect(finished.map((analysis) => analysis.status)).toEqual(Array(10).fill('DONE'));
    for (const analysis of analyses) {
      await kafka.waitForEvent(analysis.id, 'DONE');
      expect(kafka.eventsOf(analysis.id).map((event) => event.status)).toEqual(['QUEUED', 'RUNNING', 'DONE']);
    }
    expect(finished.every((analysis) => analysis.result_ids.length === 1)).toBe(true);
    expect(new Set(finished.map((analysis) => analysis.worker_id)).size).toBe(2);
    await Promise.all(workers.map((worker) => worker.stop()));
  }, 120000);

  it('kill -9 of a worker mid-run: another worker finishes the run once the lease has expired', async () => {
    const { analysis, worker: doomed } = await longRunOnNewWorker();
    const firstWorker = (await getAnalysis(client, analysis)).worker_id;
    await doomed.stop('SIGKILL');
    const killedAt = Date.now();

    await AppProcess.start('oma-worker', env);
    const done = await waitForAnalysisStatus(client, analysis, ['DONE', 'ERROR'], 90000);
    expect(done).toMatchObject({ status: 'DONE' });
    expect(done.worker_id).not.toBe(firstWorker);
    expect(done.result_ids).toHaveLength(1);
    // The DONE event goes out through the outbox after the status is stored.
    await kafka.waitForEvent(analysis.id, 'DONE');
    // Taken up only once the 2 s lease ran out: the dead worker renewed it at most 2/3 s before it died.
    const secondRunning = kafka.eventsOf(analysis.id).filter((event) => event.status === 'RUNNING')[1];
    expect(Date.parse(secondRunning.at!) - killedAt).toBeGreaterThanOrEqual(1000);
    expect(kafka.eventsOf(analysis.id).map((event) => event.status)).toEqual([
      'QUEUED',
      'RUNNING',
      'RUNNING',
      'DONE',
    ]);
  }, 120000);

  it('SIGTERM puts the running analysis back in the queue for another worker, and the worker exits 0', async () => {
    const { analysis, worker: leaving } = await longRunOnNewWorker();
    expect(await leaving.stop('SIGTERM')).toBe(0);
    await AppProcess.start('oma-worker', env);
    const done = await waitForAnalysisStatus(client, analysis, ['DONE', 'ERROR'], 90000);
    expect(done).toMatchObject({ status: 'DONE' });
  }, 120000);

  it('a run estimated over RUN_TIME_LIMIT ends in ERROR before it starts, and the worker takes the next run', async () => {
    await AppProcess.stopAll();
    api = await AppProcess.start('api', env);
    client = await ApiClient.as(api.url, 51, 3);
    await AppProcess.start('oma-worker', { ...env, RUN_TIME_LIMIT: '4' });
    const slow = await createAnalysis(client, structureId, {
      type: 'SSI',
      params: { order_max: 300, block_rows: 70 },
      input: { source: 'file', path: 'reference/suspension-bridge.csv' },
    });
    const quick = await createAnalysis(client, structureId, {
      type: 'FDD',
      input: { source: 'file', path: 'reference/shearframe-5dof.csv' },
    });
    await runAnalysis(client, slow);
    await runAnalysis(client, quick);
    // The file's length is only known to the worker; the run (about 30 s here) is refused by its estimate.
    expect(await waitForAnalysisStatus(client, slow, ['DONE', 'ERROR'])).toMatchObject({
      status: 'ERROR',
      error: expect.stringMatching(
        /^the run would take at least \d+ s, over the limit of 4 s \(RUN_TIME_LIMIT\): lower block_rows or order_max$/,
      ),
    });
    expect(await waitForAnalysisStatus(client, quick, ['DONE', 'ERROR'])).toMatchObject({ status: 'DONE' });
  }, 120000);
});
