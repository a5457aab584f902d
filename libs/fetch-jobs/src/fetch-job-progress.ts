import { Injectable } from '@nestjs/common';
import { FetchJobCache } from './fetch-job-cache';
import { DataProcessingMessage, fitsInMessage } from './fetch-job.messages';
import { movesInto } from '@modalflow/contracts';
import { FETCH_JOB_MOVES, FetchJobCounts, fetchJobStatusEvent, FetchJobStatus } from './fetch-job-status';
import { FetchJob, FinalTotals } from './persistence/fetch-job.schema';
import { FetchJobChanges, FetchJobRepository } from './persistence/fetch-job.repository';
import {
  FetchLedgerRepository,
  LedgerCounts,
  SettledResource,
} from './persistence/ledger/fetch-ledger.repository';
import { FetchResource } from './index-entry';
import { HEADERS, QUEUES } from '@modalflow/contracts';
import { DocumentOutboxes, outboxEntry, Stored } from '@modalflow/database';
import { FieldStats, statsFromAccumulator } from '@modalflow/ingestion';
import { RabbitMqPublisher, StatusRelay } from '@modalflow/messaging';

/** A job with its counts and running summary: from its ledger, or stored once it is DONE. */
export type FetchJobSnapshot = Omit<Stored<FetchJob>, 'counts' | 'final' | 'round_size_floor' | 'outbox'> & {
  counts: FetchJobCounts;
  summary: Record<string, FieldStats>;
};

/** What a processing worker is handed of a resource. */
export type ResourceToProcess = Pick<
  FetchResource,
  'resource_id' | 'index' | 'creation_date' | 'data' | 'url' | 'environment'
>;

/** What the fetch and processing workers and the API share: status changes, hand-offs, completion. */
@Injectable()
export class FetchJobProgress {
  private readonly outboxes: DocumentOutboxes;

  constructor(
    private readonly jobs: FetchJobRepository,
    private readonly ledger: FetchLedgerRepository,
    private readonly jobCache: FetchJobCache,
    private readonly queue: RabbitMqPublisher,
    private readonly relay: StatusRelay,
  ) {
    this.outboxes = jobs.outboxes();
  }

  async counts(job: Stored<FetchJob>): Promise<FetchJobCounts> {
    return { ...job.counts, ...(await this.totals(job)).counts };
  }

  /** The job as people see it: counts from the ledger and per-field statistics over its processed resources. */
  async snapshot(job: Stored<FetchJob>): Promise<FetchJobSnapshot> {
    // Internal fields: `final` is given as counts and summary.
    const { final, round_size_floor, outbox, ...rest } = job;
    void final;
    void round_size_floor;
    void outbox;
    const { counts, summary } = await this.totals(job);
    return { ...rest, counts: { ...job.counts, ...counts }, summary };
  }

  /** A DONE job's stored totals, or the ledger's. */
  private async totals(
    job: Stored<FetchJob>,
  ): Promise<{ counts: LedgerCounts; summary: Record<string, FieldStats> }> {
    if (job.status === 'DONE' && job.final) {
      const { summary, ...counts } = job.final;
      return { counts, summary: Object.fromEntries(summary.map(({ field, ...stats }) => [field, stats])) };
    }
    const { counts, fields } = await this.ledger.totals(job.tenant_id, job.id, job.round);
    const summary: Record<string, FieldStats> = {};
    for (const [field, acc] of fields) summary[field] = statsFromAccumulator(acc);
    return { counts, summary };
  }

