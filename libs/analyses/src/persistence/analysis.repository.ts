import { Inject, Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection, isValidObjectId } from 'mongoose';
import { Analysis } from './analysis.schema';
import { type AnalysisStatus } from '../analysis-status';
import { mongoConfig, MongoConfig } from '@modalflow/config';
import { type AnalysisType } from '@modalflow/oma';
import {
  isDuplicateKey,
  Page,
  PageRequest,
  documentOutboxes,
  DocumentOutboxes,
  OUTBOX_FIELD,
  OutboxEntry,
  pushToOutbox,
  newDocumentId,
} from '@modalflow/database';

type StoredAnalysis = Omit<Analysis, 'id'> & { _id: string };
export type NewAnalysis = Omit<
  Analysis,
  'id' | 'created_at' | 'updated_at' | 'runs' | 'result_ids' | 'status'
>;

/** What a status change sets and unsets of an analysis. */
export interface AnalysisChanges {
  set?: Partial<Omit<Analysis, 'id' | 'tenant_id' | 'structure_id'>>;
  unset?: (keyof Analysis)[];
}

/** Analyses live in one collection per structure, as the OMA seed names them. */
@Injectable()
export class AnalysisRepository {
  constructor(
    @InjectConnection() private readonly connection: Connection,
    @Inject(mongoConfig.KEY) private readonly config: MongoConfig,
  ) {}

  collectionName(structureId: string): string {
    return `${this.config.collections.analysisPrefix}_${structureId}`;
  }

  private collection(structureId: string) {
    return this.connection.collection<StoredAnalysis>(this.collectionName(structureId));
  }

  async create(data: NewAnalysis): Promise<Analysis> {
    const doc = this.newDocument(newDocumentId(), data, 'READY');
    await this.collection(data.structure_id).insertOne(doc);
    return this.toAnalysis(doc);
  }

  /**
   * Creates the analysis under a given id (derived from what it was created for), with `status`
   * and its event; or finds the one stored under that id before (`created` false, no event).
   */
  async createOnce(
    id: string,
    data: NewAnalysis,
    status: 'READY' | 'SKIPPED',
    event?: OutboxEntry,
  ): Promise<{ analysis: Analysis; created: boolean }> {
    const doc = { ...this.newDocument(id, data, status), ...(event ? { [OUTBOX_FIELD]: [event] } : {}) };
    try {
      await this.collection(data.structure_id).insertOne(doc);
      return { analysis: this.toAnalysis(doc), created: true };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const found = await this.findById(data.tenant_id, data.structure_id, id);
      if (!found) throw error;
      return { analysis: found, created: false };
    }
  }

  private newDocument(id: string, data: NewAnalysis, status: AnalysisStatus): StoredAnalysis {
    const now = new Date();
    return { _id: id, ...data, status, runs: 0, result_ids: [], created_at: now, updated_at: now };
  }

  async findById(tenantId: number, structureId: string, id: string): Promise<Analysis | null> {
    if (!isValidObjectId(id)) return null;
    const doc = await this.collection(structureId).findOne({ _id: id }); // see TenantScopedRepository
    return doc && doc.tenant_id === tenantId ? this.toAnalysis(doc) : null;
  }

  async findPage(
    tenantId: number,
    structureId: string,
    filter: { type?: AnalysisType; status?: AnalysisStatus; rule_id?: string },
    page: PageRequest,
  ): Promise<Page<Analysis>> {
    const { rule_id: ruleId, ...fields } = filter;
    const query = {
      tenant_id: tenantId,
      ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
      ...(ruleId !== undefined ? { 'monitoring.rule_id': ruleId } : {}),
    };
    const collection = this.collection(structureId);
    const [docs, total] = await Promise.all([
      collection.find(query).sort({ _id: -1 }).skip(page.offset).limit(page.limit).toArray(),
      collection.countDocuments(query),
    ]);
    return { items: docs.map((doc) => this.toAnalysis(doc)), total, offset: page.offset, limit: page.limit };
  }

  /**
   * Changes one analysis only while it is in one of `from` (one atomic update), with the event of
   * the change recorded in its outbox by the same update (status-outbox.ts); null when it was not.
   * AnalysisStatusChanges is its one caller: it checks the move against ANALYSIS_MOVES.
   */
  async transition(
    tenantId: number,
    structureId: string,
    id: string,
    from: readonly AnalysisStatus[],
    changes: AnalysisChanges,
    event: OutboxEntry,
  ): Promise<Analysis | null> {
    const doc = await this.collection(structureId).findOneAndUpdate(
      { _id: id, tenant_id: tenantId, status: { $in: [...from] } },
      updateOf(changes, event),
      { returnDocument: 'after' },
    );
    return doc ? this.toAnalysis(doc) : null;
  }

  /**
   * Changes an analysis read for its tenant (a document's tenant never changes) by `_id` alone, with
   * its event; for the holder of its run's claim (AnalysisStatusChanges.moveClaimed).
   */
  async updateClaimed(analysis: Analysis, changes: AnalysisChanges, event: OutboxEntry): Promise<void> {
    await this.collection(analysis.structure_id).updateOne({ _id: analysis.id }, updateOf(changes, event));
  }

  /** The outboxes of a structure's analyses, for StatusRelay. */
  outboxes(structureId: string): DocumentOutboxes {
    return documentOutboxes(this.connection.collection(this.collectionName(structureId)));
  }

  async count(tenantId: number, structureId: string): Promise<number> {
    return this.collection(structureId).countDocuments({ tenant_id: tenantId });
  }

  async deleteAll(tenantId: number, structureId: string): Promise<void> {
    await this.collection(structureId).deleteMany({ tenant_id: tenantId });
  }

  private toAnalysis({ _id, ...rest }: StoredAnalysis & { [OUTBOX_FIELD]?: unknown }): Analysis {
    const { [OUTBOX_FIELD]: outbox, ...analysis } = rest;
    void outbox; // internal: the relay's, never shown
    return { id: _id, ...analysis };
  }
}

/** The update of a change: its fields set and unset, and its event pushed to the outbox. */
function updateOf(changes: AnalysisChanges, event: OutboxEntry): Record<string, unknown> {
  return {
    $set: { ...changes.set, updated_at: new Date() },
    ...(changes.unset?.length ? { $unset: Object.fromEntries(changes.unset.map((key) => [key, ''])) } : {}),
    ...pushToOutbox(event),
  };
}
