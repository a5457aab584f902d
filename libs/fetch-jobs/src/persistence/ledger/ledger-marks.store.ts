import type { Collection } from 'mongoose';
import { InsertBatcher } from '@modalflow/database';
import { FetchMark } from './fetch-mark.schema';

/** `fetch_marks`: insert-once marks that something happened (a fetch attempt, a hand-off part). */
export class LedgerMarksStore {
  /** The concurrent resources of a busy worker share their inserts (see InsertBatcher). */
  private readonly inserts: InsertBatcher<FetchMark & { created_at: Date }>;

  constructor(private readonly marks: Collection<FetchMark>) {
    this.inserts = new InsertBatcher((documents) => this.marks.insertMany(documents, { ordered: false }));
  }

  /** Records that something happened once; true for the first caller only. */
  mark(tenantId: number, jobId: string, id: string, kind: FetchMark['kind']): Promise<boolean> {
    return this.inserts.insertOnce({
      _id: id,
      tenant_id: tenantId,
      job_id: jobId,
      kind,
      created_at: new Date(),
    });
  }

  async isMarked(tenantId: number, id: string): Promise<boolean> {
    const found = await this.marks.findOne({ _id: id }, { projection: { tenant_id: 1 } });
    return found?.tenant_id === tenantId;
  }

  /** Fetch attempts leave marks `<job>:fetch:1`, `:2`, ...: counted by looking them up in order. */
  async fetchAttempts(tenantId: number, jobId: string): Promise<number> {
    let attempts = 0;
    while (await this.isMarked(tenantId, `${jobId}:fetch:${attempts + 1}`)) attempts++;
    return attempts;
  }
}
