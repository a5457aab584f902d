import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DELIVERY_STATUSES, WEBHOOK_EVENTS } from '@modalflow/notifications';

export class LastDeliveryResponse {
  @ApiProperty() at: Date;
  @ApiProperty() delivery_id: string;
  @ApiProperty() event: string;
  @ApiProperty({ enum: ['DELIVERED', 'FAILED'] }) outcome: string;
  @ApiPropertyOptional() status_code?: number;
  @ApiPropertyOptional({ example: 'answered HTTP 503' }) error?: string;
}

export class WebhookResponse {
  @ApiProperty({ example: '6650a1f2c3d4e5f607182932' }) id: string;
  @ApiProperty() tenant_id: number;
  @ApiProperty() url: string;
  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true }) events: string[];
  @ApiPropertyOptional() description?: string;
  @ApiProperty() enabled: boolean;
  @ApiPropertyOptional({ description: 'Why ModalFlow disabled it' }) disabled_reason?: string;
  @ApiProperty({ description: 'Failed deliveries in a row' }) consecutive_failures: number;
  @ApiPropertyOptional({ type: LastDeliveryResponse }) last_delivery?: LastDeliveryResponse;
  @ApiProperty() created_by: number;
  @ApiProperty() created_at: Date;
  @ApiProperty() updated_at: Date;
}

export class CreatedWebhookResponse extends WebhookResponse {
  @ApiProperty({ description: 'The signing secret: shown this once' }) secret: string;
}

export class WebhookPage {
  @ApiProperty({ type: [WebhookResponse] }) items: WebhookResponse[];
  @ApiProperty() total: number;
  @ApiProperty() offset: number;
  @ApiProperty() limit: number;
}

export class DeliveryAttemptResponse {
  @ApiProperty() attempt: number;
  @ApiProperty() at: Date;
  @ApiProperty() duration_ms: number;
  @ApiPropertyOptional() status_code?: number;
  @ApiPropertyOptional() error?: string;
}

export class WebhookDeliveryResponse {
  @ApiProperty() id: string;
  @ApiProperty() tenant_id: number;
  @ApiProperty() hook_id: string;
  @ApiProperty({ description: "The event's id, sent as Idempotency-Key" }) event_id: string;
  @ApiProperty({ example: 'alert.opened' }) event: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status: string;
  @ApiProperty({ type: [DeliveryAttemptResponse] }) attempts: DeliveryAttemptResponse[];
  @ApiPropertyOptional() reason?: string;
  @ApiPropertyOptional() finished_at?: Date;
  @ApiProperty() created_at: Date;
  @ApiProperty() updated_at: Date;
}

export class WebhookDeliveryPage {
  @ApiProperty({ type: [WebhookDeliveryResponse] }) items: WebhookDeliveryResponse[];
  @ApiProperty() total: number;
  @ApiProperty() offset: number;
  @ApiProperty() limit: number;
}
