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
  Page,
  PageRequest,
  Stored,
  StructureRepository,
} from '@modalflow/database';
import { OutboundPolicy, OutboundRefusedError } from '@modalflow/ingestion';
import { RabbitMqPublisher, StatusPublisher } from '@modalflow/messaging';
import { FetchJobProgress, FetchJobSnapshot } from '@modalflow/pipeline';
import { fieldError } from '../common/field-error';
import { CreateFetchJobDto } from './dto/create-fetch-job.dto';
import { ListFetchJobsQuery } from './dto/list-fetch-jobs.query';
import { ListResourcesQuery } from './dto/list-resources.query';
import { ResourceView, resourceView } from './resource-view';

const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

@Injectable()
export class FetchJobsService {
  private readonly outbound: OutboundPolicy;

  constructor(
    private readonly structures: StructureRepository,
    private readonly jobs: FetchJobRepository,
    private readonly resourceRepository: FetchResourceRepository,
    private readonly ledger: FetchLedgerRepository,
    private readonly progress: FetchJobProgress,
    private readonly queue: RabbitMqPublisher,
    private readonly status: StatusPublisher,
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
    if (idempotencyKey !== undefined && idempotencyKey.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
      throw fieldError('Idempotency-Key', `must be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`);
    }
    this.checkSourceUrl(dto.sourceUrl);
    if (dto.structureId && !(await this.structures.findById(principal.tenantId, dto.structureId))) {
      throw new NotFoundException(`structure ${dto.structureId} not found`);
    }
    const maxAttempts = dto.maxAttempts ?? this.worker.maxAttempts;
    const { job, created } = await this.jobs.createOnce(principal.tenantId, {
      user_id: principal.userId,
      source_url: dto.sourceUrl,
      structure_id: dto.structureId,
      max_attempts: maxAttempts,
      status: 'QUEUED',
      counts: { found: 0, valid: 0, invalid: 0 },
      round: 0,
      round_size: 0,
      idempotency_key: idempotencyKey ?? randomUUID(),
    });
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
      const message: StartFetchMessage = { job_id: job.id, tenant_id: job.tenant_id, user_id: job.user_id };
      await this.queue.publish(QUEUES.START_FETCH, message, {
        messageId: job.id,
        headers: { [HEADERS.MAX_ATTEMPTS]: job.max_attempts },
      });
      await this.status.publish(fetchJobStatusEvent({ ...job, counts: { ...EMPTY_FETCH_JOB_COUNTS } }));
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
    const job = await this.found(principal, id);
    const tenantId = principal.tenantId;
    const { status, ...page } = query;
    if (status === 'DONE' || status === 'FAILED') {
      const outcomes = await this.ledger.outcomePage(tenantId, id, status, page);
      const entries = await this.resourceRepository.entriesAt(
        tenantId,
        id,
        outcomes.items.map((outcome) => outcome.index),
      );
      const entryAt = new Map(entries.map((entry) => [entry.index, entry]));
      const items = outcomes.items.flatMap((outcome) => {
        const entry = entryAt.get(outcome.index);
        return entry ? [resourceView(entry, outcome)] : [];
      });
      return { ...outcomes, items };
    }
    // Once fetched, the job knows how long its index is; before, the stored pages are counted.
    const fetched = isFetched(job);
    if (status === 'INVALID') {
      const found = await this.resourceRepository.invalidRange(
        tenantId,
        id,
        page,
        fetched ? job.counts.invalid : undefined,
      );
      return { ...found, items: found.items.map((entry) => resourceView(entry, null)) };
    }
    if (status === 'QUEUED') return this.queuedResources(job, page);
    const found = await this.resourceRepository.range(
      tenantId,
      id,
      page,
      fetched ? job.counts.found : undefined,
    );
    const items = await Promise.all(
      found.items.map(async (entry) =>
        resourceView(
          entry,
          entry.status === 'QUEUED' ? await this.ledger.outcomeOf(tenantId, entry.id) : null,
        ),
      ),
    );
    return { ...found, items };
  }

  /**
   * Valid resources not settled yet, read page by page in index order until the page is full (one
   * index page in memory at a time). Once the job is fetched its counts give the total, and a job
   * with nothing left to settle is answered without reading its index.
   */
  private async queuedResources(job: Stored<FetchJob>, page: PageRequest): Promise<Page<ResourceView>> {
    const fetched = isFetched(job);
    const { counts } = await this.progress.snapshot(job);
    const remaining = fetched ? Math.max(0, counts.valid - counts.processed - counts.failed) : undefined;
    const items: ResourceView[] = [];
    if (remaining === 0 || page.offset >= (remaining ?? Infinity))
      return { items, total: remaining ?? 0, ...page };
    let seen = 0;
    for await (const entries of this.resourceRepository.entriesInOrder(job.tenant_id, job.id)) {
      const queued = entries.filter((entry) => entry.status === 'QUEUED');
      const outcomes = await Promise.all(
        queued.map((entry) => this.ledger.outcomeOf(job.tenant_id, entry.id)),
      );
      for (const [i, entry] of queued.entries()) {
        if (outcomes[i]) continue;
        if (seen >= page.offset && items.length < page.limit) items.push(resourceView(entry, null));
        seen++;
      }
      if (items.length === page.limit && remaining !== undefined) break;
    }
    return { items, total: remaining ?? seen, ...page };
  }

  /** The processed resources of a job, one at a time, for a streamed output.json. */
  async output(principal: Principal, id: string): Promise<AsyncIterable<FetchOutcome>> {
    await this.found(principal, id);
    return this.ledger.streamProcessed(principal.tenantId, id);
  }

  /** Sends a job's FAILED resources through processing again, as a new round. */
  async retryFailed(principal: Principal, id: string): Promise<FetchJobSnapshot> {
    const job = await this.found(principal, id);
    if (job.status !== 'DONE') {
      throw new ConflictException(
        `fetch job ${id} is ${job.status}; failed resources can be retried once it is DONE`,
      );
    }
    const failed = await this.ledger.reopenFailed(principal.tenantId, id);
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

/** Whether the fetch worker has stored the job's whole index (and so its counts are final). */
function isFetched(job: Stored<FetchJob>): boolean {
  return job.status === 'PROCESSING' || job.status === 'DONE';
}
