/**
 * bench/pipeline: N small inline resources through the API, both workers and MongoDB, against the
 * raw ceiling of the same RabbitMQ (plain amqplib: publish with confirms, consume with ack, the same
 * number and size of messages), measured in the same run.
 *
 *   npm run bench:pipeline       (N = BENCH_RESOURCES, default 20000; BENCH_WORKERS, default 1000,
 *                                  docs/benchmarks.md's advice for small resources; BENCH_PROCESSING_REPLICAS,
 *                                  default 1; BENCH_WARMUP_RESOURCES, default N)
 *
 * Then, unless BENCH_SCALING=0, the cost per resource as the job and the database grow: the
 * database first takes BENCH_EARLIER_JOBS earlier jobs (default 100, of 2,000 resources each),
 * then a job of 20,000 and one of BENCH_LARGE_RESOURCES (default 500,000) run one after the other;
 * the last line is `per-resource cost 500k / 20k: <ratio>` (time per resource of the large job over
 * that of the small one; target <= 1.2).
 *
 * The apps first take a warm-up job of BENCH_WARMUP_RESOURCES (not measured), so the figures are
 * those of running apps rather than of their first seconds (cold JIT, first connections and topic
 * metadata). As large as the measured job: after a warm-up of 2,000, V8 was still optimising the
 * workers' code during the measured job, and the processing worker's CPU per resource, relative to
 * RabbitMQ's in the same run, was 0.64-0.72 against 0.54-0.58 (three interleaved pairs). The raw
 * test gets the same warm-up. The raw ceiling is measured just before and just after the pipeline, and the ratio
 * uses the mean of the two: on a shared machine the speed of the same run drifts by a fifth within
 * a minute, and a single raw run after the pipeline moved the ratio with it.
 */
import { readFileSync } from 'node:fs';
import { connect } from 'amqplib';
import { Document, MongoClient } from 'mongodb';
import { AppProcess } from '../test/support/app-process';
import { runIsolated } from '../test/support/isolated-run';
import { ApiClient } from '../test/support/api-client';
import { KafkaListener } from '../test/support/kafka-listener';
import { isolatedDatabase } from '../test/support/services';
import { SourceServer } from '../test/support/source-server';
import { formatCpuPerItem, measureCpu, servicePids } from './cpu-time';
import { DataProcessingMessage, indexPageCount, outcomeKey } from '@modalflow/fetch-jobs';

const N = Number(process.env.BENCH_RESOURCES ?? 20000);
const PROCESSING_REPLICAS = Number(process.env.BENCH_PROCESSING_REPLICAS ?? 1);
const WARMUP = Number(process.env.BENCH_WARMUP_RESOURCES ?? N);
/** The run's vhost: known once runIsolated has set it up. */
const rabbitUrl = () =>
  `amqp://${process.env.RABBITMQ_USER ?? 'modalflow'}:${process.env.RABBITMQ_PASSWORD ?? 'modalflow'}@127.0.0.1:5672/${encodeURIComponent(process.env.RABBITMQ_VHOST ?? '/')}`;

/** Peak resident memory of a process (VmHWM), in MB. */
function peakMemoryMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmHWM:'));
  return Number(line?.match(/(\d+)/)?.[1] ?? 0) / 1024;
}

async function rawCeiling(count: number, size: number, prefetch: number): Promise<number> {
  const connection = await connect(rabbitUrl());
  const channel = await connection.createConfirmChannel();
  const queue = `bench.raw.${process.pid}`;
  await channel.assertQueue(queue, { durable: true });
  await channel.prefetch(prefetch);
  const body = Buffer.alloc(size, 'x');
  const started = performance.now();
  let acked = 0;
  const consumed = new Promise<void>((resolve) => {
    void channel.consume(queue, (message) => {
      if (!message) return;
      channel.ack(message);
      if (++acked === count) resolve();
    });
  });
  for (let i = 0; i < count; i++) {
    if (!channel.sendToQueue(queue, body, { persistent: true }))
      await new Promise((r) => channel.once('drain', r));
  }
  await channel.waitForConfirms();
  await consumed;
  const seconds = (performance.now() - started) / 1000;
  await channel.deleteQueue(queue);
  await connection.close();
  return count / seconds;
}

type KeyedDocument = Document & { _id: string };

/**
 * What the database alone sustains for the documents one resource costs the pipeline (its share of
 * an index page and its outcome, copied from this run's job), inserted in batches of 500 with
 * nothing else running: a ceiling no pipeline on this database can pass.
 */
