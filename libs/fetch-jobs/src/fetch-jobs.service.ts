import {
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { FetchJobFilter, NewFetchJob, ResourceFilter } from './fetch-job-requests';
import { ResourceListing } from './read/resource-listing';
import { ResourceView } from './read/resource-view';
import { EMPTY_FETCH_JOB_COUNTS, fetchJobStatusEvent } from './fetch-job-status';
import { StartFetchMessage } from './fetch-job.messages';
import { FetchJob } from './persistence/fetch-job.schema';
import { FetchJobRepository } from './persistence/fetch-job.repository';
import { FetchLedgerRepository } from './persistence/ledger/fetch-ledger.repository';
import { FetchOutcome } from './persistence/ledger/fetch-outcome.schema';
import { FetchResourceRepository } from './persistence/fetch-resource.repository';
import { FetchJobProgress, FetchJobSnapshot } from './fetch-job-progress';
import { workerConfig, WorkerConfig } from '@modalflow/config';
import { HEADERS, Principal, QUEUES, fieldError, checkIdempotencyKey } from '@modalflow/contracts';
import { outboxEntry, Page, Stored } from '@modalflow/database';
import { StructureRepository, requireStructure } from '@modalflow/structures';
import { OutboundPolicy, OutboundRefusedError } from '@modalflow/ingestion';
import { RabbitMqPublisher, StatusRelay } from '@modalflow/messaging';

@Injectable()
export class FetchJobsService {
  private readonly outbound: OutboundPolicy;

  constructor(
    private readonly structures: StructureRepository,
    private readonly jobs: FetchJobRepository,
    private readonly resourceRepository: FetchResourceRepository,
    private readonly ledger: FetchLedgerRepository,
    private readonly progress: FetchJobProgress,
    private readonly listing: ResourceListing,
    private readonly queue: RabbitMqPublisher,
    private readonly relay: StatusRelay,
    @Inject(workerConfig.KEY) private readonly worker: WorkerConfig,
  ) {
    this.outbound = OutboundPolicy.parse(worker.download.allowedHosts);
  }

  /**
   * Stores the job QUEUED and publishes it to start_fetch. A repeated idempotency key returns the
   * first job, or 422 when the request differs from the first one.
   */
  async create(
    principal: Principal,
    request: NewFetchJob,
    idempotencyKey?: string,
  ): Promise<FetchJobSnapshot> {
    checkIdempotencyKey(idempotencyKey);
    this.checkSourceUrl(request.sourceUrl);
    if (request.structureId) await requireStructure(this.structures, principal.tenantId, request.structureId);
    const maxAttempts = request.maxAttempts ?? this.worker.maxAttempts;
    const queuedEvent = (id: string) =>
      outboxEntry(
        fetchJobStatusEvent({
          id,
          tenant_id: principal.tenantId,
          user_id: principal.userId,
          status: 'QUEUED',
          counts: { ...EMPTY_FETCH_JOB_COUNTS },
        }),
      );
    const { job, created, event } = await this.jobs.createOnce(
      principal.tenantId,
      {
        user_id: principal.userId,
        source_url: request.sourceUrl,
        structure_id: request.structureId,
        max_attempts: maxAttempts,
        status: 'QUEUED',
        counts: { found: 0, valid: 0, invalid: 0 },
        round: 0,
        round_size: 0,
        idempotency_key: idempotencyKey ?? randomUUID(),
      },
      queuedEvent,
    );
    const sameRequest =
      job.source_url === request.sourceUrl &&
      (job.structure_id ?? undefined) === request.structureId &&
      job.max_attempts === maxAttempts;
    if (!created && !sameRequest) {
      throw new UnprocessableEntityException(
        'this Idempotency-Key was used for a different request; use a new key for a new job',
      );
    }
    if (created) {
      // QUEUED goes out before the fetch worker can make the next change.
      await this.relay.relay(this.jobs.outboxes(), job.id, event?.id);
      const message: StartFetchMessage = { job_id: job.id, tenant_id: job.tenant_id, user_id: job.user_id };
      await this.queue.publish(QUEUES.START_FETCH, message, {
        messageId: job.id,
        headers: { [HEADERS.MAX_ATTEMPTS]: job.max_attempts },
      });
    }
    return this.progress.snapshot(job);
  }

  async list(principal: Principal, query: FetchJobFilter): Promise<Page<FetchJobSnapshot>> {
    const { status, ...page } = query;
    const found = await this.jobs.findPage(principal.tenantId, status ? { status } : {}, page);
    return { ...found, items: await Promise.all(found.items.map((job) => this.progress.snapshot(job))) };
  }

  async get(principal: Principal, id: string): Promise<FetchJobSnapshot> {
    return this.progress.snapshot(await this.found(principal, id));
  }

  async listResources(principal: Principal, id: string, query: ResourceFilter): Promise<Page<ResourceView>> {
    const { status, ...page } = query;
    return this.listing.list(await this.found(principal, id), status, page);
  }

  /** The processed resources of a job, one at a time, for a streamed output.json. */
  async output(principal: Principal, id: string): Promise<AsyncIterable<FetchOutcome>> {
    const job = await this.found(principal, id);
    return this.ledger.streamProcessed(principal.tenantId, id, job.round);
  }

  /** Sends a job's FAILED resources through processing again, as a new round. */
  async retryFailed(principal: Principal, id: string): Promise<FetchJobSnapshot> {
    const job = await this.found(principal, id);
    if (job.status !== 'DONE') {
      throw new ConflictException(
        `fetch job ${id} is ${job.status}; failed resources can be retried once it is DONE`,
      );
    }
    const failed = await this.ledger.failedInRound(principal.tenantId, id, job.round);
    if (failed.length === 0) return this.progress.snapshot(job);
    const resources = await this.resourceRepository.entriesAt(
      principal.tenantId,
      id,
      failed.map((outcome) => outcome.index),
    );
    const reopened =
      (await this.progress.transition(job, ['DONE'], 'PROCESSING', {
        round: job.round + 1,
        round_size: resources.length,
        finished_at: null,
      })) ?? job;
    await this.progress.handOff(reopened, resources);
    return this.progress.snapshot(reopened);
  }

  /** What the fetch worker would refuse without resolving a name, refused now with a 400. */
  private checkSourceUrl(url: string): void {
    try {
      this.outbound.checkUrl(new URL(url));
    } catch (error) {
      if (error instanceof OutboundRefusedError)
        throw fieldError('sourceUrl', `is refused: ${error.message}`);
      throw error;
    }
  }

  private async found(principal: Principal, id: string): Promise<Stored<FetchJob>> {
    const job = await this.jobs.findById(principal.tenantId, id);
    if (!job) throw new NotFoundException(`fetch job ${id} not found`);
    return job;
  }
}
