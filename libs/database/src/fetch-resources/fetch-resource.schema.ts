import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, Schema as MongooseSchema } from 'mongoose';
import { TenantOwned } from '../common/tenant-scoped.repository';

/**
 * One entry of a fetch job's source index, as the fetch worker stored it: QUEUED (valid) or INVALID
 * with the reason. Its `_id` is `<job id>:<resource id>`, so a re-read index can never create a
 * second document for it. How a QUEUED resource ended is its ledger outcome (same `_id`), written
 * once by the worker that settled it; readers join the two.
 */
@Schema({ collection: 'fetch_resources', timestamps: { createdAt: 'created_at', updatedAt: 'updated_at' } })
export class FetchResource implements TenantOwned {
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

  @Prop({ type: String, required: true, enum: ['QUEUED', 'INVALID'] })
  status: 'QUEUED' | 'INVALID';

  @Prop()
  creation_date?: Date;

  @Prop({ type: MongooseSchema.Types.Mixed })
  data?: unknown;

  @Prop()
  url?: string;

  /** Why an INVALID resource was rejected. */
  @Prop()
  reason?: string;

  created_at?: Date;
  updated_at?: Date;
}

export type FetchResourceDocument = HydratedDocument<FetchResource>;
export const FetchResourceSchema = SchemaFactory.createForClass(FetchResource);
FetchResourceSchema.index({ job_id: 1, status: 1 });
