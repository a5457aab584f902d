import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { omaConfig, OmaConfig } from '@modalflow/config';
import { RunQueueRepository, AnalysisExecutor, AnalysisRunService, WORKER_ID } from '@modalflow/analyses';

const CANDIDATES_PER_POLL = 5;

/**
 * Polls the run queue: claims one run at a time and runs it; looks again at once after a run and
 * sleeps SLEEP_TIME only when nothing could be claimed, or until a queued-run notice wakes it
 * (BroadcastListener). Polling stays for runs queued by other writers and for lost notices.
 */
@Injectable()
export class RunPoller implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RunPoller.name);
  private readonly stop = new AbortController();
  private loop?: Promise<void>;
  /** Ends the current idle sleep; a wake-up while busy makes the next sleep not start. */
  private idle?: AbortController;
  private woken = false;

  constructor(
    private readonly queue: RunQueueRepository,
    private readonly runs: AnalysisRunService,
    private readonly executor: AnalysisExecutor,
    @Inject(omaConfig.KEY) private readonly config: OmaConfig,
    @Inject(WORKER_ID) private readonly workerId: string,
  ) {}

  onApplicationBootstrap(): void {
    this.logger.log(
      `worker ${this.workerId} polling the run queue every ${this.config.sleepTimeMs / 1000} s when idle`,
    );
    this.loop = this.executor.warmUp().then(() => this.poll());
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stop.abort();
    this.runs.interruptForShutdown();
    await this.loop;
  }

  private async poll(): Promise<void> {
    while (!this.stop.signal.aborted) {
      let ran = false;
      try {
        ran = await this.runOne();
      } catch (error) {
        this.logger.warn(`polling the run queue failed: ${(error as Error).message}`);
      }
      if (!ran && !this.woken) await this.sleepUntilWoken();
      this.woken = false;
    }
  }

  /** A run was queued: look at the queue now (when idle) or right after the current run. */
  wake(): void {
    this.woken = true;
    this.idle?.abort();
  }

  private async sleepUntilWoken(): Promise<void> {
    this.idle = new AbortController();
    const signal = AbortSignal.any([this.stop.signal, this.idle.signal]);
    await sleep(this.config.sleepTimeMs, undefined, { signal }).catch(() => undefined);
    this.idle = undefined;
  }

  private async runOne(): Promise<boolean> {
    for (const entry of await this.queue.claimable(new Date(), CANDIDATES_PER_POLL)) {
      if (this.stop.signal.aborted) return false;
      const claimed = await this.queue.claim(entry, this.workerId, this.config.leaseMs);
      if (!claimed) continue;
      await this.runs.run(claimed);
      return true;
    }
    return false;
  }
}
