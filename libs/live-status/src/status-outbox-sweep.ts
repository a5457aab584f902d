import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AlertRepository } from '@modalflow/alerts';
import { AnalysisRepository } from '@modalflow/analyses';
import { FetchJobRepository } from '@modalflow/fetch-jobs';
import { ModeTrackingRepository } from '@modalflow/monitoring';
import { StructureRepository } from '@modalflow/structures';
import { ageOf, StatusRelay } from '@modalflow/messaging';

const SWEEP_EVERY_MS = 30_000;
/** Younger entries are being relayed by the process that made the change. */
const LEFT_AFTER_MS = 10_000;
const DOCUMENTS_PER_SWEEP = 500;

/**
 * Relays the status events a process left in outboxes when it died between a change and its relay
 * (StatusRelay retries everything else itself). Runs in the API, at start and every 30 s; the query
 * for documents with pending events is not a lookup by `_id`, but it runs over one document per job
 * per analysis, per monitoring rule and per alert, never per resource.
 */
@Injectable()
export class StatusOutboxSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(StatusOutboxSweep.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly jobs: FetchJobRepository,
    private readonly analyses: AnalysisRepository,
    private readonly structures: StructureRepository,
    private readonly tracking: ModeTrackingRepository,
    private readonly alerts: AlertRepository,
    private readonly relay: StatusRelay,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
    this.timer.unref();
    void this.sweep();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Relays what was left; resolves with how many documents had events left behind. */
  async sweep(now = Date.now()): Promise<number> {
    try {
      const sources = [
        this.jobs.outboxes(),
        this.tracking.outboxes(),
        this.alerts.outboxes(),
        ...(await this.structures.allIds()).map((id) => this.analyses.outboxes(id)),
      ];
      let left = 0;
      for (const source of sources) {
        for (const id of await source.withPending(DOCUMENTS_PER_SWEEP)) {
          const [oldest] = await source.pending(id);
          if (!oldest || ageOf(oldest, now) < LEFT_AFTER_MS) continue;
          left++;
          await this.relay.relay(source, id);
        }
      }
      if (left > 0) this.logger.log(`relayed the status events left in ${left} documents`);
      return left;
    } catch (error) {
      this.logger.warn(`status outbox sweep failed: ${(error as Error).message}`);
      return 0;
    }
  }
}
