import { Module } from '@nestjs/common';
import { StartFetchHandler } from './start-fetch.handler';
import { UploadHandler } from './upload.handler';
import { WebhookDeliveryHandler } from './webhook-delivery.handler';
import { AppConfigModule } from '@modalflow/config';
import { DatabaseModule } from '@modalflow/database';
import { FetchSourcesModule } from '@modalflow/fetch-jobs';
import { MessagingModule } from '@modalflow/messaging';
import { MonitoringModule } from '@modalflow/monitoring';
import { WebhookDeliveriesModule } from '@modalflow/notifications';
import { ObservabilityModule } from '@modalflow/observability';
import { UploadChecksModule } from '@modalflow/uploads';

/**
 * Queues `start_fetch` (fetch jobs: read the source index, hand out resources) and `upload` (uploads:
 * check and store a recording, a new measurement for monitoring) and `webhook_delivery` (webhooks,
 * whose deliveries it also makes from the status events).
 */
@Module({
  imports: [
    AppConfigModule,
    ObservabilityModule.forRoot({ appName: 'fetch-worker' }),
    DatabaseModule.forRoot(),
    MessagingModule.forRoot({ rabbitmq: true, kafka: true, workQueues: true }),
    FetchSourcesModule,
    UploadChecksModule.register({ measurementArrivals: MonitoringModule }),
    WebhookDeliveriesModule,
  ],
  controllers: [StartFetchHandler, UploadHandler, WebhookDeliveryHandler],
})
export class FetchWorkerModule {}
