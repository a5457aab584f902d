import mongoose from 'mongoose';
import { dropIsolatedDatabases } from '../../../../../test/support/databases';
import { ledgerOn, roundZeroOutcome } from '../../../../../test/support/ledger';
import { isolatedDatabase } from '../../../../../test/support/services';
import { FetchLedgerRepository } from './fetch-ledger.repository';
import type { NewFetchOutcome } from './fetch-outcome.schema';

const SERVER_URL = `mongodb://127.0.0.1:${process.env.MONGODB_PORT ?? 27017}/`;
const TENANT = 7;
const OTHER_TENANT = 8;

function outcome(index: number, status: 'DONE' | 'FAILED', value = index, attempts = 1): NewFetchOutcome {
  return {
    ...roundZeroOutcome(index, status, value, attempts, 'spec'),
    ...(status === 'FAILED' ? { last_error: `resource ${index} is broken` } : {}),
  };
}

describe('the fetch ledger stores (real database)', () => {
  const database = isolatedDatabase('ledger_stores');
  let connection: mongoose.Connection;
  let ledger: FetchLedgerRepository;
  let job = 0;
  const nextJob = () => `job${++job}`;

  beforeAll(async () => {
    connection = await mongoose.createConnection(SERVER_URL, { dbName: database }).asPromise();
    ledger = ledgerOn(connection);
  });

  afterAll(async () => {
    await connection.close();
    await dropIsolatedDatabases(database);
  });

  it('keeps the first outcome of a resource and counts it once however often it is settled and counted', async () => {
    const jobId = nextJob();
    const first = await ledger.settle(TENANT, jobId, outcome(3, 'DONE', 2.5));
    const again = await ledger.settle(TENANT, jobId, outcome(3, 'FAILED'));
    expect(again.outcome.status).toBe('DONE');
    expect(again.tally).toMatchObject({ status: 'DONE', attempts: 1 });
    expect(await ledger.count(TENANT, jobId, first)).toBe(1);
    expect(await ledger.count(TENANT, jobId, again)).toBe(1);
    const totals = await ledger.totals(TENANT, jobId, 0);
    expect(totals.counts).toEqual({ processed: 1, failed: 0, attempts: 1 });
    expect(totals.fields.get('v')).toMatchObject({ count: 1, sum: 2.5 });
  });

  it('answers pages, records and statuses of the resources settled on each index page', async () => {
    const jobId = nextJob();
    const endings: Array<[number, 'DONE' | 'FAILED']> = [
      [0, 'DONE'],
      [1, 'FAILED'],
      [499, 'DONE'],
      [500, 'FAILED'],
      [720, 'DONE'],
    ];
    for (const [index, status] of endings)
      await ledger.count(TENANT, jobId, await ledger.settle(TENANT, jobId, outcome(index, status, 1, 2)));

    expect(await ledger.settledInRound(TENANT, jobId, 0)).toBe(5);
    const { rounds } = await ledger.pageCounts(TENANT, jobId, 0);
    expect([...rounds[0]].sort(([a], [b]) => a - b)).toEqual([
      [0, { settled: 3, processed: 2, failed: 1, attempts: 6 }],
      [1, { settled: 2, processed: 1, failed: 1, attempts: 4 }],
    ]);
    expect([...(await ledger.statusesOnPage(TENANT, jobId, 0, 1))].sort()).toEqual([
      [500, 'FAILED'],
      [720, 'DONE'],
    ]);
    const failedOnPage0 = await ledger.outcomesOnPage(TENANT, jobId, 0, 0, 'FAILED');
    expect([...failedOnPage0.keys()]).toEqual([1]);
    expect(failedOnPage0.get(1)).toMatchObject({ resource_id: 'r1', last_error: 'resource 1 is broken' });
    expect((await ledger.failedInRound(TENANT, jobId, 0)).map((failed) => failed.index)).toEqual([1, 500]);
    const processed: number[] = [];
    for await (const done of ledger.streamProcessed(TENANT, jobId, 0)) processed.push(done.index);
    expect(processed).toEqual([0, 499, 720]);
  });

  it('keeps the census of the index and the time it was first stored', async () => {
    const jobId = nextJob();
    const stored = await ledger.writeCensus(TENANT, jobId, [500, 220]);
    const again = await ledger.writeCensus(TENANT, jobId, [500, 220]);
    expect(again).toEqual(stored);
    const counts = await ledger.pageCounts(TENANT, jobId, 0);
    expect(counts.census).toEqual([500, 220]);
    expect(counts.indexedAt).toEqual(stored);
  });

  it('marks something once and counts fetch attempts from their marks', async () => {
    const jobId = nextJob();
    expect(await ledger.mark(TENANT, jobId, `${jobId}:fetch:1`, 'attempt')).toBe(true);
    expect(await ledger.mark(TENANT, jobId, `${jobId}:fetch:1`, 'attempt')).toBe(false);
    expect(await ledger.mark(TENANT, jobId, `${jobId}:fetch:2`, 'attempt')).toBe(true);
    expect(await ledger.isMarked(TENANT, `${jobId}:fetch:2`)).toBe(true);
    expect((await ledger.totals(TENANT, jobId, 0)).counts.attempts).toBe(2);
  });

  it("shows no tenant another tenant's ledger", async () => {
    const jobId = nextJob();
    await ledger.writeCensus(TENANT, jobId, [1]);
    await ledger.mark(TENANT, jobId, `${jobId}:fetch:1`, 'attempt');
    await ledger.count(TENANT, jobId, await ledger.settle(TENANT, jobId, outcome(0, 'FAILED')));

    expect(await ledger.settledInRound(OTHER_TENANT, jobId, 0)).toBe(0);
    expect(await ledger.isMarked(OTHER_TENANT, `${jobId}:fetch:1`)).toBe(false);
    expect((await ledger.statusesOnPage(OTHER_TENANT, jobId, 0, 0)).size).toBe(0);
    expect((await ledger.outcomesOnPage(OTHER_TENANT, jobId, 0, 0, 'FAILED')).size).toBe(0);
    expect((await ledger.pageCounts(OTHER_TENANT, jobId, 0)).census).toBeUndefined();
    await expect(ledger.settle(OTHER_TENANT, jobId, outcome(0, 'DONE'))).rejects.toThrow(/another tenant/);
  });
});
