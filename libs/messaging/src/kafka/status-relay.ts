import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { StatusPublisher } from './status.publisher';

/** A status change stored with the document it changed, waiting to be published (JSON text). */
export interface PendingStatusEvent {
  id: string;
  event: string;
}

/** Where a document's pending status events live (libs/database's outboxes). */
export interface PendingStatusEvents {
  readonly name: string;
  pending(documentId: string): Promise<PendingStatusEvent[]>;
  remove(documentId: string, entry: PendingStatusEvent): Promise<void>;
}

const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 15_000;
/** How long another process's entry ahead of ours is left to it before we send it ourselves. */
const TAKE_OVER_AFTER_MS = 3000;
const WAIT_STEP_MS = 25;

interface Relayed {
  source: PendingStatusEvents;
  documentId: string;
  /** The entry this process wrote (see relay); undefined: send all of them. */
  mine?: string;
}

/**
 * Publishes the status events that changes left in their documents' outboxes, in the order of the
 * changes, and removes each once Kafka has it. Called by the process that made a change, right after
 * it, with the id of its entry: entries ahead of it that another process wrote are left to that
 * process for a moment (it is sending them), so one event is not sent by two processes, and ours
 * goes out after them. When Kafka (or the database) is away it keeps the document and tries again
 * with a growing delay, so a change never fails or is undone because its event could not be sent,
 * and the event goes out once Kafka is back. A document left by a process that died is found by the
 * sweep (StatusOutboxSweep in the API). Delivery is at least once.
 */
@Injectable()
export class StatusRelay implements OnApplicationShutdown {
  private readonly logger = new Logger(StatusRelay.name);
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly waiting = new Map<string, Relayed>();
  private retryDelay = RETRY_FIRST_MS;
  private retryTimer?: NodeJS.Timeout;

  constructor(private readonly publisher: StatusPublisher) {}

  /**
   * Relays a document's pending events up to and including `mine` (all of them when undefined);
   * never throws (what is not sent now is retried).
   */
  relay(source: PendingStatusEvents, documentId: string, mine?: string): Promise<void> {
    const key = `${source.name}:${documentId}`;
    const previous = this.inFlight.get(key) ?? Promise.resolve();
    const next = previous.then(() => this.send(key, { source, documentId, mine }));
    this.inFlight.set(key, next);
    void next.finally(() => {
      if (this.inFlight.get(key) === next) this.inFlight.delete(key);
    });
    return next;
  }

  /** Documents whose events wait for Kafka or the database to come back. */
  get backlog(): number {
    return this.waiting.size;
  }

  private async send(key: string, relayed: Relayed): Promise<void> {
    const { source, documentId, mine } = relayed;
    try {
      const deadline = Date.now() + TAKE_OVER_AFTER_MS;
      for (;;) {
        const pending = await source.pending(documentId);
        const upTo =
          mine === undefined ? pending.length : pending.findIndex((entry) => entry.id === mine) + 1;
        // Someone else's fresh entry ahead of ours: its writer is sending it; ours waits its turn.
        const othersAhead = pending.slice(0, Math.max(0, upTo - 1)).some((entry) => !isOld(entry));
        if (mine !== undefined && othersAhead && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
          continue;
        }
        for (const entry of pending.slice(0, upTo)) {
          await this.publisher.publishText(documentId, entry.event);
          await source.remove(documentId, entry);
        }
        break;
      }
      this.waiting.delete(key);
    } catch (error) {
      if (!this.waiting.has(key))
        this.logger.warn(
          `status events of ${key} not sent yet (${(error as Error).message}); retrying until they are`,
        );
      this.waiting.set(key, relayed);
      this.scheduleRetry();
    }
  }

  private scheduleRetry(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      const waiting = [...this.waiting.values()];
      void Promise.all(
        waiting.map(({ source, documentId, mine }) => this.relay(source, documentId, mine)),
      ).then(() => {
        if (this.waiting.size === 0) this.retryDelay = RETRY_FIRST_MS;
        else {
          this.retryDelay = Math.min(this.retryDelay * 2, RETRY_MAX_MS);
          this.scheduleRetry();
        }
      });
    }, this.retryDelay);
    this.retryTimer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.retryTimer);
    await Promise.all(this.inFlight.values());
  }
}

/** How long ago the change behind an entry was made (its event's `at`; NaN when it has none). */
export function ageOf(entry: PendingStatusEvent, now = Date.now()): number {
  return now - Date.parse((JSON.parse(entry.event) as { at?: string }).at ?? '');
}

/** An entry older than TAKE_OVER_AFTER_MS (or of no known age): its writer has had its chance. */
function isOld(entry: PendingStatusEvent): boolean {
  return !(ageOf(entry) < TAKE_OVER_AFTER_MS);
}
