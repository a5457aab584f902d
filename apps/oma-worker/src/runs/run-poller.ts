import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { omaConfig, OmaConfig } from '@modalflow/config';
import { RunQueueRepository } from '@modalflow/database';
import { AnalysisExecutor } from './analysis-executor';
import { AnalysisRunService } from './analysis-run.service';
import { WORKER_ID } from './worker-id';

const CANDIDATES_PER_POLL = 5;

/**
 * Polls the run queue: claims one run at a time and runs it; looks again at once after a run and
 * sleeps SLEEP_TIME only when nothing could be claimed.
 */
@Injectable()
export class RunPoller implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RunPoller.name);
  private readonly stop = new AbortController();
  private loop?: Promise<void>;

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
      if (!ran)
        await sleep(this.config.sleepTimeMs, undefined, { signal: this.stop.signal }).catch(() => undefined);
    }
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
