import type { ModuleMetadata } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { AppConfigModule } from '@modalflow/config';
import { DatabaseModule } from '@modalflow/database';
import { MessagingModule } from '@modalflow/messaging';
import { ObservabilityModule } from '@modalflow/observability';
import { dropIsolatedDatabases } from './databases';
import { isolatedDatabase } from './services';

/** A feature's Nest modules running in this process against the real services, in a database of their own. */
export interface FeatureContext {
  module: TestingModule;
  database: string;
  close(): Promise<void>;
}

/**
 * Boots `imports` (a feature's modules) with the kernel an app gives them: configuration, logs and
 * health, the main and measures databases (named for `suite`, dropped on close), RabbitMQ (the
 * run's vhost) and Kafka (the run's topics). `providers` may fake a collaborator outside the feature.
 */
export async function featureContext(
  suite: string,
  imports: NonNullable<ModuleMetadata['imports']>,
  providers: NonNullable<ModuleMetadata['providers']> = [],
): Promise<FeatureContext> {
  const database = isolatedDatabase(suite);
  process.env.MONGODB_DATABASE = database;
  process.env.MONGODB_DATABASE_MEASURES = `${database}_measures`;
  process.env.LOG_LEVEL ??= 'warn';
  const module = await Test.createTestingModule({
    imports: [
      AppConfigModule,
      ObservabilityModule.forRoot({ appName: `spec-${suite}` }),
      DatabaseModule.forRoot({ measures: true }),
      MessagingModule.forRoot({ rabbitmq: true, kafka: true }),
      ...imports,
    ],
    providers,
  }).compile();
  module.enableShutdownHooks();
  await module.init();
  return {
    module,
    database,
    close: async () => {
      await module.close();
      await dropIsolatedDatabases(database);
    },
  };
}
