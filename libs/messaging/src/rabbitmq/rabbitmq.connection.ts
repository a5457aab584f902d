import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import amqp, { AmqpConnectionManager, ChannelWrapper, CreateChannelOpts } from 'amqp-connection-manager';
import { appConfig, AppConfig, rabbitmqConfig, RabbitmqConfig } from '@modalflow/config';
import { APP_NAME, HealthRegistry, ServiceUnavailableError } from '@modalflow/observability';

/**
 * The app's one RabbitMQ connection. amqp-connection-manager reconnects after a broker restart and
 * re-runs every channel's setup (queue declarations, consumers), so callers never hold a dead channel.
 */
@Injectable()
export class RabbitMqConnection implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RabbitMqConnection.name);
  private manager?: AmqpConnectionManager;
  private connected?: Promise<void>;

  constructor(
    @Inject(rabbitmqConfig.KEY) private readonly config: RabbitmqConfig,
    @Inject(appConfig.KEY) private readonly app: AppConfig,
    private readonly registry: HealthRegistry,
    private readonly indicator: HealthIndicatorService,
    @Inject(APP_NAME) private readonly appName: string,
  ) {}

  onModuleInit(): Promise<void> {
    return this.whenConnected();
  }

  /** Connects once; every user of the connection awaits this (Nest runs init hooks in parallel). */
  whenConnected(): Promise<void> {
    this.connected ??= this.connect();
    return this.connected;
  }

  private async connect(): Promise<void> {
    const manager = amqp.connect([this.config.url], {
      heartbeatIntervalInSeconds: this.config.url.heartbeat,
      reconnectTimeInSeconds: 1,
      connectionOptions: { clientProperties: { connection_name: `${this.appName}:${process.pid}` } },
    });
    this.manager = manager;
    manager.on('connect', () => this.logger.log(`connected to RabbitMQ at ${this.config.address}`));
    manager.on('disconnect', ({ err }) =>
      this.logger.warn(`lost RabbitMQ at ${this.config.address}: ${err?.message ?? 'closed'}; reconnecting`),
    );
    manager.on('blocked', ({ reason }) => this.logger.warn(`RabbitMQ blocked publishing: ${reason}`));
    try {
      await manager.connect({ timeout: this.app.startupTimeoutMs });
    } catch (error) {
      await manager.close();
      throw new ServiceUnavailableError(
        `RabbitMQ at ${this.config.address} is not reachable after ${this.app.startupTimeoutMs / 1000}s: ${(error as Error).message}`,
      );
    }
    this.registry.register('rabbitmq', async () => {
      const check = this.indicator.check('rabbitmq');
      return manager.isConnected()
        ? check.up()
        : check.down({ message: `not connected to ${this.config.address}` });
    });
  }

  async createChannel(options: CreateChannelOpts): Promise<ChannelWrapper> {
    await this.whenConnected();
    return this.manager!.createChannel(options);
  }

  /** Closes last, after consumers have drained (Nest calls shutdown hooks after the transports close). */
  async onApplicationShutdown(): Promise<void> {
    await this.manager?.close();
  }
}
