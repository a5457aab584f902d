/**
 * bench/status-latency: RATE status events per second for DURATION seconds through Kafka (the
 * topic the workers write) to CLIENTS connected Socket.IO clients of one API; prints p50, p99 and max
 * latency from publish to receipt, and the events lost. Target: p99 under 50 ms, none lost.
 *
 *   npm run bench:status-latency    (BENCH_RATE 1000, BENCH_SECONDS 30, BENCH_CLIENTS 100)
 */
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { runIsolated } from '../test/support/isolated-run';
import { AppProcess } from '../test/support/app-process';
import { isolatedDatabase } from '../test/support/services';
import { tokenFor } from '../test/support/tokens';

const RATE = Number(process.env.BENCH_RATE ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 100);
const TENANT = 880;
const TICK_MS = 10;
const CLIENT_PROCESSES = 4;
/** Time allowed after the last publish for deliveries to arrive; later ones count as lost. */
const DRAIN_MS = 10_000;

const now = () => performance.timeOrigin + performance.now();

async function main(): Promise<void> {
  const api = await AppProcess.start('api', {
    MONGODB_DATABASE: isolatedDatabase('bench_live'),
    LOG_LEVEL: 'warn',
  });
  const token = await tokenFor(TENANT, 1);
  // The clients run in child processes of their own, so decoding 100 clients' messages does not
  // starve this process, which publishes at the given rate.
  const children = Array.from({ length: CLIENT_PROCESSES }, (_, i) => {
    const count = Math.floor(CLIENTS / CLIENT_PROCESSES) + (i < CLIENTS % CLIENT_PROCESSES ? 1 : 0);
    return fork(
      join(__dirname, 'status-clients.ts'),
      [api.url, token, String(count), String(RATE * SECONDS)],
      {
        execArgv: ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'],
      },
    );
  });
  await Promise.all(children.map((child) => once(child, 'message')));

  const kafka = new Kafka({
    brokers: [process.env.KAFKA_BROKER ?? '127.0.0.1:9092'],
    logLevel: logLevel.NOTHING,
  });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const total = RATE * SECONDS;
  const perTick = (RATE * TICK_MS) / 1000;
  const started = now();
  let sent = 0;
  const sends: Promise<unknown>[] = [];
  while (sent < total) {
    const batch = Array.from({ length: Math.min(perTick, total - sent) }, (_, i) => ({
      key: `doc-${sent + i}`,
      value: JSON.stringify({
        tenant_id: TENANT,
        user_id: 1,
        document_id: `doc-${sent + i}`,
        run_type: 'FDD',
        status: 'RUNNING',
        sent_at: now(),
      }),
    }));
    sent += batch.length;
    sends.push(
      producer.send({ topic: process.env.KAFKA_TOPIC_OUTPUT ?? 'output', acks: 1, messages: batch }),
    );
    const due = started + (sent / RATE) * 1000;
    const wait = due - now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  await Promise.all(sends);
  const sendSeconds = (now() - started) / 1000;
  await new Promise((resolve) => setTimeout(resolve, DRAIN_MS));
  await producer.disconnect();
  const reports = await Promise.all(
    children.map((child) => {
      const report = once(child, 'message') as Promise<[{ latencies: number[]; received: number }]>;
      child.send('stop');
      return report.then(([value]) => value);
    }),
  );
  await AppProcess.stopAll();
  const latencies = reports.flatMap((report) => report.latencies);
  const receivedCount = reports.reduce((sum, report) => sum + report.received, 0);

  latencies.sort((a, b) => a - b);
  const at = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)] ?? NaN;
  const lost = total * CLIENTS - receivedCount;
  console.log(
    `${total} events in ${sendSeconds.toFixed(1)} s (${(total / sendSeconds).toFixed(0)}/s) to ${CLIENTS} clients: ${latencies.length} deliveries`,
  );
  console.log(
    `latency p50 ${at(0.5).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms, max ${latencies[latencies.length - 1]?.toFixed(1)} ms`,
  );
  console.log(`p99_ms: ${at(0.99).toFixed(1)} lost: ${lost}`);
}

runIsolated(main);
