import { Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import {
  appConfig,
  authConfig,
  kafkaConfig,
  mongoConfig,
  omaConfig,
  rabbitmqConfig,
  storageConfig,
  workerConfig,
  webhookConfig,
} from './namespaces';

@Global()
@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      cache: true,
      ignoreEnvFile: true,
      load: [
        appConfig,
        authConfig,
        mongoConfig,
        rabbitmqConfig,
        kafkaConfig,
        workerConfig,
        webhookConfig,
        omaConfig,
        storageConfig,
      ],
    }),
  ],
})
export class AppConfigModule {}
