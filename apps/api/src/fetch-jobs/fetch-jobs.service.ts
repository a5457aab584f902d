import {
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { workerConfig, WorkerConfig } from '@modalflow/config';
import {
  EMPTY_FETCH_JOB_COUNTS,
  fetchJobStatusEvent,
  HEADERS,
  Principal,
  QUEUES,
  StartFetchMessage,
} from '@modalflow/contracts';
import {
  FetchJob,
  FetchJobRepository,
  FetchLedgerRepository,
  FetchOutcome,
  FetchResourceRepository,
  outboxEntry,
  Page,
  Stored,
  StructureRepository,
} from '@modalflow/database';
import { OutboundPolicy, OutboundRefusedError } from '@modalflow/ingestion';
import { RabbitMqPublisher, StatusRelay } from '@modalflow/messaging';
import { FetchJobProgress, FetchJobSnapshot } from '@modalflow/pipeline';
import { fieldError } from '../common/field-error';
import { checkIdempotencyKey } from '../common/idempotency-key';
import { requireStructure } from '../structures/require-structure';
import { CreateFetchJobDto } from './dto/create-fetch-job.dto';
import { ListFetchJobsQuery } from './dto/list-fetch-jobs.query';
import { ListResourcesQuery } from './dto/list-resources.query';
import { ResourceListing } from './resource-listing';
import { ResourceView } from './resource-view';

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
    dto: CreateFetchJobDto,
    idempotencyKey?: string,
  ): Promise<FetchJobSnapshot> {
    checkIdempotencyKey(idempotencyKey);
    this.checkSourceUrl(dto.sourceUrl);
    if (dto.structureId) await requireStructure(this.structures, principal.tenantId, dto.structureId);
    const maxAttempts = dto.maxAttempts ?? this.worker.maxAttempts;
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
        source_url: dto.sourceUrl,
        structure_id: dto.structureId,
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
      job.source_url === dto.sourceUrl &&
      (job.structure_id ?? undefined) === dto.structureId &&
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

  async list(principal: Principal, query: ListFetchJobsQuery): Promise<Page<FetchJobSnapshot>> {
    const { status, ...page } = query;
    const found = await this.jobs.findPage(principal.tenantId, status ? { status } : {}, page);
    return { ...found, items: await Promise.all(found.items.map((job) => this.progress.snapshot(job))) };
  }

  async get(principal: Principal, id: string): Promise<FetchJobSnapshot> {
    return this.progress.snapshot(await this.found(principal, id));
  }

  async listResources(
    principal: Principal,
    id: string,
    query: ListResourcesQuery,
  ): Promise<Page<ResourceView>> {
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
