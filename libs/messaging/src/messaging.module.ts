import { DynamicModule, Module, Provider } from '@nestjs/common';
import { KafkaConnection } from './kafka/kafka.connection';
import { StatusPublisher } from './kafka/status.publisher';
import { StatusRelay } from './kafka/status-relay';
import { BroadcastPublisher } from './kafka/broadcast.publisher';
import { RabbitMqConnection } from './rabbitmq/rabbitmq.connection';
import { RabbitMqPublisher } from './rabbitmq/rabbitmq.publisher';
import { WORK_METRIC_PROVIDERS, WorkProgress } from './rabbitmq/work-progress';

export interface MessagingOptions {
  rabbitmq?: boolean;
  kafka?: boolean;
  /** A worker consuming work queues (connectWorkQueues): its progress watch and metrics. */
  workQueues?: boolean;
}

/** Connections to the brokers an app uses, each with its health check. */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    const providers: Provider[] = [];
    if (options.rabbitmq) providers.push(RabbitMqConnection, RabbitMqPublisher);
    if (options.kafka) providers.push(KafkaConnection, StatusPublisher, StatusRelay, BroadcastPublisher);
    if (options.workQueues) providers.push(WorkProgress, ...WORK_METRIC_PROVIDERS);
    return { module: MessagingModule, global: true, providers, exports: providers };
  }
}
