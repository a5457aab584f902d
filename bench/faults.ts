/**
 * bench/faults: faults injected into 10,000-resource jobs on services of the bench's own (a FerretDB,
 * a RabbitMQ and a Kafka started by scripts/services.sh on free ports, which it kills -9), on a
 * database that already holds earlier jobs; every figure of each job is compared after recovery.
 *
 *   npm run bench:faults    (BENCH_RESOURCES, default 10000; BENCH_EARLIER_JOBS of 2,000 resources,
 *                            default 20; BENCH_OUTAGE_S, how long a killed service stays down, default 20;
 *                            BENCH_SCENARIOS, a comma-separated subset of the names below)
 *
 * Per scenario: the job's time, when the fault ended, the recovery time (from the fault's end to the
 * job's DONE event), and what was lost (resources not counted, an expected status event missing) or
 * counted twice (resources or summary values over the expected, a status event twice). A job that has
 * not ended 10 minutes after its fault is stuck. Last line: `faults: lost <n> counted_twice <n> stuck <n>`.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiClient, JobView } from '../test/support/api-client';
import { AppName, AppProcess } from '../test/support/app-process';
import { runIsolated } from '../test/support/isolated-run';
import { PrivateServices, ServiceName } from '../test/support/private-services';
import { isolatedDatabase } from '../test/support/services';
import { SourceServer } from '../test/support/source-server';

const N = Number(process.env.BENCH_RESOURCES ?? 10_000);
const EARLIER_JOBS = Number(process.env.BENCH_EARLIER_JOBS ?? 20);
const OUTAGE_MS = Number(process.env.BENCH_OUTAGE_S ?? 20) * 1000;
const STUCK_AFTER_MS = 10 * 60 * 1000;
const SERVICES: ServiceName[] = ['ferretdb', 'rabbitmq', 'kafka'];
const STATUSES = ['QUEUED', 'FETCHING', 'PROCESSING', 'DONE'];
const INVALID = 20; // entries without a creation date: INVALID at fetch
const BROKEN = 20; // data that is not numeric: FAILED at once
const VALID = N - INVALID;
const PROCESSED = VALID - BROKEN;

interface Scenario {
  name: string;
  /** When to inject the fault: how many processed resources to wait for first (0: at once). */
  after: number;
  inject: (world: World) => Promise<void>;
}

interface World {
  services: PrivateServices;
  client: ApiClient;
  apps: Record<AppName | 'processing-worker-2', AppProcess | undefined>;
  restart: (name: AppName) => Promise<void>;
}

const killService = (name: ServiceName) => async (world: World) => {
  await world.services.kill(name);
  await sleep(OUTAGE_MS);
  await world.services.up(name);
};

const killApp =
  (name: AppName, signal: NodeJS.Signals = 'SIGKILL') =>
  async (world: World) => {
    await world.apps[name]!.stop(signal);
    await world.restart(name);
  };

const SCENARIOS: Scenario[] = [
  { name: 'none', after: 0, inject: async () => undefined },
  { name: 'processing-worker kill -9', after: 2000, inject: killApp('processing-worker') },
  { name: 'processing-worker SIGTERM', after: 2000, inject: killApp('processing-worker', 'SIGTERM') },
  { name: 'fetch-worker kill -9 while fetching', after: 0, inject: killApp('fetch-worker') },
  { name: 'api kill -9', after: 2000, inject: killApp('api') },
  {
    name: 'broker connection of a processing replica closed',
    after: 2000,
    inject: async (world) => {
      const pid = world.apps['processing-worker-2']!.child.pid;
      const connections = await rabbitManagement<
        Array<{ name: string; client_properties?: { connection_name?: string } }>
      >(world, '/connections');
      for (const connection of connections)
        if (connection.client_properties?.connection_name === `processing-worker:${pid}`)
          await rabbitManagement(world, `/connections/${encodeURIComponent(connection.name)}`, 'DELETE');
    },
  },
  ...SERVICES.map((name) => ({ name: `${name} kill -9`, after: 2000, inject: killService(name) })),
];

