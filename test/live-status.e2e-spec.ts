import { AppProcess } from './support/app-process';
import { ApiClient } from './support/api-client';
import { LiveClient } from './support/live-client';
import { SourceServer } from './support/source-server';
import { isolatedDatabase, purgeWorkQueues } from './support/services';
import { tokenFor } from './support/tokens';
import { createAnalysis, createStructure, dataFolder, runAnalysis } from './support/analyses';

describe('live status over Socket.IO', () => {
  const database = isolatedDatabase('live');
  const env = {
    MONGODB_DATABASE: database,
    MONGODB_DATABASE_MEASURES: `${database}_m`,
    DATA_PATH: dataFolder(),
    SLEEP_TIME: '0.2',
    FETCH_ALLOWED_HOSTS: '',
  };
  let source: SourceServer;
  let api: AppProcess;
  let secondApi: AppProcess;
  let client: ApiClient;

  const fetchJobIndex = (count: number) =>
    source.serve(
      `/index-${Math.random()}.json`,
      JSON.stringify(
        Array.from({ length: count }, (_, i) => ({
          id: `r${i}`,
          creation_date: '2026-11-01T00:00:00Z',
          data: [{ a: i }],
        })),
      ),
      'application/json',
    );

  beforeAll(async () => {
    await purgeWorkQueues();
    source = await SourceServer.start();
    env.FETCH_ALLOWED_HOSTS = source.host;
    [api, secondApi] = await Promise.all([AppProcess.start('api', env), AppProcess.start('api', env)]);
    await Promise.all([
      AppProcess.start('fetch-worker', env),
      AppProcess.start('processing-worker', env),
      AppProcess.start('oma-worker', env),
    ]);
    client = await ApiClient.as(api.url, 61, 5);
  }, 120000);

  afterAll(async () => {
    await AppProcess.stopAll();
    await source?.close();
  });

  it('a client sees its fetch job and its analysis go through every status, in order; another tenant sees none', async () => {
    const mine = await LiveClient.connect(api.url, await tokenFor(61, 5));
    const theirs = await LiveClient.connect(api.url, await tokenFor(62, 5));
    try {
      const job = await client.createFetchJob({ sourceUrl: fetchJobIndex(5) });
      const structureId = await createStructure(client);
      const analysis = await createAnalysis(client, structureId, {
        type: 'FDD',
        input: { source: 'file', path: 'reference/shearframe-5dof.csv' },
      });
      await runAnalysis(client, analysis);
      await mine.waitForStatus(job.id, 'DONE');
      await mine.waitForStatus(analysis.id, 'DONE');
      expect(mine.statusesOf(job.id)).toEqual(['QUEUED', 'FETCHING', 'PROCESSING', 'DONE']);
      expect(mine.statusesOf(analysis.id)).toEqual(['QUEUED', 'RUNNING', 'DONE']);
      expect(mine.eventsOf(analysis.id)[2]).toMatchObject({
        tenant_id: 61,
        user_id: 5,
        run_type: 'FDD',
        structure_id: structureId,
      });
      const seqs = mine.events.map((event) => event.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(seqs.length);
      expect(theirs.events).toHaveLength(0);
    } finally {
      mine.close();
      theirs.close();
    }
  });

  it('refuses a missing, expired or wrong token at the handshake', async () => {
    await expect(LiveClient.connect(api.url, undefined)).rejects.toThrow(/unauthorized: no token/);
    await expect(
      LiveClient.connect(
        api.url,
        await tokenFor(61, 5, '1s').then(async (t) => (await new Promise((r) => setTimeout(r, 2100)), t)),
      ),
    ).rejects.toThrow(/unauthorized: token expired/);
    await expect(LiveClient.connect(api.url, 'not-a-jwt')).rejects.toThrow(/unauthorized: invalid token/);
  });

  it('subscribing narrows delivery to one document; a document of another tenant is refused', async () => {
    const live = await LiveClient.connect(api.url, await tokenFor(61, 5));
    try {
      const first = await client.createFetchJob({ sourceUrl: fetchJobIndex(2) });
      await live.waitForStatus(first.id, 'DONE');
      expect(await live.request('subscribe', { document_id: first.id })).toEqual({ ok: true });
      const other = await ApiClient.as(api.url, 62, 1);
      const foreign = await other.createFetchJob({ sourceUrl: fetchJobIndex(1) });
      expect(await live.request('subscribe', { document_id: foreign.id })).toMatchObject({
        ok: false,
        error: expect.stringContaining('no document'),
      });
      const second = await client.createFetchJob({ sourceUrl: fetchJobIndex(2) });
      await client.waitForJobEnd(second.id);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(live.eventsOf(second.id)).toHaveLength(0);
      expect(live.eventsOf(foreign.id)).toHaveLength(0);
    } finally {
      live.close();
    }
  });

  it('a client that reconnects with its last sequence gets what it missed, in order, without duplicates; GET /events serves the same', async () => {
    const first = await LiveClient.connect(api.url, await tokenFor(61, 5));
    const job = await client.createFetchJob({ sourceUrl: fetchJobIndex(3) });
    const queued = await first.waitForStatus(job.id, 'QUEUED');
    first.close();
    await client.waitForJobEnd(job.id);

    const again = await LiveClient.connect(api.url, await tokenFor(61, 5), queued.seq);
    try {
      await again.waitForStatus(job.id, 'DONE');
      expect(again.statusesOf(job.id)).toEqual(['FETCHING', 'PROCESSING', 'DONE']);
      expect(again.events.every((event) => event.seq > queued.seq)).toBe(true);
      const seqs = again.events.map((event) => event.seq);
      expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
      const rest = await client.get<Array<{ seq: number; document_id: string; status: string }>>(
        `/events?after=${queued.seq}`,
      );
      expect(rest.filter((event) => event.document_id === job.id).map((event) => event.status)).toEqual([
        'FETCHING',
        'PROCESSING',
        'DONE',
      ]);
    } finally {
      again.close();
    }
  });

  it('two API instances each deliver to their own clients', async () => {
    const onFirst = await LiveClient.connect(api.url, await tokenFor(61, 5));
    const onSecond = await LiveClient.connect(secondApi.url, await tokenFor(61, 5));
    try {
      const job = await client.createFetchJob({ sourceUrl: fetchJobIndex(2) });
      await onFirst.waitForStatus(job.id, 'DONE');
      await onSecond.waitForStatus(job.id, 'DONE');
      expect(onSecond.statusesOf(job.id)).toEqual(onFirst.statusesOf(job.id));
    } finally {
      onFirst.close();
      onSecond.close();
    }
  });
});
