import { INDEX_PAGE_SIZE, indexPageOf } from '../index-pages';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Collection, Model } from 'mongoose';
import { FetchIndexPage } from './fetch-index-page.schema';
import { FetchResourceData } from './fetch-resource-data.schema';
import { FetchResource, IndexEntry } from '../index-entry';
import { fitsInMessage } from '../fetch-job.messages';
import { onlyDuplicates, Page, PageRequest } from '@modalflow/database';

export const resourceKey = (jobId: string, resourceId: string): string => `${jobId}:${resourceId}`;

/** Pages read at once when a job's pages are read in order. */
const PAGES_AHEAD = 8;

/**
 * A job's index, stored as pages of entries (see FetchIndexPage) that are only ever read by `_id`:
 * FerretDB on SQLite serves a lone `_id` filter from its index and scans the collection for any
 * other. Every method is scoped by tenant.
 */
@Injectable()
export class FetchResourceRepository {
  private readonly pages: Collection<FetchIndexPage>;
  private readonly largeData: Collection<FetchResourceData>;

  constructor(
    @InjectModel(FetchIndexPage.name) pageModel: Model<FetchIndexPage>,
    @InjectModel(FetchResourceData.name) dataModel: Model<FetchResourceData>,
  ) {
    // The driver's own calls: the worker builds the documents, Mongoose's casting would only cost.
    this.pages = pageModel.db.collection<FetchIndexPage>(pageModel.collection.collectionName);
    this.largeData = dataModel.db.collection<FetchResourceData>(dataModel.collection.collectionName);
  }

  /**
   * Stores whole pages of a job's index: `entries` start at a page boundary and hold whole pages
   * (the last page of the index may be short). Pages already stored (a redelivered fetch) are left
   * as they are. Data too large for a message is stored on its own.
   */
  async insertIndex(tenantId: number, jobId: string, entries: IndexEntry[], now = new Date()): Promise<void> {
    if (entries.length === 0) return;
    if (entries[0].index % INDEX_PAGE_SIZE !== 0)
      throw new Error(`index entries must start a page: ${entries[0].index} does not`);
    const large: FetchResourceData[] = [];
    const pages: FetchIndexPage[] = [];
    for (let start = 0; start < entries.length; start += INDEX_PAGE_SIZE) {
      const onPage = entries.slice(start, start + INDEX_PAGE_SIZE).map((entry) => {
        if (entry.data === undefined || fitsInMessage(entry.data)) return entry;
        large.push({ _id: entry.id, tenant_id: tenantId, job_id: jobId, data: JSON.stringify(entry.data) });
        return { ...entry, data: undefined };
      });
      const page = indexPageOf(onPage[0].index);
      pages.push(indexPageDocument(tenantId, jobId, indexPageId(jobId, page), page, onPage, now));
    }
    await insertNew(this.largeData, large);
    await insertNew(this.pages, pages);
  }

  /**
   * Stores a job's INVALID entries again, as their own pages (`<job>:invalid:<n>`, in index order),
   * so that listing them reads only the pages it shows. Written whole before the hand-off; a
   * redelivered fetch writes the same pages, which are left as they are.
   */
  async insertInvalidIndex(
    tenantId: number,
    jobId: string,
    invalid: IndexEntry[],
    now = new Date(),
  ): Promise<void> {
    const pages: FetchIndexPage[] = [];
    for (let start = 0; start < invalid.length; start += INDEX_PAGE_SIZE) {
      const page = indexPageOf(start);
      const onPage = invalid.slice(start, start + INDEX_PAGE_SIZE);
      pages.push(indexPageDocument(tenantId, jobId, invalidIndexPageId(jobId, page), page, onPage, now));
    }
    await insertNew(this.pages, pages);
  }

  /** A page of a job's INVALID entries in index order; `total` when the caller knows it. */
  async invalidRange(
    tenantId: number,
    jobId: string,
    request: PageRequest,
    total?: number,
  ): Promise<Page<FetchResource>> {
    let count = total;
    if (count === undefined) {
      count = 0;
      for await (const header of this.pagesInOrder(tenantId, jobId, { entries: 0 }, invalidIndexPageId)) {
        count += header.count;
      }
    }
    const end = Math.min(request.offset + request.limit, count);
    const first = indexPageOf(request.offset);
    const last = indexPageOf(end - 1);
    const pages = await Promise.all(
      Array.from({ length: Math.max(0, last - first + 1) }, (_, i) =>
        this.page(tenantId, invalidIndexPageId(jobId, first + i)),
      ),
    );
    const entries = pages.flatMap((page) => (page ? entriesOf(page) : []));
    const skip = request.offset - first * INDEX_PAGE_SIZE;
    return { items: entries.slice(skip, skip + Math.max(0, end - request.offset)), total: count, ...request };
  }

