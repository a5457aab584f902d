import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, Schema as MongooseSchema } from 'mongoose';
import { RESOURCE_STATUSES, ResourceStatus } from '@modalflow/contracts';
import { TenantOwned } from '../common/tenant-scoped.repository';

/**
 * One resource of a fetch job. Its `_id` is `<job id>:<resource id>`, so a redelivered message or a
 * re-read index can never create a second document for it.
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

  @Prop({ type: String, required: true, enum: RESOURCE_STATUSES })
  status: ResourceStatus;

  @Prop()
  creation_date?: Date;

  @Prop({ type: MongooseSchema.Types.Mixed })
  data?: unknown;

  @Prop()
  url?: string;

  /** Why an INVALID resource was rejected. */
  @Prop()
  reason?: string;

  @Prop({ default: 0 })
  attempts: number;

  @Prop()
  last_error?: string;

  @Prop({ type: MongooseSchema.Types.Mixed })
  summary?: unknown;

  @Prop()
  measurement_id?: string;

  @Prop()
  processed_at?: Date;

  /** The worker (host:pid) that settled it. */
  @Prop()
  processed_by?: string;

  created_at?: Date;
  updated_at?: Date;
}

export type FetchResourceDocument = HydratedDocument<FetchResource>;
export const FetchResourceSchema = SchemaFactory.createForClass(FetchResource);
FetchResourceSchema.index({ job_id: 1, status: 1 });
