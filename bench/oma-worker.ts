/**
 * bench/oma-worker: queues N small analyses (FDD and SSI, alternating, on the 5-channel shear-frame
 * record) for 2 OMA worker replicas and prints runs per second (first RUNNING to last DONE),
 * the queue-to-RUNNING latency (p50, p99) of runs queued one at a time to idle replicas, and the overhead of the worker over running the same analyses in-process, as the ratio
 * of the worker's time per run (wall time x replicas / runs) to the in-process time per run
 * (read the CSV, run the analysis; warm, in this process). Target: at most 1.5.
 *
 *   npm run bench:oma-worker      (N = BENCH_ANALYSES, default 200)
 */
import { join } from 'node:path';
import { runIsolated } from '../test/support/isolated-run';
import { AppProcess } from '../test/support/app-process';
import { ApiClient } from '../test/support/api-client';
import { KafkaListener } from '../test/support/kafka-listener';
import { isolatedDatabase } from '../test/support/services';
import {
  createAnalysis,
  createStructure,
  dataFolder,
  runAnalysis as queueRun,
} from '../test/support/analyses';
import { readCsvFile, runAnalysis } from '@modalflow/oma';

const N = Number(process.env.BENCH_ANALYSES ?? 200);
const REPLICAS = 2;
const LATENCY_RUNS = 20;
const RECORD = 'reference/shearframe-5dof.csv';
const typeOf = (i: number) => (i % 2 ? 'FDD' : 'SSI');

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

async function inProcessSecondsPerRun(dataPath: string): Promise<number> {
  const file = join(dataPath, RECORD);
  for (let i = 0; i < 4; i++) runAnalysis(typeOf(i), await readCsvFile(file)); // warm-up, as a running worker is
  const started = performance.now();
  for (let i = 0; i < N; i++) runAnalysis(typeOf(i), await readCsvFile(file));
  return (performance.now() - started) / 1000 / N;
}

async function main(): Promise<void> {
  const dataPath = dataFolder();
  const env = {
    MONGODB_DATABASE: isolatedDatabase('bench_oma'),
    DATA_PATH: dataPath,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    SLEEP_TIME: '1',
  };
  const kafka = await KafkaListener.listen();
  const api = await AppProcess.start('api', env);
  const client = await ApiClient.as(api.url, 77, 1);
  const structureId = await createStructure(client, 'bench');
  try {
    // Throughput and overhead: N runs queued, then 2 replicas (warm once started) work the backlog.
    const analyses = [];
    for (let i = 0; i < N; i++) {
      const analysis = await createAnalysis(client, structureId, {
        type: typeOf(i),
        input: { source: 'file', path: RECORD },
      });
      await queueRun(client, analysis);
      analyses.push(analysis);
    }
    await Promise.all(Array.from({ length: REPLICAS }, () => AppProcess.start('oma-worker', env)));
    for (const analysis of analyses) await kafka.waitForEvent(analysis.id, 'DONE', 600000);
    const at = (id: string, status: string) =>
      Date.parse(kafka.eventsOf(id).find((event) => event.status === status)!.at!);
    const firstRunning = Math.min(...analyses.map((analysis) => at(analysis.id, 'RUNNING')));
    const lastDone = Math.max(...analyses.map((analysis) => at(analysis.id, 'DONE')));
    const wallSeconds = (lastDone - firstRunning) / 1000;

    // Latency: with the replicas idle, runs queued one at a time.
    const latencies: number[] = [];
    for (let i = 0; i < LATENCY_RUNS; i++) {
      const analysis = await createAnalysis(client, structureId, {
        type: typeOf(i),
        input: { source: 'file', path: RECORD },
      });
      await queueRun(client, analysis);
      await kafka.waitForEvent(analysis.id, 'DONE', 60000);
      latencies.push(at(analysis.id, 'RUNNING') - at(analysis.id, 'QUEUED'));
    }

    const workerSecondsPerRun = (wallSeconds * REPLICAS) / N;
    const inProcess = await inProcessSecondsPerRun(dataPath);
    console.log(
      `analyses: ${N} (FDD and SSI on ${RECORD}), ${REPLICAS} worker replicas, SLEEP_TIME ${env.SLEEP_TIME} s`,
    );
    console.log(
      `runs per second: ${(N / wallSeconds).toFixed(2)} (first RUNNING to last DONE: ${wallSeconds.toFixed(1)} s)`,
    );
    console.log(
      `queue-to-RUNNING latency, ${LATENCY_RUNS} runs queued one at a time to idle replicas: ` +
        `p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms`,
    );
    console.log(
      `time per run: worker ${(workerSecondsPerRun * 1000).toFixed(0)} ms (wall x replicas / runs), in-process ${(inProcess * 1000).toFixed(0)} ms`,
    );
    console.log(`worker/in-process ratio: ${(workerSecondsPerRun / inProcess).toFixed(2)}`);
  } finally {
    await AppProcess.stopAll();
    await kafka.close();
  }
}

runIsolated(main);
