import mongoose from 'mongoose';

/** The prefix of the databases of this e2e run or benchmark (see isolated-run.ts). */
export const isolatedPrefix = (): string => process.env.ISOLATED_DATABASE_PREFIX ?? 'e2e_';

const SERVER_URL = `mongodb://127.0.0.1:${process.env.MONGODB_PORT ?? 27017}/`;

/** Runs `read` on one database of the local server: for a test to look at what the apps stored. */
export async function inDatabase<T>(name: string, read: (db: mongoose.mongo.Db) => Promise<T>): Promise<T> {
  const connection = await mongoose.createConnection(SERVER_URL, { dbName: name }).asPromise();
  try {
    return await read(connection.db!);
  } finally {
    await connection.close();
  }
}

/** Drops the databases whose names start with `prefix`; returns how many were dropped. */
export async function dropIsolatedDatabases(prefix: string): Promise<number> {
  const connection = await mongoose.createConnection(SERVER_URL).asPromise();
  try {
    const { databases } = await connection.db!.admin().listDatabases({ nameOnly: true });
    const isolated = databases.map((d) => d.name).filter((name) => name.startsWith(prefix));
    for (const name of isolated) await connection.useDb(name).dropDatabase();
    return isolated.length;
  } finally {
    await connection.close();
  }
}
