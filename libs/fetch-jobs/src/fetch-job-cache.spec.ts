import { FetchJobCache } from './fetch-job-cache';
import { FetchJob } from './persistence/fetch-job.schema';
import { FetchJobRepository } from './persistence/fetch-job.repository';
import { Stored } from '@modalflow/database';

type Job = Stored<FetchJob>;

/** A repository whose reads stay pending until the test answers them, in order. */
function heldReads() {
  const reads: Array<{ id: string; answer(job: Partial<Job> | null): void }> = [];
  const repository = {
    findById: (_tenantId: number, id: string) =>
      new Promise<Job | null>((resolve) =>
        reads.push({ id, answer: (job) => resolve(job && ({ id, tenant_id: 1, ...job } as Job)) }),
      ),
  } as unknown as FetchJobRepository;
  return { reads, repository };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('FetchJobCache', () => {
  it('reads a job once for the resources of a round, and again for a later round', async () => {
    const { reads, repository } = heldReads();
    const cache = new FetchJobCache(repository);
    const first = [cache.forRound(1, 'j', 0), cache.forRound(1, 'j', 0), cache.forRound(1, 'j', 0)];
    await tick();
    expect(reads).toHaveLength(1);
    reads[0].answer({ round: 0, status: 'PROCESSING' });
    expect((await Promise.all(first)).map((job) => job?.round)).toEqual([0, 0, 0]);

    expect((await cache.forRound(1, 'j', 0))?.status).toBe('PROCESSING');
    expect(reads).toHaveLength(1);

    const next = cache.forRound(1, 'j', 1);
    await tick();
    expect(reads).toHaveLength(2);
    reads[1].answer({ round: 1, status: 'PROCESSING' });
    expect((await next)?.round).toBe(1);
  });

  it('serves latest() only from a read that started after it was asked, shared by those waiting', async () => {
    const { reads, repository } = heldReads();
    const cache = new FetchJobCache(repository);
    const early = cache.latest(1, 'j');
    await tick();
    const late = [cache.latest(1, 'j'), cache.latest(1, 'j')];
    await tick();
    expect(reads).toHaveLength(1); // the late callers wait for the next read, not this one

    reads[0].answer({ round: 0, status: 'FETCHING' });
    expect((await early)?.status).toBe('FETCHING');
    await tick();
    expect(reads).toHaveLength(2);
    reads[1].answer({ round: 0, status: 'PROCESSING' });
    expect((await Promise.all(late)).map((job) => job?.status)).toEqual(['PROCESSING', 'PROCESSING']);

    // The newest read is what the round's resources are served next.
    expect((await cache.forRound(1, 'j', 0))?.status).toBe('PROCESSING');
    expect(reads).toHaveLength(2);
  });

  it('does not remember a job that was not found', async () => {
    const { reads, repository } = heldReads();
    const cache = new FetchJobCache(repository);
    const missing = cache.forRound(1, 'j', 0);
    await tick();
    reads[0].answer(null);
    expect(await missing).toBeNull();
    const again = cache.forRound(1, 'j', 0);
    await tick();
    expect(reads).toHaveLength(2);
    reads[1].answer({ round: 0, status: 'QUEUED' });
    expect((await again)?.status).toBe('QUEUED');
  });
});
