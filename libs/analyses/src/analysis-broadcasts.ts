import { Injectable } from '@nestjs/common';
import { BroadcastPublisher } from '@modalflow/messaging';

/** A message on KAFKA_TOPIC_BROADCAST asking the OMA worker to stop an analysis. */
export interface AbortRequest {
  analysis_id: string;
}

/**
 * A message on KAFKA_TOPIC_BROADCAST telling idle OMA workers that a run was queued, so they claim
 * it now instead of at their next poll (SLEEP_TIME); a lost one only delays the run to that poll.
 */
export interface RunQueuedNotice {
  run_queued: string;
}

/** Sends abort requests and run wake-ups to every OMA worker replica. */
@Injectable()
export class AnalysisBroadcasts {
  constructor(private readonly publisher: BroadcastPublisher) {}

  /** Confirmed by every in-sync replica: a lost abort would leave a deleted analysis running. */
  requestAbort(request: AbortRequest): Promise<void> {
    return this.publisher.publish(request.analysis_id, request, { confirmed: true });
  }

  announceRun(notice: RunQueuedNotice): Promise<void> {
    return this.publisher.publish(notice.run_queued, notice, { confirmed: false });
  }
}

/** Whether a broadcast message says a run was queued. */
export function runQueued(text: string): boolean {
  try {
    const message: unknown = JSON.parse(text);
    return (
      typeof message === 'object' &&
      message !== null &&
      typeof (message as Record<string, unknown>).run_queued === 'string'
    );
  } catch {
    return false;
  }
}

/** The analysis id of an abort request, or undefined when the message is not one. */
export function abortTarget(text: string): string | undefined {
  try {
    const message: unknown = JSON.parse(text);
    if (typeof message !== 'object' || message === null) return undefined;
    const id = (message as Record<string, unknown>).analysis_id;
    return typeof id === 'string' && id !== '' ? id : undefined;
  } catch {
    return undefined;
  }
}
