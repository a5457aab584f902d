import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { AuthModule, JwtAuthGuard } from '@modalflow/auth';
import { AppConfigModule } from '@modalflow/config';
import { DatabaseModule } from '@modalflow/database';
import { MessagingModule } from '@modalflow/messaging';
import { ObservabilityModule } from '@modalflow/observability';
import { RouteTable } from './common/route-table';
import { ApiExceptionFilter } from './common/api-exception.filter';
import { apiValidationPipe } from './common/validation.pipe';
import { AnalysesModule } from './analyses/analyses.module';
import { FetchJobsModule } from './fetch-jobs/fetch-jobs.module';
import { LiveModule } from './live/live.module';
import { MonitoringApiModule } from './monitoring/monitoring-api.module';
import { StructuresModule } from './structures/structures.module';
import { UploadsModule } from './uploads/uploads.module';

@Module({
  imports: [
    AppConfigModule,
    ObservabilityModule.forRoot({ appName: 'api', logRequests: true }),
    DatabaseModule.forRoot({ measures: true }),
    MessagingModule.forRoot({ rabbitmq: true, kafka: true }),
    AuthModule,
    StructuresModule,
    FetchJobsModule,
    AnalysesModule,
    LiveModule,
    UploadsModule,
    MonitoringApiModule,
  ],
  providers: [
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_PIPE, useValue: apiValidationPipe },
    RouteTable,
    { provide: APP_FILTER, useClass: ApiExceptionFilter },
  ],
})
export class ApiModule {}