async function rabbitManagement<T>(world: World, path: string, method = 'GET'): Promise<T> {
  const response = await fetch(`${world.services.rabbitManagementUrl}${path}`, {
    method,
    headers: { authorization: `Basic ${Buffer.from('modalflow:modalflow').toString('base64')}` },
  });
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

async function main(): Promise<void> {
  const wanted = process.env.BENCH_SCENARIOS?.split(',').map((name) => name.trim());
  const scenarios = wanted ? SCENARIOS.filter((scenario) => wanted.includes(scenario.name)) : SCENARIOS;
  const services = await PrivateServices.start(...SERVICES);
  const source = await SourceServer.start();
  const database = isolatedDatabase('faults');
  const env = {
    ...services.appEnv(...SERVICES),
    MONGODB_OPTIONS: 'serverSelectionTimeoutMS=1000',
    MONGODB_DATABASE: database,
    MONGODB_DATABASE_MEASURES: `${database}_m`,
    FETCH_ALLOWED_HOSTS: source.host,
    WORKERS: '200',
    RETRY_DELAY_MS: '500',
    SHUTDOWN_GRACE_PERIOD: '2',
  };
  const world: World = {
    services,
    client: undefined as unknown as ApiClient, // once the API is up
    apps: {} as World['apps'],
    restart: async (name) => {
      world.apps[name] = await AppProcess.start(name, env);
      if (name === 'api') world.client = await ApiClient.as(world.apps.api!.url, 77, 1);
    },
  };
  const client = () => world.client;
  try {
    for (const name of ['api', 'fetch-worker', 'processing-worker'] as const) await world.restart(name);
    world.apps['processing-worker-2'] = await AppProcess.start('processing-worker', env);
    const index = (name: string, count: number, faulty: boolean) =>
      source.serve(
        `/${name}.json`,
        Array.from({ length: count }, (_, i) => {
          if (faulty && i < INVALID) return { id: `${name}-${i}`, data: [{ v: i }] };
          if (faulty && i < INVALID + BROKEN)
            return { id: `${name}-${i}`, creation_date: '2026-11-01', data: [{ v: 'x' }] };
          return { id: `${name}-${i}`, creation_date: '2026-11-01', data: [{ v: i }] };
        }),
      );

    const seeded = performance.now();
    const earlier: JobView[] = [];
    for (let i = 0; i < EARLIER_JOBS; i++)
      earlier.push(await client().createFetchJob({ sourceUrl: index(`earlier-${i}`, 2000, false) }));
    for (const job of earlier) await jobEnd(client, job.id, STUCK_AFTER_MS);
    console.log(
      `database: ${EARLIER_JOBS} earlier jobs of 2,000 resources (${((performance.now() - seeded) / 1000).toFixed(0)} s)`,
    );
    console.log(
      `jobs of ${N} resources: ${PROCESSED} processed, ${BROKEN} failed, ${INVALID} invalid expected`,
    );

    const totals = { lost: 0, countedTwice: 0, stuck: 0 };
    const expectedValues = Array.from({ length: N }, (_, i) => i).slice(INVALID + BROKEN);
    const expectedMean = expectedValues.reduce((sum, v) => sum + v, 0) / expectedValues.length;
    for (const scenario of scenarios) {
      const started = performance.now();
      const job = await client().createFetchJob({
        sourceUrl: index(`job-${scenario.name.replace(/\W+/g, '-')}`, N, true),
        maxAttempts: 3,
      });
      if (scenario.after > 0) await processedAtLeast(client, job.id, scenario.after);
      const faultAt = performance.now();
      await scenario.inject(world);
      const backAt = performance.now();
      const ended = await jobEnd(client, job.id, STUCK_AFTER_MS);
      if (!ended) {
        totals.stuck++;
        console.log(`${scenario.name}: STUCK (not ended ${STUCK_AFTER_MS / 60000} min after its fault)`);
        continue;
      }
      const events = await statusEvents(client(), job.id, 60_000);
      const doneEventAt = performance.now();
      const counts = ended.counts;
      const settled = counts.processed + counts.failed;
      const lostResources = Math.max(0, PROCESSED - counts.processed) + Math.max(0, BROKEN - counts.failed);
      const twiceResources = Math.max(0, counts.processed - PROCESSED) + Math.max(0, counts.failed - BROKEN);
      const summaryCount = ended.summary.v?.count ?? 0;
      const lostEvents = STATUSES.filter((status) => !events.includes(status)).length;
      const twiceEvents = events.length - new Set(events).size;
      const listed = async (status: string) =>
        (await client().get<{ total: number }>(`/fetch-jobs/${job.id}/resources?status=${status}&limit=1`))
          .total;
      const output = (await client().get<unknown[]>(`/fetch-jobs/${job.id}/output.json`)).length;
      const [done, failed, queued] = [await listed('DONE'), await listed('FAILED'), await listed('QUEUED')];
      const lost =
        lostResources + lostEvents + Math.max(0, PROCESSED - done) + Math.max(0, PROCESSED - output) + queued;
      const countedTwice =
        twiceResources +
        twiceEvents +
        Math.max(0, summaryCount - PROCESSED) +
        Math.max(0, done - PROCESSED) +
        Math.max(0, failed - BROKEN) +
        Math.max(0, output - PROCESSED);
      const meanOff = Math.abs((ended.summary.v?.mean ?? 0) - expectedMean) > 1e-6 * expectedMean;
      totals.lost += lost;
      totals.countedTwice += countedTwice;
      console.log(
        `${scenario.name}: ${ended.status} in ${((doneEventAt - started) / 1000).toFixed(1)} s, fault at ` +
          `${((faultAt - started) / 1000).toFixed(1)} s, over at ${((backAt - started) / 1000).toFixed(1)} s, ` +
          `recovered ${((doneEventAt - backAt) / 1000).toFixed(1)} s after; processed ${counts.processed}, ` +
          `failed ${counts.failed}, invalid ${counts.invalid} (settled ${settled}), summary count ${summaryCount}` +
          `${meanOff ? ' (mean off)' : ''}, listing ${done}/${failed}/${queued} (DONE/FAILED/QUEUED), output ${output}, ` +
          `events ${events.join(' ')}; lost ${lost}, counted twice ${countedTwice}`,
      );
    }
    console.log(`faults: lost ${totals.lost} counted_twice ${totals.countedTwice} stuck ${totals.stuck}`);
  } finally {
    await AppProcess.stopAll();
    await source.close();
    await services.stop();
  }
}

/** The job once it has ended, or undefined after the timeout; errors while a service is away are "not yet". */
async function jobEnd(client: () => ApiClient, id: string, timeoutMs: number): Promise<JobView | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const job = await client()
      .get<JobView>(`/fetch-jobs/${id}`)
      .catch(() => undefined);
    if (job && (job.status === 'DONE' || job.status === 'ERROR')) return job;
    await sleep(250);
  }
  return undefined;
}

async function processedAtLeast(client: () => ApiClient, id: string, count: number): Promise<void> {
  for (;;) {
    const job = await client()
      .get<JobView>(`/fetch-jobs/${id}`)
      .catch(() => undefined);
    if (job && (job.counts.processed >= count || job.status === 'DONE')) return;
    await sleep(100);
  }
}

/** The job's status events over REST replay, once DONE is among them (or after the timeout). */
async function statusEvents(client: ApiClient, id: string, timeoutMs: number): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const events = (
      await client
        .get<Array<{ document_id: string; status: string }>>('/events?after=-1&limit=1000')
        .catch(() => [])
    )
      .filter((event) => event.document_id === id)
      .map((event) => event.status);
    if (events.includes('DONE') || Date.now() > deadline) return events;
    await sleep(250);
  }
}

runIsolated(main);
