import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
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
 * same resource only the first insert succeeds. Counts and the running summary are derived from
 * these documents (see docs/ingestion.md: concurrent updates of one document are not atomic on
 * FerretDB 1.24, unique inserts are).
 */
@Schema({ collection: 'fetch_outcomes', timestamps: { createdAt: 'created_at', updatedAt: false } })
export class FetchOutcome implements TenantOwned {
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true })
  tenant_id: number;

  @Prop({ required: true, index: true })
  job_id: string;

  @Prop({ type: String, required: true, enum: ['DONE', 'FAILED'] })
  status: 'DONE' | 'FAILED';

  @Prop({ type: [Object], default: [] })
  fields: FieldAccumulatorEntry[];

  created_at?: Date;
}

export const FetchOutcomeSchema = SchemaFactory.createForClass(FetchOutcome);
