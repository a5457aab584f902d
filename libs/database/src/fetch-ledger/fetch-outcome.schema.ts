import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import { TenantOwned } from '../common/tenant-scoped.repository';

export interface FieldAccumulatorEntry {
  field: string;
  count: number;
  sum: number;
  sum_sq: number;
  min: number;
  max: number;
}

/**
 * How one resource ended, written once: `_id` is the resource key, so of two workers settling the
 * same resource only the first insert succeeds. It is also the resource's record of that end (its
 * summary or last error): `fetch_resources` keeps the index entry as the fetch worker stored it, and
 * readers join the two by `_id`. Counts and the running summary are derived from these documents
 * (see docs/ingestion.md: concurrent updates of one document are not atomic on FerretDB 1.24,
 * unique inserts are).
 */
@Schema({ collection: 'fetch_outcomes', timestamps: false })
export class FetchOutcome implements TenantOwned {
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true })
  tenant_id: number;

  @Prop({ required: true, index: true })
  job_id: string;

  @Prop({ required: true })
  resource_id: string;

  /** Position in the source index. */
  @Prop({ required: true })
  index: number;

  @Prop()
  creation_date?: Date;

  /** The job round it was settled in. */
  @Prop({ required: true })
  round: number;

  @Prop({ type: String, required: true, enum: ['DONE', 'FAILED'] })
  status: 'DONE' | 'FAILED';

  /** The delivery attempt that settled it. */
  @Prop({ required: true })
  attempts: number;

  @Prop({ type: [Object], default: [] })
  fields: FieldAccumulatorEntry[];

  @Prop({ type: MongooseSchema.Types.Mixed })
  summary?: unknown;

  @Prop()
  last_error?: string;

  @Prop()
  measurement_id?: string;

  /** The worker (host:pid) that settled it. */
  @Prop({ required: true })
  processed_by: string;

  @Prop({ required: true })
  processed_at: Date;
}

export type NewFetchOutcome = Omit<FetchOutcome, '_id' | 'tenant_id' | 'job_id' | 'processed_at'>;
export const FetchOutcomeSchema = SchemaFactory.createForClass(FetchOutcome);
