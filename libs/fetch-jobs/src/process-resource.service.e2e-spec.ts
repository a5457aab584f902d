import { Module } from '@nestjs/common';
import { Types } from 'mongoose';
import { type ArrivedMeasurement, MeasurementArrivals, MeasureRepository } from '@modalflow/measurements';
import { MalformedMessageError } from '@modalflow/messaging';
import { StructureRepository } from '@modalflow/structures';
import { featureContext, FeatureContext } from '../../../test/support/feature-context';
import type { DataProcessingMessage } from './fetch-job.messages';
import { FetchJobRepository } from './persistence/fetch-job.repository';
import { FetchLedgerRepository } from './persistence/ledger/fetch-ledger.repository';
import { ProcessResourceService } from './process-resource.service';
import { ResourceProcessingModule } from './resource-processing.module';

/** Monitoring's side of the port, faked: what it was told. */
class ToldArrivals extends MeasurementArrivals {
  readonly told: ArrivedMeasurement[] = [];
  async measurementArrived(measurement: ArrivedMeasurement): Promise<void> {
    this.told.push(measurement);
  }
}

const arrivals = new ToldArrivals();

@Module({ providers: [{ provide: MeasurementArrivals, useValue: arrivals }], exports: [MeasurementArrivals] })
class ToldArrivalsModule {}

const TENANT = 11;
const delivery = (attempt = 1, isLastAttempt = false) => ({
  attempt,
  isLastAttempt,
  heartbeat: () => undefined,
});
const series = { time: [0, 0.01, 0.02, 0.03], a: [1, 2, 3, 4], b: [0.5, 0.25, 0, -0.25] };

describe('processing one resource of a fetch job (real database)', () => {
  let context: FeatureContext;
  let service: ProcessResourceService;
  let ledger: FetchLedgerRepository;
  let jobId: string;
  let structureId: string;

  const message = (resourceId: string, index: number, data: unknown): DataProcessingMessage => ({
    job_id: jobId,
    tenant_id: TENANT,
    user_id: 1,
    round: 0,
    resource_id: resourceId,
    index,
    creation_date: '2026-11-01T10:00:00.000Z',
    data,
  });

  beforeAll(async () => {
    context = await featureContext('process_resource', [
      ResourceProcessingModule.register({ measurementArrivals: ToldArrivalsModule }),
    ]);
    service = context.module.get(ProcessResourceService);
    ledger = context.module.get(FetchLedgerRepository);
    const structure = await context.module
      .get(StructureRepository)
      .create(TENANT, { name: 'deck', created_by: 1 });
    structureId = structure.id;
    const job = await context.module.get(FetchJobRepository).create(TENANT, {
      user_id: 1,
      source_url: 'http://127.0.0.1:9/index.json',
      structure_id: structureId,
      max_attempts: 3,
      status: 'PROCESSING',
      counts: { found: 3, valid: 3, invalid: 0 },
      round: 0,
      round_size: 3,
      idempotency_key: 'process-resource-spec',
    } as never);
    jobId = job.id;
  });

  afterAll(() => context.close());

  it('settles a time series DONE, stores it as a measurement of the structure and tells monitoring, once', async () => {
    await service.process(message('r0', 0, series), delivery());
    await service.process(message('r0', 0, series), delivery(2)); // a redelivery

    expect(await ledger.settledInRound(TENANT, jobId, 0)).toBe(1);
    const [done] = (await ledger.outcomesOnPage(TENANT, jobId, 0, 0, 'DONE')).values();
    expect(done).toMatchObject({ resource_id: 'r0', status: 'DONE', measurement_id: `${jobId}:r0` });
    const measurement = await context.module
      .get(MeasureRepository)
      .findById(TENANT, structureId, `${jobId}:r0`);
    expect(measurement).toMatchObject({ channels: ['a', 'b'], samples: 4, sampling_rate_hz: 100 });
    expect(arrivals.told[0]).toMatchObject({
      tenant_id: TENANT,
      structure_id: structureId,
      source: 'measurement',
      source_id: `${jobId}:r0`,
      shape: { channels: ['a', 'b'], samplingRateHz: 100, samples: 4 },
    });
  });

  it('settles data that can never be read FAILED with the reason, without a retry', async () => {
    await service.process(message('r1', 1, [{ x: 'not a number' }]), delivery());
    const failed = await ledger.outcomesOnPage(TENANT, jobId, 0, 0, 'FAILED');
    expect(failed.get(1)?.last_error).toBe('data records have no numeric field');
    expect(await ledger.settledInRound(TENANT, jobId, 0)).toBe(2);
  });

  it('refuses a message naming a job its tenant does not have', async () => {
    const stranger = { ...message('r2', 2, series), tenant_id: TENANT + 1 };
    await expect(service.process(stranger, delivery())).rejects.toBeInstanceOf(MalformedMessageError);
    const unknown = { ...message('r2', 2, series), job_id: new Types.ObjectId().toHexString() };
    await expect(service.process(unknown, delivery())).rejects.toBeInstanceOf(MalformedMessageError);
  });
});
