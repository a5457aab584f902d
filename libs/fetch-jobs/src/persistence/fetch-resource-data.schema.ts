import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { JobDocument } from './job-document';

/**
 * The inline data of an entry too large to travel in a message, stored on its own (JSON text);
 * `_id` is the entry's id.
 */
@Schema({ collection: 'fetch_resource_data' })
export class FetchResourceData extends JobDocument {
  @Prop({ required: true })
  data: string;
}

export const FetchResourceDataSchema = SchemaFactory.createForClass(FetchResourceData);