  /** A job's index page by page, in order, one page in memory at a time. */
  async *entriesInOrder(tenantId: number, jobId: string): AsyncIterable<FetchResource[]> {
    for await (const page of this.pagesInOrder(tenantId, jobId)) yield entriesOf(page);
  }

  /** The entries of one page of a job's index (none when it is not stored). */
  async entriesOnPage(tenantId: number, jobId: string, page: number): Promise<FetchResource[]> {
    const found = await this.page(tenantId, indexPageId(jobId, page));
    return found ? entriesOf(found) : [];
  }

  /** The entries at the given positions of a job's index (those that exist), in index order. */
  async entriesAt(tenantId: number, jobId: string, indexes: number[]): Promise<FetchResource[]> {
    const wanted = new Set(indexes);
    const pageNumbers = [...new Set(indexes.map(indexPageOf))];
    const pages = await Promise.all(
      pageNumbers.sort((a, b) => a - b).map((n) => this.page(tenantId, indexPageId(jobId, n))),
    );
    return pages.flatMap((page) => (page ? entriesOf(page) : [])).filter((entry) => wanted.has(entry.index));
  }

  /**
   * A page of a job's index in index order, and how many entries it has: `total` when the caller
   * knows it, else counted from the stored pages.
   */
  async range(
    tenantId: number,
    jobId: string,
    request: PageRequest,
    total?: number,
  ): Promise<Page<FetchResource>> {
    const count = total ?? (await this.countEntries(tenantId, jobId));
    const end = Math.min(request.offset + request.limit, count);
    const indexes = Array.from({ length: Math.max(0, end - request.offset) }, (_, i) => request.offset + i);
    return { items: await this.entriesAt(tenantId, jobId, indexes), total: count, ...request };
  }

  /** How many entries of a job's index are stored so far. */
  async countEntries(tenantId: number, jobId: string): Promise<number> {
    let total = 0;
    for await (const header of this.pagesInOrder(tenantId, jobId, { entries: 0 })) total += header.count;
    return total;
  }

  /** The inline data of an entry that was too large for its message, or null. */
  async storedData(tenantId: number, resourceKey: string): Promise<unknown> {
    const stored = await this.largeData.findOne({ _id: resourceKey });
    return stored?.tenant_id === tenantId ? (JSON.parse(stored.data) as unknown) : null;
  }

  /** A job's pages 0, 1, 2, ... up to the first one missing (pages are stored in order), a few at a time. */
  private async *pagesInOrder(
    tenantId: number,
    jobId: string,
    projection?: Record<string, 0>,
    idOf: (jobId: string, page: number) => string = indexPageId,
  ): AsyncIterable<FetchIndexPage> {
    for (let first = 0; ; first += PAGES_AHEAD) {
      const pages = await Promise.all(
        Array.from({ length: PAGES_AHEAD }, (_, i) =>
          this.page(tenantId, idOf(jobId, first + i), projection),
        ),
      );
      for (const page of pages) {
        if (!page) return;
        yield page;
      }
    }
  }

  private async page(
    tenantId: number,
    id: string,
    projection?: Record<string, 0>,
  ): Promise<FetchIndexPage | null> {
    const found = await this.pages.findOne({ _id: id }, { projection });
    return found?.tenant_id === tenantId ? found : null;
  }
}

/** `_id` of page `page` of a job's index. */
export function indexPageId(jobId: string, page: number): string {
  return `${jobId}:${page}`;
}

/** A page of index entries as stored (see FetchIndexPage). */
export function indexPageDocument(
  tenantId: number,
  jobId: string,
  id: string,
  page: number,
  entries: IndexEntry[],
  createdAt: Date,
): FetchIndexPage {
  const text = JSON.stringify(entries);
  return {
    _id: id,
    tenant_id: tenantId,
    job_id: jobId,
    page,
    count: entries.length,
    entries: text,
    created_at: createdAt,
  };
}

/** `_id` of page `page` of a job's INVALID entries (see insertInvalidIndex). */
export function invalidIndexPageId(jobId: string, page: number): string {
  return `${jobId}:invalid:${page}`;
}

function entriesOf(page: FetchIndexPage): FetchResource[] {
  const entries = JSON.parse(page.entries) as Array<IndexEntry & { creation_date?: string }>;
  return entries.map((entry) => ({
    ...entry,
    creation_date: entry.creation_date === undefined ? undefined : new Date(entry.creation_date),
    job_id: page.job_id,
    tenant_id: page.tenant_id,
    created_at: page.created_at,
  }));
}

/** Inserts documents keyed by `_id`; those stored before are left as they are. */
async function insertNew<T extends { _id: string }>(
  collection: Collection<T>,
  documents: Parameters<Collection<T>['insertMany']>[0],
): Promise<void> {
  if (documents.length === 0) return;
  try {
    await collection.insertMany(documents, { ordered: false });
  } catch (error) {
    if (!onlyDuplicates(error)) throw error;
  }
}
