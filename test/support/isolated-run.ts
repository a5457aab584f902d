import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { AppProcess } from './app-process';
import { dropIsolatedDatabases } from './databases';
import { rabbitApi } from './rabbit-management';

/**
 * What one e2e run or benchmark uses of the shared local services, apart from a system started by
 * `npm start` beside it: a RabbitMQ vhost of its own (created here, deleted at the end), Kafka
 * topics and consumer groups under its own prefix, databases under its own prefix (dropped at the
 * end). Apps the run starts inherit these through process.env (AppProcess), on ports of their own.
 */
export interface IsolatedRun {
  id: string;
  vhost: string;
  databasePrefix: string;
  topics: string[];
}

export async function startIsolatedRun(kind: 'e2e' | 'bench'): Promise<IsolatedRun> {
  const id = `${kind}-${randomBytes(4).toString('hex')}`;
  const run: IsolatedRun = {
    id,
    vhost: `modalflow-${id}`,
    databasePrefix: `${id.replace('-', '_')}_`,
    topics: [`${id}-output`, `${id}-broadcast`],
  };
  await rabbitApi(`/vhosts/${encodeURIComponent(run.vhost)}`, { method: 'PUT' });
  await rabbitApi(
    `/permissions/${encodeURIComponent(run.vhost)}/${process.env.RABBITMQ_USER ?? 'modalflow'}`,
    {
      method: 'PUT',
      body: JSON.stringify({ configure: '.*', write: '.*', read: '.*' }),
    },
  );
  Object.assign(process.env, {
    RABBITMQ_VHOST: run.vhost,
    KAFKA_TOPIC_OUTPUT: run.topics[0],
    KAFKA_TOPIC_BROADCAST: run.topics[1],
    KAFKA_CONSUMER_GROUP: `${id}-oma-worker`,
    KAFKA_LIVE_GROUP_PREFIX: `${id}-api-live`,
    KAFKA_NOTIFY_GROUP: `${id}-notifications`,
    ISOLATED_DATABASE_PREFIX: run.databasePrefix,
  });
  return run;
}

/** Deletes what the run created: its vhost (and so its queues), its topics, its databases. */
export async function endIsolatedRun(run: IsolatedRun): Promise<void> {
  await rabbitApi(`/vhosts/${encodeURIComponent(run.vhost)}`, { method: 'DELETE' }).catch(() => undefined);
  const kafka = new Kafka({
    brokers: [process.env.KAFKA_BROKER ?? '127.0.0.1:9092'],
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const existing = new Set(await admin.listTopics());
    const topics = run.topics.filter((topic) => existing.has(topic));
    if (topics.length) await admin.deleteTopics({ topics });
  } catch {
    // A topic left behind costs the broker nothing until its retention ends.
  } finally {
    await admin.disconnect();
  }
  await dropIsolatedDatabases(run.databasePrefix);
}

/**
 * Runs a benchmark in a run of its own: set up before `main`, deleted after it whether it ends well
 * or not (apps it started are stopped first).
 */
export function runIsolated(main: () => Promise<void>): void {
  void (async () => {
    const run = await startIsolatedRun('bench');
    let failed = false;
    try {
      await main();
    } catch (error) {
      failed = true;
      console.error((error as Error).message);
    } finally {
      await AppProcess.stopAll();
      await endIsolatedRun(run);
    }
    if (failed) process.exit(1);
  })();
}
