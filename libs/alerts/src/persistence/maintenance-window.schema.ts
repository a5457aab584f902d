import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { TenantOwned } from '@modalflow/database';

/**
 * A period of works on a structure: alerts raised by measurements recorded inside it are stored,
 * shown and audited as usual, but not notified outside the app.
 */
@Schema({ collection: 'maintenance_windows', timestamps: { createdAt: 'created_at', updatedAt: false } })
export class MaintenanceWindow implements TenantOwned {
  @Prop({ required: true })
  tenant_id: number;

  @Prop({ required: true })
  structure_id: string;

  @Prop({ required: true })
  starts_at: Date;

  @Prop({ required: true })
  ends_at: Date;

  @Prop()
  reason?: string;

  @Prop({ required: true })
  created_by: number;

  created_at?: Date;
}

export const MaintenanceWindowSchema = SchemaFactory.createForClass(MaintenanceWindow);
