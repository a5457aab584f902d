import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { RecordingSummary } from '@modalflow/ingestion';
import { UPLOAD_STATUSES, type UploadStatus } from '../upload-status';
import { OutboxEntry, TenantOwned } from '@modalflow/database';

/**
 * A recording given to ModalFlow (docs/uploads.md): where its bytes are, how far it has come, and,
 * once checked, its shape and summary. The id is a 24-digit hex string: a new ObjectId, or derived
 * from the tenant and the request's Idempotency-Key so a repeated request finds the first upload.
 */
@Schema({ collection: 'uploads', timestamps: { createdAt: 'created_at', updatedAt: 'updated_at' } })
export class Upload implements TenantOwned {
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true })
  tenant_id: number;

  @Prop({ required: true })
  user_id: number;

  @Prop({ required: true })
  structure_id: string;

  @Prop({ required: true })
  file_name: string;

  /** The size the client declared (Content-Length of a raw body), when it did. */
  @Prop()
  size?: number;

  /** Needed when the recording has no time column. */
  @Prop()
  sampling_rate_hz?: number;

  /** When the recording was made (its measurement time); when not given, when it was uploaded. */
  @Prop()
  recorded_at?: Date;

  /** Environmental values at the measurement, by name (checked: see checkEnvironment). */
  @Prop({ type: Object })
  environment?: Record<string, number>;

  @Prop({ type: String, required: true, enum: UPLOAD_STATUSES })
  status: UploadStatus;

  @Prop({ default: 0 })
  bytes_received: number;

  /** `stream`: the body came through the API; `presigned`: the client sends parts straight to S3. */
  @Prop({ type: String, enum: ['stream', 'presigned'], default: 'stream' })
  mode: 'stream' | 'presigned';

  /** Presigned mode: the S3 multipart upload, its part size and count. */
  @Prop()
  multipart_upload_id?: string;

  @Prop()
  part_size?: number;

  @Prop()
  parts?: number;

  /** The object in UPLOAD_BUCKET while it arrives and waits. */
  @Prop({ required: true })
  staging_key: string;

  /** The object in FILE_BUCKET once DONE. */
  @Prop()
  object_key?: string;

  @Prop({ type: Object })
  recording?: RecordingSummary;

  @Prop()
  error?: string;

  @Prop()
  finished_at?: Date;

  /** Status changes not yet published (see status-outbox.ts); never shown. */
  @Prop({ type: [Object], default: undefined })
  outbox?: OutboxEntry[];

  created_at?: Date;
  updated_at?: Date;
}

export const UploadSchema = SchemaFactory.createForClass(Upload);
