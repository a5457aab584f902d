import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppName, AppProcess } from './support/app-process';
import { isolatedDatabase, publishToQueue, rabbitApi, takeDeadLetter, waitFor } from './support/services';
import { tokenFor } from './support/tokens';
import { HEADERS, QUEUES } from '@modalflow/contracts';

const database = isolatedDatabase('foundation');
const env = { MONGODB_DATABASE: database, MONGODB_DATABASE_MEASURES: `${database}_measures` };

interface RabbitConnection {
  name: string;
  client_properties: { connection_name?: string };
}

describe('foundation: the four apps against the real services', () => {
  const apps: Partial<Record<AppName, AppProcess>> = {};

  beforeAll(async () => {
    const names: AppName[] = ['api', 'fetch-worker', 'processing-worker', 'oma-worker'];
    await Promise.all(names.map(async (name) => (apps[name] = await AppProcess.start(name, env))));
  });

  afterAll(() => AppProcess.stopAll());

  it.each([
    ['api', ['mongodb', 'rabbitmq', 'kafka']],
    // `work`: the queue workers' stall watch (WorkProgress).
    ['fetch-worker', ['mongodb', 'rabbitmq', 'kafka', 'work']],
    ['processing-worker', ['mongodb', 'rabbitmq', 'kafka', 'work']],
    ['oma-worker', ['mongodb', 'kafka']],
  ] as [AppName, string[]][])(
    '%s reports healthy with each dependency it uses',
    async (name, dependencies) => {
      const { status, body } = await apps[name]!.health();
      expect(status).toBe(200);
      expect(body.status).toBe('ok');
      expect(Object.keys(body.details as object).sort()).toEqual([...dependencies].sort());
    },
  );

  it.each(['api', 'fetch-worker', 'processing-worker', 'oma-worker'] as AppName[])(
    '%s serves Prometheus metrics',
    async (name) => {
      const response = await fetch(`${apps[name]!.url}/metrics`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain(`process_cpu_user_seconds_total{app="${name}"}`);
    },
  );

  describe('API', () => {
    it('serves the OpenAPI document with bearer auth at /docs-json and Swagger UI at /docs', async () => {
      const document = (await (await fetch(`${apps.api!.url}/docs-json`)).json()) as {
        paths: Record<string, Record<string, { security?: unknown[] }>>;
        components: { securitySchemes: Record<string, { scheme: string }> };
        security: unknown[];
      };
      expect(Object.keys(document.paths)).toEqual(
        expect.arrayContaining(['/structures', '/structures/{id}', '/health']),
      );
      expect(document.components.securitySchemes.bearer.scheme).toBe('bearer');
      // A token everywhere but on public routes, which Swagger UI then shows without a lock.
      expect(document.security).toEqual([{ bearer: [] }]);
      expect(document.paths['/health'].get.security).toEqual([]);
      expect(document.paths['/structures'].get.security).toBeUndefined();
      const ui = await fetch(`${apps.api!.url}/docs`);
      expect(ui.status).toBe(200);
      expect(await ui.text()).toContain('swagger-ui');
    });

    it('answers 401 without a token, with an expired one and with a forged one', async () => {
      const url = `${apps.api!.url}/structures`;
      const missing = await fetch(url);
      expect(missing.status).toBe(401);
      const expired = await fetch(url, {
        headers: { authorization: `Bearer ${await tokenFor(9, 7, '-1s')}` },
      });
      expect(expired.status).toBe(401);
      expect(((await expired.json()) as { message: string }).message).toBe('token expired');
      const forged = (await tokenFor(9, 7)).slice(0, -3) + 'abc';
      expect((await fetch(url, { headers: { authorization: `Bearer ${forged}` } })).status).toBe(401);
    });

    it("answers 404 for another tenant's structure and never lists it", async () => {
      const owner = { authorization: `Bearer ${await tokenFor(9, 7)}`, 'content-type': 'application/json' };
      const stranger = {
        authorization: `Bearer ${await tokenFor(10, 8)}`,
        'content-type': 'application/json',
      };
      const created = await fetch(`${apps.api!.url}/structures`, {
        method: 'POST',
        headers: owner,
        body: JSON.stringify({ name: 'Lysefjord Bridge' }),
      });
      expect(created.status).toBe(201);
      const { id, tenant_id } = (await created.json()) as { id: string; tenant_id: number };
      expect(tenant_id).toBe(9);

      expect((await fetch(`${apps.api!.url}/structures/${id}`, { headers: owner })).status).toBe(200);
      for (const method of ['GET', 'PATCH', 'DELETE']) {
        const response = await fetch(`${apps.api!.url}/structures/${id}`, {
          method,
          headers: stranger,
          body: method === 'PATCH' ? JSON.stringify({ name: 'stolen' }) : undefined,
        });
        expect(response.status).toBe(404);
      }
      const list = (await (await fetch(`${apps.api!.url}/structures`, { headers: stranger })).json()) as {
        total: number;
      };
      expect(list.total).toBe(0);
      const mine = (await (await fetch(`${apps.api!.url}/structures/${id}`, { headers: owner })).json()) as {
        name: string;
      };
      expect(mine.name).toBe('Lysefjord Bridge');
    });

    it('answers 400 naming the field at fault', async () => {
      const response = await fetch(`${apps.api!.url}/structures`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await tokenFor(9, 7)}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: '', colour: 'red' }),
      });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { fields: { field: string }[] };
      expect(body.fields.map((f) => f.field).sort()).toEqual(['colour', 'name']);
    });
  });

  describe('configuration', () => {
    it.each([
      ['MONGODB_PORT', 'not-a-port', 'MONGODB_PORT must be a number'],
      ['KAFKA_BROKER', 'nowhere', 'KAFKA_BROKER'],
      ['WORKERS', '0', 'WORKERS must be greater than or equal to 1'],
    ])('stops an app at once when %s is %s, naming it', async (variable, value, message) => {
      const app = await AppProcess.spawn('fetch-worker', { ...env, [variable]: value });
      expect(await app.waitExit()).toBe(1);
      const lines = app.output.join('').trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(message);
    });

    it('stops an app naming the service and address when a broker never answers', async () => {
      const app = await AppProcess.spawn('processing-worker', {
        ...env,
        RABBITMQ_PORT: '5999',
        STARTUP_TIMEOUT: '2',
      });
      expect(await app.waitExit()).toBe(1);
      expect(app.output.join('')).toContain('RabbitMQ at amqp://127.0.0.1:5999 is not reachable');
    });
  });

  describe('work-queue transport', () => {
    it('dead-letters a message that is not JSON, and one of the wrong shape, without retrying', async () => {
      await publishToQueue(QUEUES.START_FETCH, 'not json at all: marker-1');
      const notJson = await takeDeadLetter(QUEUES.START_FETCH, 'marker-1');
      expect(notJson.properties.headers?.[HEADERS.DEAD_REASON]).toBe('malformed message: body is not JSON');

      await publishToQueue(QUEUES.START_FETCH, JSON.stringify({ job_id: 'marker-2', tenant_id: 'nine' }));
      const wrongShape = await takeDeadLetter(QUEUES.START_FETCH, 'marker-2');
      expect(String(wrongShape.properties.headers?.[HEADERS.DEAD_REASON])).toMatch(
        /malformed message: .*job_id/,
      );
      expect(wrongShape.properties.headers?.[HEADERS.ATTEMPT]).toBeUndefined();
    });

    it('keeps consuming after its broker connection is killed and restored', async () => {
      const worker = apps['fetch-worker']!;
      const prefix = `fetch-worker:${worker.child.pid}`;
      const ownConnection = async () =>
        (await rabbitApi<RabbitConnection[]>('/connections')).find(
          (c) => c.client_properties.connection_name === prefix,
        );
      const before = await waitFor('the worker connection', ownConnection);
      await rabbitApi(`/connections/${encodeURIComponent(before.name)}`, { method: 'DELETE' });

      const after = await waitFor('the worker to reconnect', async () => {
        const connection = await ownConnection();
        return connection && connection.name !== before.name ? connection : undefined;
      });
      expect(after.name).not.toBe(before.name);
      await worker.waitHealthy(15000);

      await publishToQueue(QUEUES.START_FETCH, 'after reconnection: marker-3');
      const message = await takeDeadLetter(QUEUES.START_FETCH, 'marker-3');
      expect(message.payload).toBe('after reconnection: marker-3');
    });
  });

  describe('logs', () => {
    it('writes JSON logs to LOGS_PATH/<app>.log as well as stdout', async () => {
      const logsPath = mkdtempSync(join(tmpdir(), 'modalflow-logs-'));
      const app = await AppProcess.start('oma-worker', { ...env, LOG_LEVEL: 'info', LOGS_PATH: logsPath });
      expect(await app.stop()).toBe(0);
      const lines = readFileSync(join(logsPath, 'oma-worker.log'), 'utf8').trim().split('\n');
      const started = lines
        .map((line) => JSON.parse(line) as { name: string; msg: string })
        .find((l) => l.msg === 'Nest application successfully started');
      expect(started?.name).toBe('oma-worker');
      expect(app.output.join('')).toContain('Nest application successfully started');
    });
  });

  describe('graceful shutdown', () => {
    it.each(['api', 'processing-worker'] as AppName[])('%s exits 0 on SIGTERM', async (name) => {
      const app = await AppProcess.start(name, env);
      expect(await app.stop('SIGTERM')).toBe(0);
    });
  });
});
