import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { TenantOwned } from '@modalflow/database';

/** The outcome of a webhook's latest finished delivery. */
export interface LastDelivery {
  at: Date;
  delivery_id: string;
  event: string;
  outcome: 'DELIVERED' | 'FAILED';
  status_code?: number;
  error?: string;
}

/** A tenant's webhook (docs/notifications.md): where its events are POSTed, signed with its secret. */
@Schema({ collection: 'webhooks', timestamps: { createdAt: 'created_at', updatedAt: 'updated_at' } })
export class Webhook implements TenantOwned {
  @Prop({ required: true })
  tenant_id: number;

  @Prop({ required: true })
  url: string;

  @Prop({ type: [String], required: true })
  events: string[];

  /** HMAC-SHA256 key of its signatures; never shown again after creation. */
  @Prop({ required: true })
  secret: string;

  @Prop()
  description?: string;

  @Prop({ required: true })
  enabled: boolean;

  /** Why ModalFlow disabled it (failed deliveries in a row); cleared when a user enables it again. */
  @Prop()
  disabled_reason?: string;

  @Prop({ default: 0 })
  consecutive_failures: number;

  @Prop({ type: Object })
  last_delivery?: LastDelivery;

  @Prop({ required: true })
  created_by: number;

  created_at?: Date;
  updated_at?: Date;
}

export const WebhookSchema = SchemaFactory.createForClass(Webhook);
