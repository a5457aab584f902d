import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { FetchSourceService } from './fetch-source.service';
import { type FetchJob } from './persistence/fetch-job.schema';
import { type FetchJobRepository } from './persistence/fetch-job.repository';
import { type FetchLedgerRepository } from './persistence/ledger/fetch-ledger.repository';
import { type FetchResourceRepository } from './persistence/fetch-resource.repository';
import { type FetchJobProgress } from './fetch-job-progress';
import { type WorkerConfig } from '@modalflow/config';
import { type Stored } from '@modalflow/database';
import { type StructureRepository } from '@modalflow/structures';

/** The fetch worker's domain service with a store that refuses the index (faked collaborators). */
describe('FetchSourceService', () => {
  let server: Server;
  let sourceUrl: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      const size = request.url === '/large.json' ? 2500 : 1;
      const index = Array.from({ length: size }, (_, i) => ({
        id: i === 0 ? 'a' : `r${i}`,
        creation_date: '2026-11-01',
        data: [{ v: i }],
      }));
      response.end(JSON.stringify(index));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    sourceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/index.json`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  function serviceWith(structureId?: string, stored = false, marked: string[] = []) {
    const job = {
      id: 'j1',
      tenant_id: 1,
      user_id: 2,
      source_url: sourceUrl,
      structure_id: structureId,
      round: 0,
    } as Stored<FetchJob>;
    const progress = {
      transition: jest.fn().mockResolvedValue(job),
      fail: jest.fn().mockResolvedValue(undefined),
      handOff: jest.fn().mockResolvedValue(undefined),
      completeIfAllSettled: jest.fn().mockResolvedValue(undefined),
    };
    const service = new FetchSourceService(
      {
        findById: jest.fn().mockResolvedValue(job),
        lowerRoundSizeFloor: jest.fn().mockResolvedValue(undefined),
      } as unknown as FetchJobRepository,
      {
        insertInvalidIndex: jest.fn().mockResolvedValue(undefined),
        insertIndex: stored
          ? jest.fn().mockResolvedValue(undefined)
          : jest.fn().mockRejectedValue(new Error('database is locked')),
      } as unknown as FetchResourceRepository,
      {
        mark: jest.fn().mockResolvedValue(true),
        writeCensus: jest.fn().mockResolvedValue(new Date()),
        isMarked: jest.fn(async (_tenant: number, id: string) => marked.includes(id)),
      } as unknown as FetchLedgerRepository,
      progress as unknown as FetchJobProgress,
      { findById: jest.fn().mockResolvedValue(null) } as unknown as StructureRepository,
      {
        download: { timeoutMs: 2000, maxBytes: 1_000_000, allowedHosts: new URL(sourceUrl).host },
      } as WorkerConfig,
    );
    return { service, progress, job, ledger: service['ledger'] as unknown as { mark: jest.Mock } };
  }

  const message = { job_id: 'j1', tenant_id: 1, user_id: 2 };

  it('leaves an unexpected failure to be retried while attempts remain', async () => {
    const { service, progress } = serviceWith();
    await expect(
      service.run(message, { attempt: 1, isLastAttempt: false, heartbeat: () => undefined }),
    ).rejects.toThrow('database is locked');
    expect(progress.fail).not.toHaveBeenCalled();
  });

  it("fails a job whose structure is not its tenant's before fetching anything", async () => {
    const { service, progress, job } = serviceWith('6426ff08edc3cbd39eac2a93');
    await service.run(message, { attempt: 1, isLastAttempt: false, heartbeat: () => undefined });
    expect(progress.fail).toHaveBeenCalledWith(job, 'structure 6426ff08edc3cbd39eac2a93 not found');
  });

  it('ends the job in ERROR with the reason when the last attempt fails unexpectedly', async () => {
    const { service, progress, job } = serviceWith();
    await expect(
      service.run(message, { attempt: 3, isLastAttempt: true, heartbeat: () => undefined }),
    ).rejects.toThrow('database is locked');
    expect(progress.fail).toHaveBeenCalledWith(job, 'fetching failed: database is locked');
  });

  it('run again after a crash, hands off only the parts of the index not handed off before', async () => {
    const { service, progress, job, ledger } = serviceWith(undefined, true, [
      'j1:handoff:0',
      'j1:handoff:1000',
    ]);
    job.source_url = sourceUrl.replace('/index.json', '/large.json');
    job.status = 'FETCHING'; // an earlier delivery started it
    await service.run(message, { attempt: 2, isLastAttempt: false, heartbeat: () => undefined });
    expect(progress.handOff).toHaveBeenCalledTimes(1);
    const [, resources] = progress.handOff.mock.calls[0] as [unknown, Array<{ index: number }>];
    expect(resources.map((resource) => resource.index)).toEqual(
      Array.from({ length: 500 }, (_, i) => 2000 + i),
    );
    expect(ledger.mark).toHaveBeenCalledWith(1, 'j1', 'j1:handoff:2000', 'milestone');
  });
});
