import { startIsolatedRun } from './support/isolated-run';

/** Before the e2e suites: a vhost, topics and a database prefix of this run's own (see isolated-run.ts). */
export default async function globalSetup(): Promise<void> {
  const run = await startIsolatedRun('e2e');
  (globalThis as { isolatedRun?: unknown }).isolatedRun = run;
  console.log(
    `[e2e] run ${run.id}: vhost ${run.vhost}, topics ${run.topics.join(' ')}, databases ${run.databasePrefix}*`,
  );
}
