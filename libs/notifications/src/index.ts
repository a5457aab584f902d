export * from './deliver-webhook.service';
export * from './notifications.module';
export * from './persistence/webhook-delivery.schema';
export * from './persistence/webhook.schema';
export * from './webhook-delivery.message';
export * from './webhook-events';
export * from './webhook-signature';
export * from './webhooks.service';
