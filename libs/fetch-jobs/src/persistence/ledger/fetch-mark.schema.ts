import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * A fact recorded once by a unique `_id`: a fetch attempt (`<job>:fetch:<n>`) or a milestone
 * (`<job>:DONE:<round>`; `<job>:handoff:<first index>`: a part of the index was handed off).
 * Counting marks never loses an update; inserting one tells exactly one writer that it was first.
 */
@Schema({ collection: 'fetch_marks', timestamps: { createdAt: 'created_at', updatedAt: false } })
export class FetchMark {
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true })
  tenant_id: number;

  @Prop({ required: true, index: true })
  job_id: string;

  @Prop({ type: String, required: true, enum: ['attempt', 'milestone'] })
  kind: 'attempt' | 'milestone';
}

export const FetchMarkSchema = SchemaFactory.createForClass(FetchMark);
