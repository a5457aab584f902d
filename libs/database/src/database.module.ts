import { DynamicModule, Global, Inject, Module, OnModuleInit } from '@nestjs/common';
import { getConnectionToken, MongooseModule } from '@nestjs/mongoose';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Connection } from 'mongoose';
import { appConfig, AppConfig, mongoConfig, MongoConfig } from '@modalflow/config';
import { HealthRegistry, ServiceUnavailableError } from '@modalflow/observability';

export const MEASURES_CONNECTION = 'measures';
const SERVER_SELECTION_MS = 3000;

function connectionOptions(name: string | undefined, database: (c: MongoConfig) => string) {
  return MongooseModule.forRootAsync({
    connectionName: name,
    inject: [mongoConfig.KEY, appConfig.KEY],
    useFactory: (mongo: MongoConfig, app: AppConfig) => ({
      uri: mongo.uri,
      dbName: database(mongo),
      serverSelectionTimeoutMS: SERVER_SELECTION_MS,
      // Back off while the database is still starting, up to STARTUP_TIMEOUT in all.
      retryAttempts: Math.max(1, Math.ceil(app.startupTimeoutMs / (SERVER_SELECTION_MS + 1000))),
      retryDelay: 1000,
      connectionErrorFactory: (error: Error) =>
        new ServiceUnavailableError(`MongoDB at ${mongo.address} is not reachable: ${error.message}`),
    }),
  });
}

/** The MongoDB connections (main database, and the measures database when asked) with health checks. */
@Global()
@Module({})
export class DatabaseModule implements OnModuleInit {
  constructor(
    @Inject(getConnectionToken()) private readonly connection: Connection,
    private readonly registry: HealthRegistry,
    private readonly indicator: HealthIndicatorService,
  ) {}

  static forRoot(options: { measures?: boolean } = {}): DynamicModule {
    const imports = [connectionOptions(undefined, (c) => c.database)];
    if (options.measures) imports.push(connectionOptions(MEASURES_CONNECTION, (c) => c.measuresDatabase));
    return { module: DatabaseModule, imports, exports: [MongooseModule] };
  }

  onModuleInit(): void {
    this.registry.register('mongodb', async () => {
      const check = this.indicator.check('mongodb');
      try {
        await this.connection.db!.admin().ping();
        return check.up();
      } catch (error) {
        return check.down({ message: (error as Error).message });
      }
    });
  }
}
