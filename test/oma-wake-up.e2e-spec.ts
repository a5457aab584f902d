import { AppProcess } from './support/app-process';
import { ApiClient } from './support/api-client';
import {
  createAnalysis,
  createStructure,
  dataFolder,
  runAnalysis,
  waitForAnalysisStatus,
} from './support/analyses';
import { isolatedDatabase } from './support/services';

/** Long enough that a run found only by polling would miss the wait below by far. */
const SLEEP_TIME_S = 300;

describe('OMA worker: a queued run wakes an idle worker', () => {
  let client: ApiClient;

  beforeAll(async () => {
    const env = {
      MONGODB_DATABASE: isolatedDatabase('wake'),
      DATA_PATH: dataFolder(),
      SLEEP_TIME: String(SLEEP_TIME_S),
    };
    const [api] = await Promise.all([AppProcess.start('api', env), AppProcess.start('oma-worker', env)]);
    client = await ApiClient.as(api.url, 71, 1);
  }, 120_000);

  afterAll(() => AppProcess.stopAll());

  it(`starts a run long before its next poll (SLEEP_TIME ${SLEEP_TIME_S} s), twice in a row`, async () => {
    const structureId = await createStructure(client, 'woken');
    // The worker polled once at start, found nothing and sleeps: only the notice can wake it.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    for (let i = 0; i < 2; i++) {
      const analysis = await createAnalysis(client, structureId, {
        type: 'FDD',
        input: { source: 'file', path: 'reference/shearframe-5dof.csv' },
      });
      await runAnalysis(client, analysis);
      const done = await waitForAnalysisStatus(client, analysis, ['DONE', 'ERROR'], 60_000);
      expect(done.status).toBe('DONE');
    }
  }, 180_000);
});
