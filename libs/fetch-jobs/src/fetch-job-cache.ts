import { Injectable } from '@nestjs/common';
import { FetchJob } from './persistence/fetch-job.schema';
import { FetchJobRepository } from './persistence/fetch-job.repository';
import { Stored } from '@modalflow/database';

type JobRead = Promise<Stored<FetchJob> | null>;

interface ReadAfterAsking {
  running?: JobRead;
  next?: JobRead;
}

const MAX_CACHED_JOBS = 1_000;

/**
 * The fetch jobs a worker is processing, read once per job round instead of once per resource: what
 * a resource needs of its job (tenant, structure, round, and the round size once PROCESSING) does
 * not change within a round. A job that was still FETCHING is read again where it matters (see
 * FetchJobProgress.settled) through `latest`, whose reads are shared without ever serving a read
 * that started before the caller asked.
 */
@Injectable()
export class FetchJobCache {
  private readonly jobs = new Map<string, JobRead>();
  private readonly latestReads = new Map<string, ReadAfterAsking>();

  constructor(private readonly repository: FetchJobRepository) {}

  /** The job as of round `round` or later; null when the tenant has no such job. */
  async forRound(tenantId: number, jobId: string, round: number): JobRead {
    const key = `${tenantId}:${jobId}`;
    // Any read will do here, even one already running: the round is what must be recent enough.
    const cached = this.jobs.get(key) ?? this.latestReads.get(key)?.running;
    if (cached) {
      const job = await cached;
      if (job && job.round >= round) return job;
    }
    return this.latest(tenantId, jobId);
  }

  /**
   * A read of the job that started after this call. Callers that ask while a read is running share
   * the one that starts when it ends.
   */
  latest(tenantId: number, jobId: string): JobRead {
    const key = `${tenantId}:${jobId}`;
    const reads = this.latestReads.get(key) ?? {};
    this.latestReads.set(key, reads);
    if (reads.next) return reads.next;
    if (!reads.running) return this.start(key, reads, tenantId, jobId);
    reads.next = reads.running.then(
      () => this.start(key, reads, tenantId, jobId),
      () => this.start(key, reads, tenantId, jobId),
    );
    return reads.next;
  }

  private start(key: string, reads: ReadAfterAsking, tenantId: number, jobId: string): JobRead {
    const read = this.repository.findById(tenantId, jobId);
    reads.running = read;
    reads.next = undefined;
    const settle = () => {
      if (reads.running === read && !reads.next) this.latestReads.delete(key);
    };
    read.then((job) => {
      if (job) this.remember(key, read);
      settle();
    }, settle);
    return read;
  }

  private remember(key: string, read: JobRead): void {
    this.jobs.delete(key);
    this.jobs.set(key, read);
    if (this.jobs.size > MAX_CACHED_JOBS) this.jobs.delete(this.jobs.keys().next().value!);
  }
}
