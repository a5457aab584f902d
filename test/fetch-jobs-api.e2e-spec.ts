import { AppProcess } from './support/app-process';
import { KafkaListener } from './support/kafka-listener';
import { isolatedDatabase, vhostPath, rabbitApi } from './support/services';
import { tokenFor } from './support/tokens';
import { QUEUES } from '@modalflow/contracts';

interface Job {
  id: string;
  status: string;
  source_url: string;
  max_attempts: number;
  counts: Record<string, number>;
}

describe('fetch jobs API', () => {
  const database = isolatedDatabase('fetchjobs');
  let api: AppProcess;
  let kafka: KafkaListener;
  let headers: Record<string, string>;

  beforeAll(async () => {
    [api, kafka] = await Promise.all([
      AppProcess.start('api', { MONGODB_DATABASE: database, MAX_ATTEMPTS: '4' }),
      KafkaListener.listen(),
    ]);
    headers = { authorization: `Bearer ${await tokenFor(21, 5)}`, 'content-type': 'application/json' };
  });

  afterAll(async () => {
    await AppProcess.stopAll();
    await kafka?.close();
  });

  async function create(body: object, extra: Record<string, string> = {}): Promise<Response> {
    return fetch(`${api.url}/fetch-jobs`, {
      method: 'POST',
      headers: { ...headers, ...extra },
      body: JSON.stringify(body),
    });
  }

  async function queuedStartFetch(jobId: string): Promise<number> {
    const messages = await rabbitApi<{ payload: string }[]>(
      `/queues/${vhostPath()}/${QUEUES.START_FETCH}/get`,
      {
        method: 'POST',
        body: JSON.stringify({ count: 1000, ackmode: 'ack_requeue_false', encoding: 'auto' }),
      },
    );
    return messages.filter((m) => (JSON.parse(m.payload) as { job_id: string }).job_id === jobId).length;
  }

  it('POST answers 202 with the QUEUED job, queues it on start_fetch and announces it on Kafka', async () => {
    const response = await create({ sourceUrl: 'http://monitoring.example.org/index.json' });
    expect(response.status).toBe(202);
    const job = (await response.json()) as Job;
    expect(job).toMatchObject({
      status: 'QUEUED',
      source_url: 'http://monitoring.example.org/index.json',
      max_attempts: 4,
    });
    expect(job.counts).toEqual({ found: 0, valid: 0, invalid: 0, processed: 0, failed: 0, attempts: 0 });

    const event = await kafka.waitForEvent(job.id, 'QUEUED');
    expect(event).toMatchObject({
      tenant_id: 21,
      user_id: 5,
      document_id: job.id,
      run_type: 'FETCH',
      status: 'QUEUED',
    });
    expect(await queuedStartFetch(job.id)).toBe(1);
  });

  it('returns the same job for a repeated Idempotency-Key, queued once', async () => {
    const key = { 'idempotency-key': 'nightly-export-2026-11-23' };
    const first = (await (
      await create({ sourceUrl: 'http://monitoring.example.org/a.json' }, key)
    ).json()) as Job;
    const second = (await (
      await create({ sourceUrl: 'http://monitoring.example.org/a.json' }, key)
    ).json()) as Job;
    expect(second.id).toBe(first.id);
    expect(await queuedStartFetch(first.id)).toBe(1);
  });

  it('lists, filters by status and reads jobs of the own tenant only', async () => {
    const job = (await (
      await create({ sourceUrl: 'http://monitoring.example.org/b.json', maxAttempts: 2 })
    ).json()) as Job;
    const queued = (await (await fetch(`${api.url}/fetch-jobs?status=QUEUED`, { headers })).json()) as {
      items: Job[];
    };
    expect(queued.items.map((j) => j.id)).toContain(job.id);
    const done = (await (await fetch(`${api.url}/fetch-jobs?status=DONE`, { headers })).json()) as {
      total: number;
    };
    expect(done.total).toBe(0);
    expect((await fetch(`${api.url}/fetch-jobs/${job.id}`, { headers })).status).toBe(200);

    const stranger = { authorization: `Bearer ${await tokenFor(22, 5)}` };
    expect((await fetch(`${api.url}/fetch-jobs/${job.id}`, { headers: stranger })).status).toBe(404);
    const theirs = (await (await fetch(`${api.url}/fetch-jobs`, { headers: stranger })).json()) as {
      total: number;
    };
    expect(theirs.total).toBe(0);
  });

  it('answers 400 naming the fields at fault', async () => {
    const response = await create({ sourceUrl: 'ftp://example.org/x', maxAttempts: 0, structureId: 'nope' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { fields: { field: string }[] };
    expect(body.fields.map((f) => f.field).sort()).toEqual(['maxAttempts', 'sourceUrl', 'structureId']);
  });
});