async function databaseCeiling(database: string, jobId: string, count: number): Promise<number> {
  const client = await MongoClient.connect(`mongodb://127.0.0.1:${process.env.MONGODB_PORT ?? 27017}`);
  const db = client.db(database);
  const page = await db.collection<KeyedDocument>('fetch_index_pages').findOne({ _id: `${jobId}:0` });
  const outcome = await db
    .collection<KeyedDocument>('fetch_outcomes')
    .findOne({ _id: outcomeKey(jobId, 0, 'b-0') });
  if (!page || !outcome) throw new Error('no index page or outcome of b-0 to copy');
  const started = performance.now();
  for (const [name, template, copies] of [
    ['ceiling_pages', page, indexPageCount(count)],
    ['ceiling_outcomes', outcome, count],
  ] as const) {
    for (let i = 0; i < copies; i += 500) {
      const batch = Array.from({ length: Math.min(500, copies - i) }, (_, k) => ({
        ...template,
        _id: `${jobId}:c-${i + k}`,
      }));
      await db.collection<KeyedDocument>(name).insertMany(batch, { ordered: false });
    }
  }
  const seconds = (performance.now() - started) / 1000;
  await client.close();
  return count / seconds;
}

async function main(): Promise<void> {
  const database = isolatedDatabase('bench');
  const env = {
    MONGODB_DATABASE: database,
    MONGODB_DATABASE_MEASURES: `${database}_m`,
    LOG_LEVEL: 'warn',
    WORKERS: process.env.BENCH_WORKERS ?? '1000',
    FETCH_ALLOWED_HOSTS: '',
  };
  const source = await SourceServer.start();
  env.FETCH_ALLOWED_HOSTS = source.host;
  const api = await AppProcess.start('api', env);
  const fetchWorker = await AppProcess.start('fetch-worker', env);
  const processingWorkers = await Promise.all(
    Array.from({ length: PROCESSING_REPLICAS }, () => AppProcess.start('processing-worker', env)),
  );
  const client = await ApiClient.as(api.url, 99, 1);
  const benchIndex = (count: number) =>
    Array.from({ length: count }, (_, i) => ({
      id: `b-${i}`,
      creation_date: '2026-11-01',
      data: [{ v: i }],
    }));
  const sourceUrl = source.serve('/bench.json', benchIndex(N));
  const largestMessage: DataProcessingMessage = {
    job_id: '6b04af4c836ca085c46e9970',
    tenant_id: 99,
    user_id: 1,
    round: 0,
    resource_id: `b-${N - 1}`,
    index: N - 1,
    creation_date: new Date('2026-11-01').toISOString(),
    data: [{ v: N - 1 }],
  };
  const messageSize = Buffer.byteLength(JSON.stringify(largestMessage));

  console.log(
    `resources: ${N}, message size: ${messageSize} bytes, WORKERS=${env.WORKERS}, processing-worker replicas: ${PROCESSING_REPLICAS}`,
  );
  // The end is seen as a person following the job sees it: its DONE status event (polling the job
  // would add the bench's own reads to the load it measures).
  const statuses = await KafkaListener.listen();
  if (WARMUP > 0) {
    const warmup = await client.createFetchJob({
      sourceUrl: source.serve('/warmup.json', benchIndex(WARMUP)),
    });
    await statuses.waitForEvent(warmup.id, 'DONE', 3600 * 1000);
    console.log(`warm-up job of ${WARMUP} resources done`);
  }
  const rawRun = async () => {
    const stopRawCpu = measureCpu({
      rabbitmq: servicePids().rabbitmq,
      'amqplib (this process)': process.pid,
    });
    const rate = await rawCeiling(N, messageSize, Number(env.WORKERS));
    return { rate, cpu: stopRawCpu() };
  };
  if (WARMUP > 0) await rawCeiling(WARMUP, messageSize, Number(env.WORKERS)); // warmed up like the apps
  const rawBefore = await rawRun();

  const stopCpu = measureCpu({
    ...servicePids(),
    api: api.child.pid!,
    'fetch-worker': fetchWorker.child.pid!,
    ...Object.fromEntries(
      processingWorkers.map((worker, i) => [
        `processing-worker${PROCESSING_REPLICAS > 1 ? `-${i + 1}` : ''}`,
        worker.child.pid!,
      ]),
    ),
  });
  const started = performance.now();
  const job = await client.createFetchJob({ sourceUrl });
  const handedOff = await statuses.waitForEvent(job.id, 'PROCESSING', 4 * 3600 * 1000);
  const done = await statuses.waitForEvent(job.id, 'DONE', 4 * 3600 * 1000);
  const pipelineCpu = stopCpu();
  const handedOffSeconds = (statuses.receivedAt(handedOff) - started) / 1000;
  const pipelineSeconds = (statuses.receivedAt(done) - started) / 1000;
  const rawAfter = await rawRun();
  const ended = await client.waitForJobEnd(job.id);
  if (ended.status !== 'DONE' || ended.counts.processed !== N)
    throw new Error(`job ended ${ended.status}: ${JSON.stringify(ended.counts)}`);
  const pipelineRate = N / pipelineSeconds;
  console.log(`pipeline: ${pipelineSeconds.toFixed(1)} s, ${pipelineRate.toFixed(1)} resources/s end to end`);
  console.log(
    `  of which fetching (index stored, every resource handed off): ${handedOffSeconds.toFixed(1)} s`,
  );
  console.log(`  CPU per resource: ${formatCpuPerItem(pipelineCpu, N)}`);
  console.log(
    `peak memory: fetch-worker ${peakMemoryMb(fetchWorker.child.pid!).toFixed(0)} MB, processing-worker ${processingWorkers.map((worker) => peakMemoryMb(worker.child.pid!).toFixed(0)).join(' / ')} MB`,
  );
  if (process.env.BENCH_SCALING !== '0') await scaling(client, source, statuses);
  await statuses.close();
  await AppProcess.stopAll();
  await source.close();

  const databaseRate = await databaseCeiling(database, job.id, N);
  console.log(
    `database ceiling: ${databaseRate.toFixed(0)} resources/s (index page share + outcome per resource, inserts in batches of 500)`,
  );
  const rawRate = (rawBefore.rate + rawAfter.rate) / 2;
  console.log(
    `raw RabbitMQ ceiling: ${rawRate.toFixed(0)} messages/s, the mean of ${rawBefore.rate.toFixed(0)} before and ${rawAfter.rate.toFixed(0)} after the pipeline (publish with confirms + consume with ack, prefetch ${env.WORKERS})`,
  );
  for (const [when, run] of [
    ['before', rawBefore],
    ['after', rawAfter],
  ] as const)
    console.log(`  CPU per message ${when}: ${formatCpuPerItem(run.cpu, N)}`);
  console.log(`pipeline/raw ratio: ${(pipelineRate / rawRate).toFixed(4)}`);
  if (scalingLine) console.log(scalingLine);
}

