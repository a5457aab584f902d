import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { TenantOwned } from '../common/tenant-scoped.repository';

/** The inline data of an entry too large to travel in a message, stored on its own (JSON text). */
@Schema({ collection: 'fetch_resource_data' })
export class FetchResourceData implements TenantOwned {
  /** The entry's id. */
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true })
  tenant_id: number;

  @Prop({ required: true })
  job_id: string;

  @Prop({ required: true })
  data: string;
}

export const FetchResourceDataSchema = SchemaFactory.createForClass(FetchResourceData);
