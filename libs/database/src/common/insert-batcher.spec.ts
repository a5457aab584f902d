import { DUPLICATE_KEY } from './duplicate-key';
import { InsertBatcher } from './insert-batcher';

interface Doc {
  _id: string;
}

/** An unordered insertMany over a set of ids, answering as the driver does (one failure: an object). */
function fakeCollection(existing: string[] = [], refuse: string[] = []) {
  const ids = new Set(existing);
  const batches: string[][] = [];
  let release: () => void = () => undefined;
  let gate: Promise<void> | undefined;
  return {
    batches,
    /** Holds the next write until `open()`, so the test can queue calls while it is in flight. */
    hold() {
      gate = new Promise((resolve) => (release = resolve));
    },
    open: () => release(),
    insertMany: async (documents: Doc[]) => {
      batches.push(documents.map((d) => d._id));
      if (gate) await gate;
      gate = undefined;
      const failures: object[] = [];
      documents.forEach((d, index) => {
        if (refuse.includes(d._id)) failures.push({ index, code: 121, errmsg: `${d._id} refused` });
        else if (ids.has(d._id)) failures.push({ index, code: DUPLICATE_KEY, errmsg: 'E11000' });
        else ids.add(d._id);
      });
      if (failures.length)
        throw Object.assign(new Error('bulk write'), {
          writeErrors: failures.length === 1 ? failures[0] : failures,
        });
    },
  };
}

describe('InsertBatcher', () => {
  it('sends the inserts asked for during a write together in the next batch', async () => {
    const collection = fakeCollection();
    const batcher = new InsertBatcher<Doc>(collection.insertMany);
    collection.hold();
    const first = batcher.insertOnce({ _id: 'a' });
    const rest = ['b', 'c', 'd'].map((id) => batcher.insertOnce({ _id: id }));
    collection.open();
    expect(await Promise.all([first, ...rest])).toEqual([true, true, true, true]);
    expect(collection.batches).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('tells each caller whether its own document was new, as a single insert would', async () => {
    const collection = fakeCollection(['b']);
    const batcher = new InsertBatcher<Doc>(collection.insertMany);
    collection.hold();
    const first = batcher.insertOnce({ _id: 'x' });
    const results = Promise.all(['a', 'b', 'c', 'a'].map((id) => batcher.insertOnce({ _id: id })));
    collection.open();
    await first;
    // 'b' existed; the second 'a' of the same batch comes after the first.
    expect(await results).toEqual([true, false, true, false]);
  });

  it('rejects only the caller whose document was refused for another reason', async () => {
    const collection = fakeCollection([], ['bad']);
    const batcher = new InsertBatcher<Doc>(collection.insertMany);
    collection.hold();
    const first = batcher.insertOnce({ _id: 'x' });
    const good = batcher.insertOnce({ _id: 'good' });
    const bad = batcher.insertOnce({ _id: 'bad' });
    collection.open();
    await first;
    await expect(good).resolves.toBe(true);
    await expect(bad).rejects.toThrow('bad refused');
  });

  it('rejects the whole batch when the write itself fails, and goes on with the next', async () => {
    let fail = true;
    const written: string[] = [];
    const batcher = new InsertBatcher<Doc>(async (documents) => {
      if (fail) {
        fail = false;
        throw new Error('connection closed');
      }
      written.push(...documents.map((d) => d._id));
    });
    await expect(batcher.insertOnce({ _id: 'a' })).rejects.toThrow('connection closed');
    await expect(batcher.insertOnce({ _id: 'b' })).resolves.toBe(true);
    expect(written).toEqual(['b']);
  });

  it('reports no document inserted when the write fails with no per-document failures', async () => {
    // What the driver throws when the connection drops mid-insertMany: nothing is known written.
    const batcher = new InsertBatcher<Doc>(async () => {
      throw Object.assign(new Error('connection 3 to 127.0.0.1:27017 closed'), { writeErrors: [] });
    });
    const results = await Promise.allSettled(['a', 'b'].map((id) => batcher.insertOnce({ _id: id })));
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
  });

  it('keeps batches within the maximum size', async () => {
    const collection = fakeCollection();
    const batcher = new InsertBatcher<Doc>(collection.insertMany, 2);
    collection.hold();
    const all = ['a', 'b', 'c', 'd', 'e'].map((id) => batcher.insertOnce({ _id: id }));
    collection.open();
    await Promise.all(all);
    expect(collection.batches).toEqual([['a'], ['b', 'c'], ['d', 'e']]);
  });
});
