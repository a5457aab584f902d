import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { JwtService } from '@nestjs/jwt';
import { AppProcess } from './support/app-process';
import { ApiClient } from './support/api-client';
import { AnalysisView, createAnalysis, createStructure, dataFolder, runToEnd } from './support/analyses';
import { LiveClient } from './support/live-client';
import { isolatedDatabase, waitFor } from './support/services';
import { SourceServer } from './support/source-server';

const SCHEMATHESIS =
  process.env.SCHEMATHESIS_BIN ?? join(homedir(), '.cache/modalflow/schemathesis-venv/bin/schemathesis');
const JWT_SECRET = process.env.JWT_SECRET ?? 'modalflow-local-development-secret';

interface ResourceView {
  resource_id: string;
  status: string;
  reason?: string;
  last_error?: string;
  measurement_id?: string;
}

interface ErrorBody {
  statusCode: number;
  message: string;
  correlationId: string;
  fields?: Array<{ field: string }>;
}

/** A time series of two channels at 20 Hz: the processing worker makes it a measurement. */
function seriesCsv(samples: number): string {
  const rows = Array.from({ length: samples }, (_, i) => {
    const t = i / 20;
    return `${t},${Math.sin(2 * Math.PI * 1.5 * t) + 0.01 * ((i * 7919) % 13)},${Math.cos(2 * Math.PI * 3.2 * t)}`;
  });
  return `time,s1,s2\n${rows.join('\n')}\n`;
}