  /**
   * Moves the job (only from one of `from`, which FETCH_JOB_MOVES must allow), its status event
   * stored by the same update, then relays the event to Kafka (now, or once Kafka is back: see
   * StatusRelay); null (and silence) when the job was not in `from`.
   */
  async transition(
    job: Stored<FetchJob>,
    from: FetchJobStatus[],
    to: FetchJobStatus,
    set: FetchJobChanges = {},
  ): Promise<Stored<FetchJob> | null> {
    movesInto(FETCH_JOB_MOVES, to, from);
    // A job already in `to` (a redelivered start) moves without a second announcement.
    if (job.status === to) return this.jobs.transition(job.tenant_id, job.id, [to], to, set);
    const next = { ...job, ...set, status: to } as Stored<FetchJob>;
    const event = outboxEntry(fetchJobStatusEvent({ ...next, counts: await this.counts(next) }));
    const moved = await this.jobs.transition(job.tenant_id, job.id, from, to, set, event);
    if (moved) await this.relay.relay(this.outboxes, job.id, event.id);
    return moved;
  }

  async fail(job: Stored<FetchJob>, reason: string): Promise<void> {
    await this.transition(job, ['QUEUED', 'FETCHING', 'PROCESSING'], 'ERROR', {
      last_error: reason,
      finished_at: new Date(),
    });
  }

  /**
   * Called by the worker that handled a resource of `job` (as read when it picked the resource up)
   * with the outcome that stands for it, whether its own insert settled it or an earlier delivery's
   * did (its worker may have died before counting it): counts it in the round's ledger (at most
   * once, whatever the repeats), and whoever sees the round's count reach its size ends the job DONE.
   */
  async settled(job: Stored<FetchJob>, resource: SettledResource): Promise<void> {
    const settled = await this.ledger.count(job.tenant_id, job.id, resource);
    // A PROCESSING job's round size is final. A job read while still FETCHING is read again, after
    // the resource is counted, once the round may be complete: either this read sees PROCESSING, or
    // the fetch worker's count of the round, made after its move to PROCESSING, includes this
    // resource (completeIfAllSettled).
    if (job.status === 'FETCHING' && settled < (job.round_size_floor ?? 0)) return;
    const current = job.status === 'PROCESSING' ? job : await this.jobCache.latest(job.tenant_id, job.id);
    if (current?.status === 'PROCESSING' && current.round === job.round && settled >= current.round_size)
      await this.complete(current);
  }

  /**
   * Called by whoever moved the job to PROCESSING: resources may all have been settled while it was
   * still FETCHING, when their workers could not yet end it.
   */
  async completeIfAllSettled(job: Stored<FetchJob>): Promise<void> {
    if ((await this.ledger.settledInRound(job.tenant_id, job.id, job.round)) >= job.round_size)
      await this.complete(job);
  }

  /** Both paths above may see the end at once: the milestone mark lets only one announce it. */
  private async complete(job: Stored<FetchJob>): Promise<void> {
    if (!(await this.ledger.mark(job.tenant_id, job.id, `${job.id}:DONE:${job.round}`, 'milestone'))) return;
    const { counts, summary } = await this.totals(job);
    const final: FinalTotals = {
      ...counts,
      summary: Object.entries(summary).map(([field, stats]) => ({ field, ...stats })),
    };
    await this.transition(job, ['PROCESSING'], 'DONE', { finished_at: new Date(), final });
  }

  /**
   * Hands resources to the processing workers, persistently and with confirms. Small inline data
   * travels in the message; larger data is read from the stored resource by the worker.
   */
  async handOff(job: Stored<FetchJob>, resources: ResourceToProcess[]): Promise<void> {
    await Promise.all(
      resources.map((resource) => {
        const inline = fitsInMessage(resource.data);
        const message: DataProcessingMessage = {
          job_id: job.id,
          tenant_id: job.tenant_id,
          user_id: job.user_id,
          round: job.round,
          resource_id: resource.resource_id,
          index: resource.index,
          creation_date: resource.creation_date!.toISOString(),
          ...(resource.url ? { url: resource.url } : {}),
          ...(inline ? { data: resource.data } : {}),
          ...(resource.environment ? { environment: resource.environment } : {}),
        };
        return this.queue.publish(QUEUES.DATA_PROCESSING, message, {
          messageId: `${job.id}:${resource.resource_id}`,
          headers: { [HEADERS.MAX_ATTEMPTS]: job.max_attempts },
        });
      }),
    );
  }
}
