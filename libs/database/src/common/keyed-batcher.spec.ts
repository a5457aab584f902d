import { KeyedBatcher } from './keyed-batcher';

describe('KeyedBatcher', () => {
  it('writes the items asked for during a write of their key together next, one write per key at a time', async () => {
    const writes: Array<[string, number[]]> = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const batcher = new KeyedBatcher<number, string>(async (key, items) => {
      writes.push([key, items]);
      if (writes.length === 1) await gate;
      return `${key}:${items.join(',')}`;
    });
    const first = batcher.submit('a', 1);
    const queued = [batcher.submit('a', 2), batcher.submit('a', 3)];
    const other = batcher.submit('b', 9);
    expect(await other).toBe('b:9'); // another key does not wait
    release();
    expect(await first).toBe('a:1');
    expect(await Promise.all(queued)).toEqual(['a:2,3', 'a:2,3']);
    expect(writes).toEqual([
      ['a', [1]],
      ['b', [9]],
      ['a', [2, 3]],
    ]);
  });

  it('rejects every caller of a failed write and goes on with the next', async () => {
    let fail = true;
    const batcher = new KeyedBatcher<number, number>(async (_key, items) => {
      if (fail) {
        fail = false;
        throw new Error('connection closed');
      }
      return items.length;
    });
    await expect(batcher.submit('a', 1)).rejects.toThrow('connection closed');
    await expect(batcher.submit('a', 2)).resolves.toBe(1);
  });
});
