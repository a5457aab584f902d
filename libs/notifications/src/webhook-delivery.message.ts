import { IsInt, IsMongoId, Matches } from 'class-validator';

/** Queue `webhook_delivery`: one delivery of one event to one webhook (its body is in the delivery log). */
export class WebhookDeliveryMessage {
  @IsInt()
  tenant_id: number;

  @IsMongoId()
  hook_id: string;

  @Matches(/^[0-9a-f]{24}$/)
  delivery_id: string;
}
