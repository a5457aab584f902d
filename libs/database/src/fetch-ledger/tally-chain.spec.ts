import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { FetchTally, talliedResourceIds } from './fetch-tally.schema';
import { SettledResource, TallyChain, TallyStore } from './tally-chain';

/** Links by `_id`, inserted once, as the collection keeps them; each call yields like a round trip. */
function memoryStore() {
  const links = new Map<string, FetchTally>();
  let failNext = false;
  const store: TallyStore & { links: Map<string, FetchTally>; lookups: number; failNextInsert(): void } = {
    links,
    lookups: 0,
    failNextInsert: () => (failNext = true),
    async insertOnce(link) {
      await yieldToEventLoop();
      if (failNext) {
        failNext = false;
        throw new Error('connection reset');
      }
      if (links.has(link._id)) return false;
      links.set(link._id, structuredClone(link));
      return true;
    },
    async findById(id) {
      await yieldToEventLoop();
      store.lookups += 1;
      return links.get(id) ?? null;
    },
  };
  return store;
}

const done = (resourceId: string, value: number): SettledResource => ({
  resourceId,
  status: 'DONE',
  fields: [{ field: 'v', count: 1, sum: value, sum_sq: value * value, min: value, max: value }],
});
const failed = (resourceId: string): SettledResource => ({ resourceId, status: 'FAILED', fields: [] });

function lastLink(store: ReturnType<typeof memoryStore>): FetchTally {
  return [...store.links.values()].sort((a, b) => b.seq - a.seq)[0];
}

describe('TallyChain', () => {
  it('counts the resources settled during a write in one link and tells each its round count', async () => {
    const store = memoryStore();
    const chain = new TallyChain(store);
    const first = chain.append(1, 'job', 0, done('r1', 1));
    const rest = ['r2', 'r3', 'r4'].map((key, i) => chain.append(1, 'job', 0, done(key, i + 2)));
    const failure = chain.append(1, 'job', 0, failed('r5'));

    expect(await first).toBe(1);
    expect(await Promise.all(rest)).toEqual([5, 5, 5]);
    expect(await failure).toBe(5);
    expect(store.links.size).toBe(2);
    const link = store.links.get('job:0:2')!;
    expect(talliedResourceIds(link)).toEqual(['r2', 'r3', 'r4', 'r5']);
    expect(link).toMatchObject({ seq: 2, settled: 5, processed: 4, failed: 1 });
    // The round's totals so far: r1 of the first link and r2-r4 of this one.
    expect(link.fields).toEqual([{ field: 'v', count: 4, sum: 10, sum_sq: 30, min: 1, max: 4 }]);
  });

  it('counts every resource once when several workers append to one round', async () => {
    const store = memoryStore();
    const workers = [new TallyChain(store), new TallyChain(store), new TallyChain(store)];
    const keys = Array.from({ length: 300 }, (_, i) => `r${i}`);
    const counts = await Promise.all(
      keys.map((key, i) => workers[i % workers.length].append(1, 'job', 0, done(key, 1))),
    );

    const link = lastLink(store);
    expect(link.settled).toBe(300);
    expect(link.processed).toBe(300);
    expect(Math.max(...counts)).toBe(300);
    const tallied = [...store.links.values()].flatMap(talliedResourceIds).sort();
    expect(tallied).toEqual([...keys].sort());
    const seqs = [...store.links.values()].map((l) => l.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1)); // no gap, no repeat
    expect(link.fields).toEqual([{ field: 'v', count: 300, sum: 300, sum_sq: 300, min: 1, max: 1 }]);
  });

  it('finds the last link of a round it never wrote to by a few `_id` lookups', async () => {
    const store = memoryStore();
    const writer = new TallyChain(store);
    for (let i = 1; i <= 37; i++) await writer.append(1, 'job', 0, done(`r${i}`, i));

    const reader = new TallyChain(store);
    store.lookups = 0;
    const last = await reader.lastLink(1, 'job', 0);
    expect(last).toMatchObject({ _id: 'job:0:37', seq: 37, settled: 37, processed: 37 });
    expect(store.lookups).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(38)) + 1);
    expect(await reader.lastLink(1, 'job', 1)).toBeNull();
    expect(await reader.lastLink(2, 'job', 0)).toBeNull(); // another tenant sees no chain
  });

  it('goes on from the end of the chain when other workers wrote after the link it knows', async () => {
    const store = memoryStore();
    const first = new TallyChain(store);
    const second = new TallyChain(store);
    await first.append(1, 'job', 0, done('a', 1));
    for (const id of ['b', 'c', 'd', 'e', 'f']) await second.append(1, 'job', 0, done(id, 1));

    expect(await first.append(1, 'job', 0, done('g', 1))).toBe(7);
    expect(await first.lastLink(1, 'job', 0)).toMatchObject({ seq: 7, settled: 7 });
    expect(talliedResourceIds(store.links.get('job:0:7')!)).toEqual(['g']);
  });

  it('keeps rounds and jobs apart', async () => {
    const store = memoryStore();
    const chain = new TallyChain(store);
    await Promise.all([
      chain.append(1, 'job', 0, done('a', 1)),
      chain.append(1, 'job', 1, done('b', 1)),
      chain.append(1, 'other', 0, failed('c')),
    ]);
    expect(store.links.get('job:0:1')).toMatchObject({ settled: 1, resource_ids: '["a"]' });
    expect(store.links.get('job:1:1')).toMatchObject({ settled: 1, resource_ids: '["b"]' });
    expect(store.links.get('other:0:1')).toMatchObject({ settled: 1, failed: 1 });
  });

  it('rejects the batch a failed write held, then goes on from the stored chain', async () => {
    const store = memoryStore();
    const chain = new TallyChain(store);
    await chain.append(1, 'job', 0, done('r1', 1));
    store.failNextInsert();
    await expect(chain.append(1, 'job', 0, done('r2', 1))).rejects.toThrow('connection reset');
    expect(await chain.append(1, 'job', 0, done('r2', 1))).toBe(2);
    expect(lastLink(store)).toMatchObject({ seq: 2, settled: 2 });
  });
});
