import mongoose from 'mongoose';
import { dropIsolatedDatabases } from './support/databases';
import { isolatedDatabase } from './support/services';
import {
  FetchLedgerRepository,
  NewFetchOutcome,
  outcomeKey,
  StoredFetchOutcome,
} from '@modalflow/fetch-jobs';
import { ledgerOn, roundZeroOutcome } from './support/ledger';

/**
 * Exactly-once counting under at-least-once delivery, against the real database: many random
 * interleavings of redeliveries to several "replicas" (each its own connection and repository, as
 * separate processes have), of outcomes that differ between deliveries, and of deliveries that die
 * between settling a resource and counting it. Whatever happens, every resource is counted once,
 * with the outcome that was stored first.
 */
const SERVER_URL = `mongodb://127.0.0.1:${process.env.MONGODB_PORT ?? 27017}/`;
const TENANT = 5;
const RESOURCES = 1300; // three index pages (500 each)
const REPLICAS = 3;
const SEEDS = [1, 2, 3, 4, 5];

/** Mulberry32: a small seeded generator, so that a failing interleaving can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the fetch ledger counts every resource once (real database, random redeliveries)', () => {
  const database = isolatedDatabase('ledger');
  const connections: mongoose.Connection[] = [];
  let replicas: FetchLedgerRepository[];

  beforeAll(async () => {
    replicas = [];
    for (let i = 0; i < REPLICAS; i++) {
      const connection = await mongoose.createConnection(SERVER_URL, { dbName: database }).asPromise();
      connections.push(connection);
      replicas.push(ledgerOn(connection));
    }
  });

  afterAll(async () => {
    await Promise.all(connections.map((connection) => connection.close()));
    await dropIsolatedDatabases(database);
  });

  it.each(SEEDS)('interleaving seed %i', async (seed) => {
    const next = random(seed);
    const jobId = `job${seed}`;
    const outcomeFor = (index: number, attempt: number): NewFetchOutcome => {
      const status = next() < 0.2 ? 'FAILED' : 'DONE';
      const value = Math.round(next() * 1000) / 10;
      return roundZeroOutcome(index, status, value, attempt, 'property-test');
    };
    // Every resource is delivered 1 to 4 times; any delivery but the last may die after settling.
    const deliveries = Array.from({ length: RESOURCES }, (_, index) => {
      const times = 1 + Math.floor(next() * 4);
      return Array.from({ length: times }, (_, n) => ({
        index,
        replica: Math.floor(next() * REPLICAS),
        attempt: 1 + Math.floor(next() * 2),
        diesBeforeCounting: n < times - 1 && next() < 0.3,
        delayMs: Math.floor(next() * 20),
      }));
    });
    const byResource = deliveries.map((list) => list.slice());
    // Deliveries of one resource are concurrent with each other and with everything else.
    await Promise.all(
      deliveries.flat().map(async (delivery) => {
        await new Promise((resolve) => setTimeout(resolve, delivery.delayMs));
        const ledger = replicas[delivery.replica];
        const settled = await ledger.settle(TENANT, jobId, outcomeFor(delivery.index, delivery.attempt));
        if (!delivery.diesBeforeCounting) await ledger.count(TENANT, jobId, settled);
      }),
    );
    expect(byResource.every((list) => list.some((delivery) => !delivery.diesBeforeCounting))).toBe(true);

    // What was stored first for each resource is what must have been counted.
    const stored = await connections[0]
      .db!.collection<StoredFetchOutcome>('fetch_outcomes')
      .find({ job_id: jobId })
      .toArray();
    expect(stored).toHaveLength(RESOURCES);
    const expected = { processed: 0, failed: 0, attempts: 0, sum: 0, count: 0 };
    for (const outcome of stored) {
      expect(outcome._id).toBe(outcomeKey(jobId, 0, `r${outcome.index}`));
      const record = JSON.parse(outcome.record) as { attempts: number; fields: Array<{ sum: number }> };
      if (outcome.status === 'DONE') expected.processed++;
      else expected.failed++;
      expected.attempts += record.attempts;
      for (const field of record.fields) {
        expected.sum += field.sum;
        expected.count++;
      }
    }

    for (const ledger of replicas) {
      expect(await ledger.settledInRound(TENANT, jobId, 0)).toBe(RESOURCES);
      const totals = await ledger.totals(TENANT, jobId, 0);
      expect(totals.counts).toEqual({
        processed: expected.processed,
        failed: expected.failed,
        attempts: expected.attempts,
      });
      expect(totals.fields.get('v')?.count).toBe(expected.count);
      expect(totals.fields.get('v')?.sum).toBeCloseTo(expected.sum, 6);
    }
    const failed = await replicas[0].failedInRound(TENANT, jobId, 0);
    expect(failed).toHaveLength(expected.failed);
    let processed = 0;
    for await (const outcome of replicas[1].streamProcessed(TENANT, jobId, 0)) {
      expect(outcome.status).toBe('DONE');
      processed++;
    }
    expect(processed).toBe(expected.processed);
    // Another tenant sees nothing of it.
    expect(await replicas[2].settledInRound(TENANT + 1, jobId, 0)).toBe(0);
  });
});
