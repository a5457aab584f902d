import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { workerConfig, WorkerConfig } from '@modalflow/config';
import { EMPTY_FETCH_JOB_COUNTS, Principal, QUEUES, StartFetchMessage } from '@modalflow/contracts';
import { FetchJob, FetchJobRepository, Page, Stored } from '@modalflow/database';
import { RabbitMqPublisher, StatusPublisher } from '@modalflow/messaging';
import { CreateFetchJobDto } from './dto/create-fetch-job.dto';
import { ListFetchJobsQuery } from './dto/list-fetch-jobs.query';

@Injectable()
export class FetchJobsService {
  constructor(
    private readonly jobs: FetchJobRepository,
    private readonly queue: RabbitMqPublisher,
    private readonly status: StatusPublisher,
    @Inject(workerConfig.KEY) private readonly worker: WorkerConfig,
  ) {}

  /** Stores the job QUEUED and publishes it to start_fetch; a repeated idempotency key returns the first job. */
  async create(
    principal: Principal,
    dto: CreateFetchJobDto,
    idempotencyKey?: string,
  ): Promise<Stored<FetchJob>> {
    const { job, created } = await this.jobs.createOnce(principal.tenantId, {
      user_id: principal.userId,
      source_url: dto.sourceUrl,
      structure_id: dto.structureId,
      max_attempts: dto.maxAttempts ?? this.worker.maxAttempts,
      status: 'QUEUED',
      counts: { ...EMPTY_FETCH_JOB_COUNTS },
      idempotency_key: idempotencyKey ?? randomUUID(),
    });
    if (!created) return job;
    const message: StartFetchMessage = { job_id: job.id, tenant_id: job.tenant_id, user_id: job.user_id };
    await this.queue.publish(QUEUES.START_FETCH, message, { messageId: job.id });
    await this.status.publish({
      tenant_id: job.tenant_id,
      user_id: job.user_id,
      document_id: job.id,
      run_type: 'FETCH',
      status: job.status,
      counts: { ...job.counts },
    });
    return job;
  }

  list(principal: Principal, query: ListFetchJobsQuery): Promise<Page<Stored<FetchJob>>> {
    const { status, ...page } = query;
    return this.jobs.findPage(principal.tenantId, status ? { status } : {}, page);
  }

  async get(principal: Principal, id: string): Promise<Stored<FetchJob>> {
    const job = await this.jobs.findById(principal.tenantId, id);
    if (!job) throw new NotFoundException(`fetch job ${id} not found`);
    return job;
  }
}