describe('trust boundary: outbound requests, tenants, files, parameters, the HTTP edge', () => {
  const database = isolatedDatabase('trust');
  const outside = mkdtempSync(join(tmpdir(), 'modalflow-outside-'));
  writeFileSync(join(outside, 'secret.csv'), 'a,b\n1,2\n3,4\n');
  const dataPath = dataFolder({});
  symlinkSync(join(outside, 'secret.csv'), join(dataPath, 'escape.csv'));
  const cachePath = mkdtempSync(join(tmpdir(), 'modalflow-cache-'));
  mkdirSync(join(cachePath, '61'));
  writeFileSync(join(cachePath, '61', 'output.mfds'), 'x');
  const env = {
    MONGODB_DATABASE: database,
    MONGODB_DATABASE_MEASURES: `${database}_m`,
    DATA_PATH: dataPath,
    CACHE_PATH: cachePath,
    SLEEP_TIME: '0.2',
    RETRY_DELAY_MS: '50',
    MAX_ATTEMPTS: '2',
    ANALYSIS_MAX_MEMORY_MB: '256',
    API_MAX_BODY_BYTES: '65536',
    FETCH_ALLOWED_HOSTS: '',
  };
  let source: SourceServer;
  let api: AppProcess;
  let fetchWorker: AppProcess;
  let tenantA: ApiClient;
  let tenantB: ApiClient;
  let structureA: string;
  let structureB: string;
  let jobA: string;
  let measurementA: string;
  let analysisA: AnalysisView;
  let ruleA: string;
  let hookA: string;
  let windowA: string;
  let preprocessingA: AnalysisView;
  let resources: Map<string, ResourceView>;

  beforeAll(async () => {
    source = await SourceServer.start();
    env.FETCH_ALLOWED_HOSTS = source.host;
    [api, fetchWorker] = await Promise.all([
      AppProcess.start('api', env),
      AppProcess.start('fetch-worker', env),
      AppProcess.start('processing-worker', env),
      AppProcess.start('oma-worker', env),
    ]);
    tenantA = await ApiClient.as(api.url, 61, 1);
    tenantB = await ApiClient.as(api.url, 62, 2);
    structureA = await createStructure(tenantA, 'A bridge');
    structureB = await createStructure(tenantB, 'B bridge');
    const metrics = `http://127.0.0.1:${fetchWorker.port}/metrics`;
    source.route('/to-metrics', (_request, response) => response.writeHead(302, { location: metrics }).end());
    const index = [
      { id: 'series', creation_date: '2026-11-23T10:00:00Z', data: seriesCsv(2400) },
      {
        id: 'by-url',
        creation_date: '2026-11-23T10:10:00Z',
        url: source.serve('/data.csv', 'a,b\n1,2\n3,4\n'),
      },
      { id: 'metrics', creation_date: '2026-11-23T10:20:00Z', url: metrics },
      { id: 'redirect', creation_date: '2026-11-23T10:30:00Z', url: source.url('/to-metrics') },
      { id: 'feb-30', creation_date: '2021-02-30', data: [{ a: 1 }] },
      { id: 'one-record', creation_date: '2026-11-23T10:40:00Z', data: { temperature: 11.5, humidity: 43 } },
    ];
    const job = await tenantA.createFetchJob({
      sourceUrl: source.serve('/index.json', index),
      structureId: structureA,
    });
    jobA = job.id;
    expect((await tenantA.waitForJobEnd(jobA)).status).toBe('DONE');
    const listed = await tenantA.get<{ items: ResourceView[] }>(`/fetch-jobs/${jobA}/resources?limit=50`);
    resources = new Map(listed.items.map((item) => [item.resource_id, item]));
    measurementA = resources.get('series')!.measurement_id!;
    analysisA = await createAnalysis(tenantA, structureA, {
      type: 'FDD',
      input: { source: 'measurement', measurement_id: measurementA },
    });
    const rule = await tenantA.request<{ id: string }>('POST', `/structures/${structureA}/monitoring`, {
      type: 'FDD',
    });
    ruleA = rule.body.id;
    hookA = (
      await tenantA.request<{ id: string }>('POST', '/webhooks', {
        url: source.route('/hook', (_request, response) => response.writeHead(204).end()),
        events: ['analysis.done'],
      })
    ).body.id;
    windowA = (
      await tenantA.request<{ id: string }>('POST', `/structures/${structureA}/maintenance-windows`, {
        starts_at: '2026-12-01T00:00:00Z',
        ends_at: '2026-12-02T00:00:00Z',
        reason: 'A works',
      })
    ).body.id;
    preprocessingA = await createAnalysis(tenantA, structureA, {
      type: 'PREPROCESSING',
      input: { source: 'file', path: 'reference/shearframe-5dof.csv' },
    });
    expect((await runToEnd(tenantA, analysisA)).status).toBe('DONE');
    expect((await runToEnd(tenantA, preprocessingA)).status).toBe('DONE');
  }, 180000);

  afterAll(async () => {
    await AppProcess.stopAll();
    await source?.close();
  });

  describe('outbound requests and data', () => {
    it('refuses a resource url on loopback, directly and through a redirect, without its body', () => {
      const metrics = resources.get('metrics')!;
      expect(metrics.status).toBe('FAILED');
      expect(metrics.last_error).toBe(
        `http://127.0.0.1:${fetchWorker.port}/metrics is refused: its host is a loopback address (allow it with FETCH_ALLOWED_HOSTS)`,
      );
      expect(resources.get('redirect')).toMatchObject({
        status: 'FAILED',
        last_error: expect.stringContaining('is refused: its host is a loopback address'),
      });
      for (const item of resources.values()) expect(JSON.stringify(item)).not.toContain('# HELP');
    });

    it('takes allowed sources, one record as a row, and refuses a date that is not in the calendar', () => {
      expect(resources.get('by-url')?.status).toBe('DONE');
      expect(resources.get('one-record')?.status).toBe('DONE');
      expect(resources.get('feb-30')).toMatchObject({
        status: 'INVALID',
        reason: 'creation_date is not a valid date (ISO 8601 or epoch milliseconds)',
      });
    });

    it('refuses a source URL on loopback, link-local or another scheme with a 400 naming sourceUrl', async () => {
      for (const sourceUrl of [
        `http://127.0.0.1:${api.port}/health`,
        'http://169.254.169.254/latest/meta-data/',
        'http://[::1]:3000/',
      ]) {
        const { status, body } = await tenantA.request<ErrorBody>('POST', '/fetch-jobs', { sourceUrl });
        expect(status).toBe(400);
        expect(body.fields?.map((f) => f.field)).toEqual(['sourceUrl']);
        expect(body.message).toContain('is refused');
      }
    });
  });

  describe("another tenant's ids in a body", () => {
    it("a fetch job for a structure that is not the caller's is a 404, as for one that does not exist", async () => {
      const other = await tenantB.request<ErrorBody>('POST', '/fetch-jobs', {
        sourceUrl: source.url('/index.json'),
        structureId: structureA,
      });
      const missing = await tenantB.request<ErrorBody>('POST', '/fetch-jobs', {
        sourceUrl: source.url('/index.json'),
        structureId: '6426ff08edc3cbd39eac2a93',
      });
      expect([other.status, missing.status]).toEqual([404, 404]);
      expect(other.body.message).toBe(`structure ${structureA} not found`);
    });

    it("an analysis of another tenant's measurement or PREPROCESSING output is a 404", async () => {
      const byMeasurement = await tenantB.request<ErrorBody>('POST', `/structures/${structureB}/analyses`, {
        type: 'FDD',
        input: { source: 'measurement', measurement_id: measurementA },
      });
      const byAnalysis = await tenantB.request<ErrorBody>('POST', `/structures/${structureB}/analyses`, {
        type: 'FDD',
        input: { source: 'analysis', analysis_id: preprocessingA.id },
      });
      expect([byMeasurement.status, byAnalysis.status]).toEqual([404, 404]);
    });
  });

  describe('files', () => {
    it('answers a symlink out of DATA_PATH, a missing file and the cache alike, with no absolute path', async () => {
      const answers = [];
      for (const path of [
        'escape.csv',
        'missing.csv',
        `../${join(cachePath, '61', 'output.mfds')}`,
        'reference',
      ]) {
        const { status, body } = await tenantB.request<ErrorBody>(
          'POST',
          `/structures/${structureB}/analyses`,
          {
            type: 'FDD',
            input: { source: 'file', path },
          },
        );
        expect(status).toBe(404);
        expect(body.message).toBe(`input.path "${path}" names no readable file under DATA_PATH`);
        answers.push(body.message.replace(path, ''));
        expect(body.message).not.toContain(dataPath);
      }
      expect(new Set(answers).size).toBe(1);
    });
  });

  describe('analysis parameters', () => {
    const create = (
      type: string,
      params: object,
      input: object = { source: 'measurement', measurement_id: measurementA },
    ) => tenantA.request<ErrorBody>('POST', `/structures/${structureA}/analyses`, { type, params, input });

    it.each([
      ['PREPROCESSING', 'params.channels', { channels: Array.from({ length: 10_000 }, () => 's1') }],
      ['SSI', 'params.block_rows', { block_rows: 2000, order_max: 400 }],
      ['FDD', 'params.frequency_band', { frequency_band: [5, 1] }],
      ['FDD', 'params.frequencies', { frequencies: 'abc' }],
      ['PREPROCESSING', 'params.decimation_factor', { decimation_factor: 2 ** 30 }],
      ['FDD', 'params.frequency_band', { frequency_band: [1, 15] }],
      ['PREPROCESSING', 'params.channels', { channels: ['s1', 'nope'] }],
      ['FDD', 'params.segment_length', { segment_length: 4096 }],
    ] as Array<[string, string, object]>)(
      '%s: 400 naming %s, before any run',
      async (type, field, params) => {
        const { status, body } = await create(type, params);
        expect(status).toBe(400);
        expect(body.fields?.map((f) => f.field)).toEqual([field]);
      },
    );

    it('refuses a run over ANALYSIS_MAX_MEMORY_MB, saying what to lower', async () => {
      // A file's length is known to the worker only: the same check runs there, before the analysis.
      const large = await tenantA.request<ErrorBody>('POST', `/structures/${structureA}/analyses`, {
        type: 'SSI',
        params: { block_rows: 500, order_max: 400, order_step: 1 },
        input: { source: 'file', path: 'reference/suspension-bridge.csv' },
      });
      expect(large.status).toBe(201);
      const ended = await runToEnd(tenantA, large.body as unknown as AnalysisView);
      expect(ended).toMatchObject({ status: 'ERROR' });
      expect(ended.error).toMatch(
        /^the run would need about \d+ MB, over the limit of 256 MB \(ANALYSIS_MAX_MEMORY_MB\): lower block_rows or order_max$/,
      );
    });
  });

  describe('the HTTP edge', () => {
    const raw = (path: string, init: RequestInit = {}) =>
      fetch(`${api.url}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${tenantA.token}`, ...(init.headers as Record<string, string>) },
      });

    it.each([
      ['a body over API_MAX_BODY_BYTES', { name: 'x'.repeat(70_000) }, 'application/json', 413],
      ['a body that is not JSON', 'name=x', 'application/x-www-form-urlencoded', 415],
      ['a latin1 body', '{"name":"x"}', 'application/json; charset=latin1', 415],
      ['malformed JSON', '{"name":', 'application/json', 400],
      ['JSON nested 1,300 deep', `${'['.repeat(1300)}${']'.repeat(1300)}`, 'application/json', 400],
    ])('%s', async (_what, body, contentType, expected) => {
      const response = await raw('/structures', {
        method: 'POST',
        headers: { 'content-type': contentType },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      expect(response.status).toBe(expected);
      const answer = (await response.json()) as ErrorBody;
      expect(answer.correlationId).toBe(response.headers.get('x-request-id'));
      expect(answer.correlationId).toMatch(/^[\w-]{8,}$/);
    });

    it('answers 400 for paging out of range, 404 for unknown plots, 405 with Allow, 400 for an empty PATCH', async () => {
      expect((await raw('/structures?offset=9223372036854775807')).status).toBe(400);
      expect((await raw(`/fetch-jobs/${jobA}/resources?limit=1001`)).status).toBe(400);
      const plot = `/structures/${structureA}/analyses/${analysisA.id}/plots/constructor.svg`;
      expect((await raw(plot)).status).toBe(404);
      const put = await raw('/structures', { method: 'PUT' });
      expect(put.status).toBe(405);
      expect(put.headers.get('allow')).toBe('GET, POST, HEAD');
      const patch = await raw(`/structures/${structureA}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(patch.status).toBe(400);
      expect((await raw(`/structures/${structureA}`, { method: 'PATCH' })).status).toBe(400);
    });

    it('answers 422 for an Idempotency-Key used again with another body', async () => {
      const key = { 'idempotency-key': `trust-${Date.now()}` };
      const first = await tenantA.request(
        'POST',
        '/fetch-jobs',
        { sourceUrl: source.url('/index.json') },
        key,
      );
      const again = await tenantA.request(
        'POST',
        '/fetch-jobs',
        { sourceUrl: source.url('/index.json') },
        key,
      );
      const other = await tenantA.request(
        'POST',
        '/fetch-jobs',
        { sourceUrl: source.url('/other.json') },
        key,
      );
      expect([first.status, again.status, other.status]).toEqual([202, 202, 422]);
    });

    it('keeps a caller correlation id, and replaces one that is not a plain token', async () => {
      const kept = await raw('/structures/nope', { headers: { 'x-request-id': 'trace-42' } });
      expect(((await kept.json()) as ErrorBody).correlationId).toBe('trace-42');
      const replaced = await raw('/structures/nope', { headers: { 'x-request-id': 'a b\tc' } });
      expect(((await replaced.json()) as ErrorBody).correlationId).not.toContain(' ');
    });

    it('refuses tokens without exp, living longer than JWT_MAX_LIFETIME, or with ids that are not positive integers', async () => {
      const jwt = new JwtService({ secret: JWT_SECRET });
      const tokens = [
        await jwt.signAsync({ tenant_id: 61, user_id: 1 }),
        await jwt.signAsync({ tenant_id: 61, user_id: 1 }, { expiresIn: '400d' }),
        await jwt.signAsync({ tenant_id: 1e300, user_id: 1 }, { expiresIn: '1h' }),
        await jwt.signAsync({ tenant_id: -61, user_id: 1 }, { expiresIn: '1h' }),
      ];
      for (const token of tokens) {
        const response = await fetch(`${api.url}/structures`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(response.status).toBe(401);
      }
    });
  });

  describe('tenant isolation over every operation of the OpenAPI document', () => {
    it("as a second tenant, every operation with the first tenant's ids answers 404 and shows none of its data", async () => {
      const document = (await (await fetch(`${api.url}/docs-json`)).json()) as {
        paths: Record<string, Record<string, { requestBody?: unknown; security?: unknown[] }>>;
      };
      const idsOfA: Record<string, string> = { structureId: structureA, file: 'singular-values.svg' };
      const secretsOfA = [
        structureA,
        jobA,
        analysisA.id,
        preprocessingA.id,
        measurementA,
        ruleA,
        hookA,
        windowA,
        'A bridge',
        'A works',
      ];
      const bodies: Record<string, object> = {
        'POST /fetch-jobs': { sourceUrl: source.url('/index.json'), structureId: structureA },
        'POST /structures/{structureId}/analyses': {
          type: 'FDD',
          input: { source: 'file', path: 'reference/shearframe-5dof.csv' },
        },
        'PATCH /structures/{id}': { name: 'taken over' },
        'POST /structures/{structureId}/monitoring': { type: 'SSI' },
        'PATCH /structures/{structureId}/monitoring/{id}': { enabled: false },
        'POST /structures': { name: 'B structure' },
        'PATCH /webhooks/{id}': { enabled: false },
        'POST /structures/{structureId}/maintenance-windows': {
          starts_at: '2026-12-01T00:00:00Z',
          ends_at: '2026-12-02T00:00:00Z',
        },
        'PUT /structures/{structureId}/geometry': {
          nodes: [{ id: 'n', x: 0, y: 0, z: 0 }],
          sensors: [{ channel: 'c', node: 'n', direction: 'x' }],
        },
        'PUT /structures/{structureId}/geometry/sheets': {
          nodes: 'id,x,y,z\nn,0,0,0',
          sensors: 'channel,node,direction\nc,n,x',
        },
        'PATCH /structures/{structureId}/modes/{trackId}': { name: 'taken over' },
        'POST /structures/{structureId}/alerts/{id}/snooze': {
          until: new Date(Date.now() + 3_600_000).toISOString(),
        },
      };
      let checked = 0;
      for (const [path, item] of Object.entries(document.paths)) {
        for (const [method, operation] of Object.entries(item)) {
          if (Array.isArray(operation.security) && operation.security.length === 0) continue; // public
          const key = `${method.toUpperCase()} ${path}`;
          // Each {id} is the first tenant's document of that kind.
          // (Tenant A has no alert: an alert id is one of its structures', a 404 for A too.)
          const id = path.startsWith('/fetch-jobs')
            ? jobA
            : path.startsWith('/webhooks')
              ? hookA
              : path.includes('/maintenance-windows/{id}')
                ? windowA
                : path.includes('/analyses/{id}')
                  ? analysisA.id
                  : path.includes('/monitoring/{id}')
                    ? ruleA
                    : structureA;
          const concrete = path.replace(/\{(\w+)\}/g, (_, name: string) => idsOfA[name] ?? id);
          const hasIds = concrete !== path;
          const { status, body } = await tenantB.request(method.toUpperCase(), concrete, bodies[key]);
          const text = JSON.stringify(body ?? '');
          for (const secret of secretsOfA)
            expect({ key, leaked: text.includes(secret) && status < 400 }).toEqual({ key, leaked: false });
          if (hasIds || key === 'POST /fetch-jobs') expect({ key, status }).toEqual({ key, status: 404 });
          else expect({ key, status: status < 500 }).toEqual({ key, status: true });
          checked++;
        }
      }
      expect(checked).toBeGreaterThanOrEqual(18);
    });

    it("as a second tenant, a socket sees none of the first tenant's events and cannot subscribe to them", async () => {
      const live = await LiveClient.connect(api.url, tenantB.token);
      try {
        for (const request of [
          { document_id: jobA },
          { document_id: analysisA.id, structure_id: structureA },
          { document_id: preprocessingA.id, structure_id: structureA },
        ]) {
          expect(await live.request('subscribe', request)).toMatchObject({ ok: false });
        }
        const rerun = await tenantA.request('POST', `/structures/${structureA}/analyses/${analysisA.id}/run`);
        expect(rerun.status).toBe(202);
        await waitFor('the re-run to end', async () => {
          const { body } = await tenantA.request<AnalysisView>(
            'GET',
            `/structures/${structureA}/analyses/${analysisA.id}`,
          );
          return body.status === 'DONE';
        });
        const mine = await tenantB.request('POST', '/structures', { name: 'B second' });
        expect(mine.status).toBe(201);
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(live.events.filter((event) => event.tenant_id !== 62)).toEqual([]);
        expect(live.eventsOf(analysisA.id)).toEqual([]);
      } finally {
        live.close();
      }
    });
  });

  describe('schemathesis over the real API', () => {
    it('finds no 5xx, no answer outside the schema and no invalid request accepted, with all checks', async () => {
      expect(existsSync(SCHEMATHESIS)).toBe(true); // installed by scripts/test.sh
      // DELETE gets a structure of its own: deleting the shared one would turn every later request
      // about it into a 404 that says nothing.
      const disposable = await createStructure(tenantA, 'to be deleted');
      const run = spawnSync(
        SCHEMATHESIS,
        [
          '--config-file',
          join(__dirname, 'schemathesis/schemathesis.toml'),
          'run',
          `${api.url}/docs-json`,
          '--checks',
          'all',
          '--no-color',
        ],
        {
          encoding: 'utf8',
          timeout: 600_000,
          env: {
            ...process.env,
            ST_TOKEN: tenantA.token,
            ST_STRUCTURE_ID: structureA,
            ST_DISPOSABLE_STRUCTURE_ID: disposable,
            ST_ANALYSIS_ID: analysisA.id,
            ST_FETCH_JOB_ID: jobA,
            ST_RULE_ID: ruleA,
            ST_WEBHOOK_ID: hookA,
          },
        },
      );
      if (run.status !== 0) process.stdout.write(`${run.stdout}\n${run.stderr}\n`);
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/Tested: \d+/);
    }, 660_000);
  });
});
