import { DynamicModule, Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { HealthController } from './health.controller';
import { HealthRegistry } from './health-registry';
import { loggerOptions } from './logger.options';
import { MetricsController } from './metrics.controller';
import { appConfig, AppConfig } from '@modalflow/config';

/** Injection token: the running app's name (api, fetch-worker, ...). */
export const APP_NAME = 'MODALFLOW_APP_NAME';

export interface ObservabilityOptions {
  appName: string;
  /** Log every HTTP request (the API); workers only serve health and metrics. */
  logRequests?: boolean;
}

/** Structured logging, /health and /metrics for one app. */
@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(options: ObservabilityOptions): DynamicModule {
    return {
      module: ObservabilityModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [appConfig.KEY],
          useFactory: (config: AppConfig) =>
            loggerOptions(options.appName, config, options.logRequests ?? false),
        }),
        TerminusModule.forRoot({ errorLogStyle: 'json', gracefulShutdownTimeoutMs: 0 }),
        PrometheusModule.register({
          path: '/metrics',
          controller: MetricsController,
          defaultLabels: { app: options.appName },
          defaultMetrics: { enabled: true },
        }),
      ],
      controllers: [HealthController],
      providers: [HealthRegistry, { provide: APP_NAME, useValue: options.appName }],
      exports: [HealthRegistry, TerminusModule, APP_NAME],
    };
  }
}
