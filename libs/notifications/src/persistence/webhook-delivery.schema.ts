import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { TenantOwned } from '@modalflow/database';

export const DELIVERY_STATUSES = ['PENDING', 'DELIVERED', 'FAILED', 'SKIPPED'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One attempt: the receiver's HTTP status, or why there was none. */
export interface DeliveryAttempt {
  attempt: number;
  at: Date;
  duration_ms: number;
  status_code?: number;
  error?: string;
}

/**
 * One event for one webhook (the delivery log). Its id is derived from the hook and the event, so an
 * event read twice is one delivery; its body is kept so every attempt sends the same bytes.
 */
@Schema({
  collection: 'webhook_deliveries',
  timestamps: { createdAt: 'created_at', updatedAt: 'updated_at' },
})
export class WebhookDelivery implements TenantOwned {
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true })
  tenant_id: number;

  @Prop({ required: true })
  hook_id: string;

  /** The event's id: the receiver's Idempotency-Key. */
  @Prop({ required: true })
  event_id: string;

  @Prop({ required: true })
  event: string;

  @Prop({ required: true })
  body: string;

  @Prop({ type: String, required: true, enum: DELIVERY_STATUSES })
  status: DeliveryStatus;

  @Prop({ type: [Object], default: [] })
  attempts: DeliveryAttempt[];

  /** Why it ended FAILED or SKIPPED. */
  @Prop()
  reason?: string;

  @Prop()
  finished_at?: Date;

  created_at?: Date;
  updated_at?: Date;
}

export const WebhookDeliverySchema = SchemaFactory.createForClass(WebhookDelivery);
