import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument } from 'mongoose';
import { FETCH_JOB_STATUSES, FetchJobStatus, IndexCounts } from '../fetch-job-status';
import { OutboxEntry, TenantOwned } from '@modalflow/database';

/** A finished job's totals; per-field statistics as a list, since field names from data may hold dots. */
export interface FinalTotals {
  processed: number;
  failed: number;
  attempts: number;
  summary: Array<{ field: string; count: number; min: number; max: number; mean: number; std: number }>;
}

/** A request to pull the resources of one source URL through the ingestion pipeline. */
@Schema({ collection: 'fetch_jobs', timestamps: { createdAt: 'created_at', updatedAt: 'updated_at' } })
export class FetchJob implements TenantOwned {
  @Prop({ required: true, index: true })
  tenant_id: number;

  @Prop({ required: true })
  user_id: number;

  @Prop({ required: true })
  source_url: string;

  @Prop()
  structure_id?: string;

  @Prop({ required: true, min: 1 })
  max_attempts: number;

  @Prop({ type: String, required: true, enum: FETCH_JOB_STATUSES, default: 'QUEUED', index: true })
  status: FetchJobStatus;

  /** What the fetch worker found in the source, written once. Processed, failed and attempts are
   * derived from the job's ledger (FetchLedgerRepository) while it runs; see `final`. */
  @Prop({ type: Object, default: () => ({ found: 0, valid: 0, invalid: 0 }) })
  counts: IndexCounts;

  /**
   * A DONE job's counts and summary, written by whoever ended it: nothing settles after DONE, so a
   * finished job is read without going through its ledger. Ignored unless the job is DONE (a
   * retry-failed reopens it).
   */
  @Prop({ type: Object })
  final?: FinalTotals;

  /** Incremented by each retry-failed, so each round of processing can end DONE once. */
  @Prop({ default: 0 })
  round: number;

  /** How many resources the current round settles: the valid ones, then those a retry re-queued. */
  @Prop({ default: 0 })
  round_size: number;

  /**
   * While FETCHING, a lower bound of round 0's size: the least valid count of the fetch runs so far,
   * each written before its hand-off. Fewer settled resources cannot end the job, so a processing
   * worker reads the job again only from there on (FetchJobProgress.settled).
   */
  @Prop()
  round_size_floor?: number;

  @Prop()
  last_error?: string;

  /**
   * The Idempotency-Key of the creating request (a random one when none was given): a retried
   * request returns the same job. Always set, so a plain unique index works on FerretDB too.
   */
  @Prop({ required: true })
  idempotency_key: string;

  /** Status changes not yet published (see status-outbox.ts); never shown. */
  @Prop({ type: [Object], default: undefined })
  outbox?: OutboxEntry[];

  @Prop()
  started_at?: Date;

  @Prop()
  finished_at?: Date;

  created_at?: Date;
  updated_at?: Date;
}

export type FetchJobDocument = HydratedDocument<FetchJob>;
export const FetchJobSchema = SchemaFactory.createForClass(FetchJob);
FetchJobSchema.index({ tenant_id: 1, idempotency_key: 1 }, { unique: true });
