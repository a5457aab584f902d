import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
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
  Stored,
} from '@modalflow/database';
import { RabbitMqPublisher, StatusPublisher } from '@modalflow/messaging';
import { FetchJobProgress, FetchJobSnapshot } from '@modalflow/pipeline';
import { CreateFetchJobDto } from './dto/create-fetch-job.dto';
import { ListFetchJobsQuery } from './dto/list-fetch-jobs.query';
import { ListResourcesQuery } from './dto/list-resources.query';
import { ResourceView, resourceView } from './resource-view';

@Injectable()
export class FetchJobsService {
  constructor(
    private readonly jobs: FetchJobRepository,
    private readonly resourceRepository: FetchResourceRepository,
    private readonly ledger: FetchLedgerRepository,
    private readonly progress: FetchJobProgress,
    private readonly queue: RabbitMqPublisher,
    private readonly status: StatusPublisher,
    @Inject(workerConfig.KEY) private readonly worker: WorkerConfig,
  ) {}

  /** Stores the job QUEUED and publishes it to start_fetch; a repeated idempotency key returns the first job. */
  async create(
    principal: Principal,
    dto: CreateFetchJobDto,
    idempotencyKey?: string,
  ): Promise<FetchJobSnapshot> {
    const { job, created } = await this.jobs.createOnce(principal.tenantId, {
      user_id: principal.userId,
      source_url: dto.sourceUrl,
      structure_id: dto.structureId,
      max_attempts: dto.maxAttempts ?? this.worker.maxAttempts,
      status: 'QUEUED',
      counts: { found: 0, valid: 0, invalid: 0 },
      round: 0,
      round_size: 0,
      idempotency_key: idempotencyKey ?? randomUUID(),
    });
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
    await this.found(principal, id);
    const tenantId = principal.tenantId;
    const { status, ...page } = query;
    if (status === 'DONE' || status === 'FAILED') {
      const outcomes = await this.ledger.outcomePage(tenantId, id, status, page);
      const items = await Promise.all(
        outcomes.items.map(async (outcome) => {
          const entry = await this.resourceRepository.findById(tenantId, outcome._id);
          return entry && resourceView(entry, outcome);
        }),
      );
      return { ...outcomes, items: items.filter((item) => item !== null) };
    }
    if (status === 'QUEUED') {
      // Stored QUEUED and not settled: the two collections have no join on FerretDB, so in memory.
      const [entries, settled] = await Promise.all([
        this.resourceRepository.queuedEntries(tenantId, id),
        this.ledger.settledKeys(tenantId, id),
      ]);
      const waiting = entries.filter((entry) => !settled.has(entry.id));
      return {
        items: waiting.slice(page.offset, page.offset + page.limit).map((entry) => resourceView(entry, null)),
        total: waiting.length,
        ...page,
      };
    }
    const found = await this.resourceRepository.findPage(
      tenantId,
      { job_id: id, ...(status ? { status } : {}) },
      page,
      { index: 1 },
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
    const entries = await Promise.all(
      failed.map((outcome) => this.resourceRepository.findById(principal.tenantId, outcome._id)),
    );
    const resources = entries.filter((entry) => entry !== null);
    const reopened =
      (await this.progress.transition(job, ['DONE'], 'PROCESSING', {
        round: job.round + 1,
        round_size: resources.length,
        finished_at: null,
      })) ?? job;
    await this.progress.handOff(reopened, resources);
    return this.progress.snapshot(reopened);
  }

  private async found(principal: Principal, id: string): Promise<Stored<FetchJob>> {
    const job = await this.jobs.findById(principal.tenantId, id);
    if (!job) throw new NotFoundException(`fetch job ${id} not found`);
    return job;
  }
}
