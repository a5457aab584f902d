import { INestApplication } from '@nestjs/common';
import { RabbitMqConnection } from './rabbitmq.connection';
import { WorkProgress } from './work-progress';
import { WorkQueueServer } from './work-queue.server';
import { appConfig, AppConfig, workerConfig, WorkerConfig } from '@modalflow/config';

/** Attaches the work-queue transport to a worker app: its @EventPattern handlers consume their queues. */
export function connectWorkQueues(app: INestApplication): void {
  const worker = app.get<WorkerConfig>(workerConfig.KEY);
  const runtime = app.get<AppConfig>(appConfig.KEY);
  const strategy = new WorkQueueServer(app.get(RabbitMqConnection), {
    prefetch: worker.concurrency,
    maxAttempts: worker.maxAttempts,
    retryDelayMs: worker.retryDelayMs,
    shutdownGraceMs: runtime.shutdownGraceMs,
    progress: app.get(WorkProgress),
  });
  app.connectMicroservice({ strategy }, { inheritAppConfig: true });
}
