import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { RouteTable } from './common/route-table';
import { ApiExceptionFilter } from './common/api-exception.filter';
import { apiValidationPipe } from './common/validation.pipe';
import { AnalysesApiModule } from './analyses/analyses.module';
import { FetchJobsApiModule } from './fetch-jobs/fetch-jobs.module';
import { LiveModule } from './live/live.module';
import { MeasurementsApiModule } from './measurements/measurements.module';
import { MonitoringApiModule } from './monitoring/monitoring-api.module';
import { AlertsApiModule } from './alerts/alerts-api.module';
import { WebhooksApiModule } from './webhooks/webhooks-api.module';
import { GeometryApiModule } from './geometry/geometry-api.module';
import { StructuresApiModule } from './structures/structures.module';
import { UploadsApiModule } from './uploads/uploads.module';
import { WebAppModule } from './web/web-app.module';
import { AuthModule, JwtAuthGuard } from '@modalflow/auth';
import { AppConfigModule } from '@modalflow/config';
import { DatabaseModule } from '@modalflow/database';
import { MessagingModule } from '@modalflow/messaging';
import { ObservabilityModule } from '@modalflow/observability';

@Module({
  imports: [
    AppConfigModule,
    ObservabilityModule.forRoot({ appName: 'api', logRequests: true }),
    DatabaseModule.forRoot({ measures: true }),
    MessagingModule.forRoot({ rabbitmq: true, kafka: true }),
    AuthModule,
    StructuresApiModule,
    FetchJobsApiModule,
    AnalysesApiModule,
    LiveModule,
    UploadsApiModule,
    MonitoringApiModule,
    AlertsApiModule,
    WebhooksApiModule,
    GeometryApiModule,
    MeasurementsApiModule,
    WebAppModule,
  ],
  providers: [
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_PIPE, useValue: apiValidationPipe },
    RouteTable,
    { provide: APP_FILTER, useClass: ApiExceptionFilter },
  ],
})
export class ApiModule {}
