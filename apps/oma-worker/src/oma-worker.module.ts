import { Module } from '@nestjs/common';
import { AppConfigModule } from '@modalflow/config';
import { DatabaseModule } from '@modalflow/database';
import { MessagingModule } from '@modalflow/messaging';
import { ObservabilityModule } from '@modalflow/observability';

@Module({
  imports: [
    AppConfigModule,
    ObservabilityModule.forRoot({ appName: 'oma-worker' }),
    DatabaseModule.forRoot({ measures: true }),
    MessagingModule.forRoot({ kafka: true }),
  ],
})
export class OmaWorkerModule {}
