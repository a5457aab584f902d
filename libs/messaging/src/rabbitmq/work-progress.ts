import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { InjectMetric, makeCounterProvider, makeGaugeProvider } from '@willsoto/nestjs-prometheus';
import type { Counter, Gauge } from 'prom-client';
import type { WorkOutcome, WorkProgressListener } from './work-queue.server';
import { workerConfig, WorkerConfig } from '@modalflow/config';
import { HealthRegistry } from '@modalflow/observability';

export const WORK_METRICS = {
  messages: 'modalflow_work_messages_total',
  inHand: 'modalflow_work_in_hand',
  lastProgress: 'modalflow_work_last_progress_timestamp_seconds',
} as const;

export const WORK_METRIC_PROVIDERS = [
  makeCounterProvider({
    name: WORK_METRICS.messages,
    help: 'Work-queue messages settled, by queue and outcome (ack, retry, dead_letter, returned)',
    labelNames: ['queue', 'outcome'],
  }),
  makeGaugeProvider({ name: WORK_METRICS.inHand, help: 'Work-queue messages delivered and not yet settled' }),
  makeGaugeProvider({
    name: WORK_METRICS.lastProgress,
    help: 'When this worker last settled a message or reported progress (stalled: in_hand > 0 and long ago)',
  }),
];

/**
 * Whether a worker is making progress: it holds messages, and settles them or its handlers report
 * progress (Delivery.heartbeat). One that holds messages and does neither for WORK_STALL_TIMEOUT is
 * stalled (a hung handler, a dependency call that never returns): /health answers 503 with the
 * reason, so an orchestrator restarts it and its messages go to another replica. Idle time without
 * messages is not a stall.
 */
@Injectable()
export class WorkProgress implements OnModuleInit, WorkProgressListener {
  private inHand = 0;
  private lastProgressMs = Date.now();

  constructor(
    private readonly registry: HealthRegistry,
    private readonly indicator: HealthIndicatorService,
    @Inject(workerConfig.KEY) private readonly worker: WorkerConfig,
    @InjectMetric(WORK_METRICS.messages) private readonly messages: Counter<string>,
    @InjectMetric(WORK_METRICS.inHand) private readonly inHandGauge: Gauge<string>,
    @InjectMetric(WORK_METRICS.lastProgress) private readonly lastProgressGauge: Gauge<string>,
  ) {}

  onModuleInit(): void {
    this.progressed();
    this.registry.register('work', async () => {
      const check = this.indicator.check('work');
      const stalledMs = this.stalledForMs();
      if (stalledMs === 0) return check.up({ in_hand: this.inHand });
      return check.down({
        in_hand: this.inHand,
        message:
          `no progress for ${Math.round(stalledMs / 1000)} s while holding ${this.inHand} message(s) ` +
          `(WORK_STALL_TIMEOUT ${this.worker.stallTimeoutMs / 1000} s)`,
      });
    });
  }

  delivered(): void {
    if (this.inHand === 0) this.progressed(); // the stall clock starts with the work
    this.inHandGauge.set(++this.inHand);
  }

  settled(queue: string, outcome: WorkOutcome): void {
    this.inHandGauge.set((this.inHand = Math.max(0, this.inHand - 1)));
    this.messages.inc({ queue, outcome });
    this.progressed();
  }

  /** A long handler's sign of life (Delivery.heartbeat). */
  progressed(): void {
    this.lastProgressMs = Date.now();
    this.lastProgressGauge.set(this.lastProgressMs / 1000);
  }

  /** How long it has been stalled, or 0. */
  stalledForMs(now = Date.now()): number {
    const idle = now - this.lastProgressMs;
    return this.inHand > 0 && idle > this.worker.stallTimeoutMs ? idle : 0;
  }
}
