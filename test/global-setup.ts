import { dropIsolatedDatabases } from './support/databases';

/** Before the e2e suites: the databases earlier runs left behind go. */
export default async function globalSetup(): Promise<void> {
  const dropped = await dropIsolatedDatabases();
  if (dropped > 0) console.log(`[e2e] dropped ${dropped} databases of earlier runs`);
}