let scalingLine: string | undefined;

/** Seconds per resource of a 20k and a large job, on a database holding many earlier jobs. */
async function scaling(client: ApiClient, source: SourceServer, statuses: KafkaListener): Promise<void> {
  const earlier = Number(process.env.BENCH_EARLIER_JOBS ?? 100);
  const large = Number(process.env.BENCH_LARGE_RESOURCES ?? 500_000);
  const index = (name: string, count: number) =>
    source.serve(
      `/${name}.json`,
      Array.from({ length: count }, (_, i) => ({
        id: `${name}-${i}`,
        creation_date: '2026-11-01',
        data: [{ v: i }],
      })),
    );
  const seeded = performance.now();
  const earlierJobs = [];
  for (let i = 0; i < earlier; i++)
    earlierJobs.push(await client.createFetchJob({ sourceUrl: index(`earlier-${i}`, 2000) }));
  for (const job of earlierJobs) await statuses.waitForEvent(job.id, 'DONE', 3600 * 1000);
  console.log(
    `scaling: ${earlier} earlier jobs of 2,000 resources in ${((performance.now() - seeded) / 1000).toFixed(0)} s`,
  );
  const secondsPerResource = async (count: number): Promise<number> => {
    const started = performance.now();
    const job = await client.createFetchJob({ sourceUrl: index(`scaling-${count}`, count) });
    const done = await statuses.waitForEvent(job.id, 'DONE', 4 * 3600 * 1000);
    const seconds = (statuses.receivedAt(done) - started) / 1000;
    const ended = await client.waitForJobEnd(job.id);
    if (ended.counts.processed !== count)
      throw new Error(`scaling job ended ${JSON.stringify(ended.counts)}`);
    console.log(
      `scaling: ${count} resources in ${seconds.toFixed(1)} s, ${(count / seconds).toFixed(0)} resources/s`,
    );
    return seconds / count;
  };
  const small = await secondsPerResource(20_000);
  const big = await secondsPerResource(large);
  scalingLine = `per-resource cost ${large / 1000}k / 20k: ${(big / small).toFixed(2)}`;
}

runIsolated(main);
