import { Model } from 'mongoose';
import { FetchIndexPage } from './fetch-index-page.schema';
import { FetchResourceData } from './fetch-resource-data.schema';
import { INDEX_PAGE_SIZE } from '../index-pages';
import { FetchResourceRepository } from './fetch-resource.repository';
import { IndexEntry } from '../index-entry';
import { INLINE_DATA_MAX_BYTES } from '../fetch-job.messages';
import { DUPLICATE_KEY } from '@modalflow/database';

/** The two driver calls the repository makes, over a Map: `_id` lookups and unordered inserts. */
class FakeCollection<T extends { _id: string }> {
  readonly documents = new Map<string, T>();

  async findOne(filter: { _id: string }, options?: { projection?: Record<string, 0> }): Promise<T | null> {
    const found = this.documents.get(filter._id);
    if (!found) return null;
    const copy: Record<string, unknown> = { ...found };
    for (const field of Object.keys(options?.projection ?? {})) delete copy[field];
    return copy as T;
  }

  async insertMany(documents: T[]): Promise<void> {
    const writeErrors = documents.flatMap((document, index) => {
      if (!this.documents.has(document._id)) {
        this.documents.set(document._id, document);
        return [];
      }
      return [{ index, code: DUPLICATE_KEY, errmsg: `duplicate key ${document._id}` }];
    });
    if (writeErrors.length) throw Object.assign(new Error('bulk write failed'), { writeErrors });
  }
}

function modelOver<T extends { _id: string }>(collection: FakeCollection<T>): Model<T> {
  return {
    db: { collection: () => collection },
    collection: { collectionName: 'fake' },
  } as unknown as Model<T>;
}

function entries(count: number, first = 0): IndexEntry[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `j1:r-${first + i}`,
    resource_id: `r-${first + i}`,
    index: first + i,
    status: 'QUEUED',
    creation_date: new Date(Date.UTC(2026, 10, 1, 0, first + i)),
    data: [{ v: first + i }],
  }));
}

async function allEntries(repository: FetchResourceRepository, tenantId: number, jobId: string) {
  const all = [];
  for await (const page of repository.entriesInOrder(tenantId, jobId)) all.push(...page);
  return all;
}

