import { Injectable } from '@nestjs/common';
import {
  DataProcessingMessage,
  FetchJobCounts,
  fetchJobStatusEvent,
  FetchJobStatus,
  HEADERS,
  fitsInMessage,
  QUEUES,
} from '@modalflow/contracts';
import {
  FetchJob,
  FetchJobRepository,
  FetchLedgerRepository,
  FetchResource,
  FinalTotals,
  LedgerCounts,
  SettledResource,
  Stored,
} from '@modalflow/database';
import { FieldStats, statsFromAccumulator } from '@modalflow/ingestion';
import { RabbitMqPublisher, StatusPublisher } from '@modalflow/messaging';
import { FetchJobCache } from './fetch-job-cache';

/** A job with its counts and running summary: from its ledger, or stored once it is DONE. */
export type FetchJobSnapshot = Omit<Stored<FetchJob>, 'counts' | 'final' | 'round_size_floor'> & {
  counts: FetchJobCounts;
  summary: Record<string, FieldStats>;
};

/** What a processing worker is handed of a resource. */
export type ResourceToProcess = Pick<
  FetchResource,
  'resource_id' | 'index' | 'creation_date' | 'data' | 'url'
>;

/** What the fetch and processing workers and the API share: status changes, hand-offs, completion. */
@Injectable()
export class FetchJobProgress {
  constructor(
    private readonly jobs: FetchJobRepository,
    private readonly ledger: FetchLedgerRepository,
    private readonly jobCache: FetchJobCache,
    private readonly queue: RabbitMqPublisher,
    private readonly status: StatusPublisher,
  ) {}

  async counts(job: Stored<FetchJob>): Promise<FetchJobCounts> {
    return { ...job.counts, ...(await this.totals(job)).counts };
  }

  /** The job as people see it: counts from the ledger and per-field statistics over its processed resources. */
  async snapshot(job: Stored<FetchJob>): Promise<FetchJobSnapshot> {
    // Internal fields: `final` is given as counts and summary.
    const { final, round_size_floor, ...rest } = job;
    void final;
    void round_size_floor;
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

  /** Moves the job and announces the change on Kafka; null (and silence) when it was not in `from`. */
  async transition(
    job: Stored<FetchJob>,
    from: FetchJobStatus[],
    to: FetchJobStatus,
    set: Record<string, unknown> = {},
  ): Promise<Stored<FetchJob> | null> {
    const moved = await this.jobs.transition(job.tenant_id, job.id, from, to, set);
    if (moved) await this.status.publish(fetchJobStatusEvent({ ...moved, counts: await this.counts(moved) }));
    return moved;
  }

  async fail(job: Stored<FetchJob>, reason: string): Promise<void> {
    await this.transition(job, ['QUEUED', 'FETCHING', 'PROCESSING'], 'ERROR', {
      last_error: reason,
      finished_at: new Date(),
    });
  }

  /**
   * Called by the worker that just settled a resource of `job` (as read when it picked the resource
   * up): counts it in the round's tally, and whoever sees the round's count reach its size ends the
   * job DONE.
   */
  async settled(job: Stored<FetchJob>, resource: SettledResource): Promise<void> {
    const settled = await this.ledger.tally(job.tenant_id, job.id, job.round, resource);
    // A PROCESSING job's round size is final. A job read while still FETCHING is read again, after
    // the resource is tallied, once the round may be complete: either this read sees PROCESSING, or
    // the fetch worker's count of the round, made after its move to PROCESSING, includes this
    // resource (completeIfAllSettled).
    if (job.status === 'FETCHING' && settled < (job.round_size_floor ?? 0)) return;
    const current = job.status === 'PROCESSING' ? job : await this.jobCache.latest(job.tenant_id, job.id);
    if (current?.status === 'PROCESSING' && current.round === job.round && settled >= current.round_size)
      await this.complete(current);
  }

  /**
   * A redelivered message of a resource that is already settled: its worker may have died between
   * settling it and tallying it, so tally it now unless it was (in the round it was settled in).
   */
  async settledBefore(job: Stored<FetchJob>, resourceKey: string): Promise<void> {
    const outcome = await this.ledger.outcomeOf(job.tenant_id, resourceKey);
    if (!outcome || outcome.round !== job.round) return;
    if (await this.ledger.isTallied(job.tenant_id, job.id, job.round, outcome.resource_id)) return;
    await this.settled(job, {
      resourceId: outcome.resource_id,
      status: outcome.status,
      fields: outcome.fields,
    });
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
        };
        return this.queue.publish(QUEUES.DATA_PROCESSING, message, {
          messageId: `${job.id}:${resource.resource_id}`,
          headers: { [HEADERS.MAX_ATTEMPTS]: job.max_attempts },
        });
      }),
    );
  }
}
