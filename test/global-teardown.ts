import { endIsolatedRun, IsolatedRun } from './support/isolated-run';

/** After the e2e suites: the run's vhost, topics and databases go. */
export default async function globalTeardown(): Promise<void> {
  const run = (globalThis as { isolatedRun?: IsolatedRun }).isolatedRun;
  if (run) await endIsolatedRun(run);
}