describe('FetchResourceRepository', () => {
  let pages: FakeCollection<FetchIndexPage>;
  let largeData: FakeCollection<FetchResourceData>;
  let repository: FetchResourceRepository;

  beforeEach(() => {
    pages = new FakeCollection();
    largeData = new FakeCollection();
    repository = new FetchResourceRepository(modelOver(pages), modelOver(largeData));
  });

  it('stores an index as pages and reads any range of it back in order, across page boundaries', async () => {
    const index = entries(2 * INDEX_PAGE_SIZE + 7);
    await repository.insertIndex(1, 'j1', index.slice(0, 2 * INDEX_PAGE_SIZE));
    await repository.insertIndex(1, 'j1', index.slice(2 * INDEX_PAGE_SIZE));
    expect(pages.documents.size).toBe(3);

    expect(await repository.countEntries(1, 'j1')).toBe(index.length);
    const range = await repository.range(1, 'j1', { offset: INDEX_PAGE_SIZE - 2, limit: 5 });
    expect(range.total).toBe(index.length);
    expect(range.items.map((entry) => entry.index)).toEqual([498, 499, 500, 501, 502]);
    expect(range.items[0]).toEqual({
      ...index[498],
      job_id: 'j1',
      tenant_id: 1,
      created_at: expect.any(Date),
    });

    const tail = await repository.range(1, 'j1', { offset: index.length - 2, limit: 10 });
    expect(tail.items.map((entry) => entry.resource_id)).toEqual(['r-1005', 'r-1006']);
    expect((await allEntries(repository, 1, 'j1')).map((entry) => entry.index)).toEqual(
      index.map((entry) => entry.index),
    );
    expect((await repository.entriesAt(1, 'j1', [1006, 3, 700, 5000])).map((entry) => entry.index)).toEqual([
      3, 700, 1006,
    ]);
  });

  it('takes the length of the index from the caller when it knows it', async () => {
    await repository.insertIndex(1, 'j1', entries(5));
    const findOne = jest.spyOn(pages, 'findOne');
    const range = await repository.range(1, 'j1', { offset: 0, limit: 10 }, 3);
    expect(range.total).toBe(3);
    expect(range.items.map((entry) => entry.index)).toEqual([0, 1, 2]);
    expect(findOne).toHaveBeenCalledTimes(1); // the one page, no counting
  });

  it('keeps data too large for a message out of the page and returns it on its own', async () => {
    const large = Array.from({ length: 2000 }, (_, k) => ({ v: k, note: 'x'.repeat(10) }));
    expect(Buffer.byteLength(JSON.stringify(large))).toBeGreaterThan(INLINE_DATA_MAX_BYTES);
    const index = entries(3);
    index[1] = { ...index[1], data: large };
    await repository.insertIndex(1, 'j1', index);

    const [stored] = await repository.entriesAt(1, 'j1', [1]);
    expect(stored.data).toBeUndefined();
    expect(await repository.storedData(1, 'j1:r-1')).toEqual(large);
    expect(await repository.storedData(2, 'j1:r-1')).toBeNull();
    expect((await repository.entriesAt(1, 'j1', [2]))[0].data).toEqual([{ v: 2 }]);
  });

  it('keeps arrays of arrays as they are', async () => {
    const index = entries(1);
    index[0].data = [
      [1, 2],
      [3, [4, 5]],
    ];
    await repository.insertIndex(1, 'j1', index);
    expect((await allEntries(repository, 1, 'j1'))[0].data).toEqual(index[0].data);
  });

  it('leaves pages stored before as they are when an index is stored again', async () => {
    await repository.insertIndex(1, 'j1', entries(3));
    const again = entries(3).map((entry) => ({ ...entry, status: 'INVALID' as const, reason: 'changed' }));
    await expect(repository.insertIndex(1, 'j1', again)).resolves.toBeUndefined();
    expect((await allEntries(repository, 1, 'j1')).map((entry) => entry.status)).toEqual([
      'QUEUED',
      'QUEUED',
      'QUEUED',
    ]);
  });

  it('refuses entries that do not start a page (a page is stored whole, once)', async () => {
    await expect(repository.insertIndex(1, 'j1', entries(3, 1))).rejects.toThrow(
      'index entries must start a page: 1 does not',
    );
  });

  it("shows no tenant another tenant's index", async () => {
    await repository.insertIndex(1, 'j1', entries(3));
    expect(await repository.countEntries(2, 'j1')).toBe(0);
    expect(await allEntries(repository, 2, 'j1')).toEqual([]);
    expect(await repository.entriesAt(2, 'j1', [0])).toEqual([]);
  });

  it('lists INVALID entries from their own pages, reading only the pages shown', async () => {
    const invalid = entries(1200).map((entry) => ({ ...entry, status: 'INVALID' as const, reason: 'bad' }));
    await repository.insertInvalidIndex(1, 'j1', invalid);
    const read = jest.spyOn(pages, 'findOne');
    const page = await repository.invalidRange(1, 'j1', { offset: 990, limit: 20 }, 1200);
    expect(page.items.map((entry) => entry.index)).toEqual(Array.from({ length: 20 }, (_, i) => 990 + i));
    expect(page.total).toBe(1200);
    expect(read).toHaveBeenCalledTimes(2); // pages 1 and 2 of 500 entries
    const counted = await repository.invalidRange(1, 'j1', { offset: 1190, limit: 50 });
    expect(counted.total).toBe(1200);
    expect(counted.items).toHaveLength(10);
    expect((await repository.invalidRange(2, 'j1', { offset: 0, limit: 5 })).items).toEqual([]);
  });
});
