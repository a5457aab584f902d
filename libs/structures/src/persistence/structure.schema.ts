import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument } from 'mongoose';
import { TenantOwned } from '@modalflow/database';

/** A monitored structure (bridge, building, tower) whose measurements are analysed. */
@Schema({ timestamps: { createdAt: 'created_at', updatedAt: 'updated_at' } })
export class Structure implements TenantOwned {
  @Prop({ required: true, index: true })
  tenant_id: number;

  @Prop({ required: true, trim: true })
  name: string;

  @Prop({ trim: true })
  description?: string;

  @Prop({ trim: true })
  location?: string;

  @Prop({ required: true })
  created_by: number;

  created_at?: Date;
  updated_at?: Date;
}

export type StructureDocument = HydratedDocument<Structure>;
export const StructureSchema = SchemaFactory.createForClass(Structure);
