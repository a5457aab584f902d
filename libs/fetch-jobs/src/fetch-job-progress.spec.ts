import { FetchJobCache } from './fetch-job-cache';
import { FetchJobProgress } from './fetch-job-progress';
import { FetchJob } from './persistence/fetch-job.schema';
import { FetchJobRepository } from './persistence/fetch-job.repository';
import { FetchLedgerRepository, SettledResource } from './persistence/ledger/fetch-ledger.repository';
import { Stored } from '@modalflow/database';
import { RabbitMqPublisher, StatusRelay } from '@modalflow/messaging';

type Job = Stored<FetchJob>;

const job = (fields: Partial<Job>): Job =>
  ({ id: 'j', tenant_id: 1, user_id: 2, round: 0, round_size: 0, counts: {}, ...fields }) as Job;

/** FetchJobProgress with faked collaborators: a ledger whose count answers `settledInRound`. */
function progressWith(settledInRound: number, latest: Job) {
  const ledger = {
    count: jest.fn().mockResolvedValue(settledInRound),
    mark: jest.fn().mockResolvedValue(true),
    totals: jest.fn().mockResolvedValue({
      counts: { processed: settledInRound, failed: 0, attempts: settledInRound },
      fields: new Map(),
    }),
  };
  const jobs = {
    transition: jest.fn().mockResolvedValue({ ...latest, status: 'DONE' }),
    outboxes: jest.fn().mockReturnValue({ name: 'fetch_jobs' }),
  };
  const jobCache = { latest: jest.fn().mockResolvedValue(latest) };
  const progress = new FetchJobProgress(
    jobs as unknown as FetchJobRepository,
    ledger as unknown as FetchLedgerRepository,
    jobCache as unknown as FetchJobCache,
    {} as RabbitMqPublisher,
    { relay: jest.fn().mockResolvedValue(undefined) } as unknown as StatusRelay,
  );
  return { progress, jobs, jobCache };
}

const resource = {
  outcome: { _id: 'j:0:r', tenant_id: 1, job_id: 'j', status: 'DONE', index: 0, round: 0, record: '{}' },
  tally: { status: 'DONE', attempts: 1, fields: [] },
} as SettledResource;

describe('FetchJobProgress.settled', () => {
  it('does not read a FETCHING job again while fewer resources are settled than its size floor', async () => {
    const { progress, jobs, jobCache } = progressWith(9, job({ status: 'PROCESSING', round_size: 10 }));
    await progress.settled(job({ status: 'FETCHING', round_size_floor: 10 }), resource);
    expect(jobCache.latest).not.toHaveBeenCalled();
    expect(jobs.transition).not.toHaveBeenCalled();
  });

  it('reads a FETCHING job again at its size floor and ends it DONE when it is PROCESSING and complete', async () => {
    const { progress, jobs, jobCache } = progressWith(10, job({ status: 'PROCESSING', round_size: 10 }));
    await progress.settled(job({ status: 'FETCHING', round_size_floor: 10 }), resource);
    expect(jobCache.latest).toHaveBeenCalledWith(1, 'j');
    expect(jobs.transition).toHaveBeenCalledWith(
      1,
      'j',
      ['PROCESSING'],
      'DONE',
      expect.any(Object),
      expect.any(Object),
    );
  });

  it('reads a FETCHING job with no size floor after every settled resource', async () => {
    const { progress, jobs, jobCache } = progressWith(1, job({ status: 'FETCHING' }));
    await progress.settled(job({ status: 'FETCHING' }), resource);
    expect(jobCache.latest).toHaveBeenCalledTimes(1);
    expect(jobs.transition).not.toHaveBeenCalled();
  });

  it('ends a PROCESSING job once its round size is settled, without reading it again', async () => {
    const processing = job({ status: 'PROCESSING', round_size: 3 });
    const early = progressWith(2, processing);
    await early.progress.settled(processing, resource);
    expect(early.jobs.transition).not.toHaveBeenCalled();

    const last = progressWith(3, processing);
    await last.progress.settled(processing, resource);
    expect(last.jobCache.latest).not.toHaveBeenCalled();
    expect(last.jobs.transition).toHaveBeenCalledWith(
      1,
      'j',
      ['PROCESSING'],
      'DONE',
      expect.any(Object),
      expect.any(Object),
    );
  });
});
