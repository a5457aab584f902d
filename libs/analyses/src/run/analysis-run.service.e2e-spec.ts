import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { MeasureRepository } from '@modalflow/measurements';
import { ModalResultBase, simulate } from '@modalflow/oma';
import { StructureRepository } from '@modalflow/structures';
import { featureContext, FeatureContext } from '../../../../test/support/feature-context';
import { AnalysisRuns } from '../analysis-runs';
import { AnalysisWorkerModule } from '../analysis-worker.module';
import { MonitoredRunResults } from '../monitored-run-results';
import { AnalysisResultRepository } from '../persistence/analysis-result.repository';
import { AnalysisRepository } from '../persistence/analysis.repository';
import type { Analysis } from '../persistence/analysis.schema';
import { RunQueueRepository } from '../persistence/run-queue.repository';
import { AnalysisRunService } from './analysis-run.service';
import { WORKER_ID } from './worker-id';

/** Monitoring's side of the port, faked: the monitored results it was given. */
class KeptResults extends MonitoredRunResults {
  readonly kept: Array<{ analysis: string; modes: number }> = [];
  async apply(analysis: Analysis, result: ModalResultBase): Promise<string | undefined> {
    this.kept.push({ analysis: analysis.id, modes: result.modes.length });
    return 'tracked by the spec';
  }
}

const monitored = new KeptResults();

@Module({
  providers: [{ provide: MonitoredRunResults, useValue: monitored }],
  exports: [MonitoredRunResults],
})
class KeptResultsModule {}

const TENANT = 31;
const USER = 6;

/**
 * A claimed run from RUNNING to its end, in this process, against the real database and the OMA
 * worker's own analysis thread (the built bundle: `npm run build` first, as the e2e suites need).
 */
describe('running a claimed analysis (real database, the analysis thread)', () => {
  const entry = process.argv[1];
  let context: FeatureContext;
  let runs: AnalysisRunService;
  let analyses: AnalysisRepository;
  let structureId: string;

  /** Creates, queues and claims an analysis as the API and the poller would; answers its claimed entry. */
  async function claimed(fields: Partial<Analysis>) {
    const analysis = await analyses.create({
      tenant_id: TENANT,
      structure_id: structureId,
      type: 'FDD',
      params: {},
      input: { source: 'measurement', measurement_id: 'm1' },
      created_by: USER,
      ...fields,
    });
    await context.module.get(AnalysisRuns).queue(analysis, USER, ['READY']);
    const queue = context.module.get(RunQueueRepository);
    const queued = await queue.find(TENANT, analysis.id);
    const entry = await queue.claim(queued!, context.module.get<string>(WORKER_ID), 60_000);
    return { analysis, entry: entry! };
  }

  beforeAll(async () => {
    process.argv[1] = join(__dirname, '../../../../dist/apps/oma-worker/main.js');
    context = await featureContext('analysis_run', [
      AnalysisWorkerModule.register({ monitoredResults: KeptResultsModule }),
    ]);
    runs = context.module.get(AnalysisRunService);
    analyses = context.module.get(AnalysisRepository);
    structureId = (
      await context.module.get(StructureRepository).create(TENANT, { name: 'frame', created_by: USER })
    ).id;
    const { dataset } = simulate({ storeys: 3, duration_s: 300, sampling_rate_hz: 20, seed: 3 });
    await context.module.get(MeasureRepository).save({
      id: 'm1',
      tenant_id: TENANT,
      structure_id: structureId,
      sampling_rate_hz: dataset.samplingRateHz,
      channels: dataset.channels,
      samples: dataset.data[0].length,
      time: Array.from(dataset.data[0], (_, i) => i / dataset.samplingRateHz),
      series: dataset.channels.map((channel, i) => ({ channel, values: Array.from(dataset.data[i]) })),
      created_at: new Date(),
    });
  });

  afterAll(async () => {
    await context.close();
    process.argv[1] = entry;
  });

  it('runs a measurement through FDD to DONE, its modes kept as its result and the queue entry gone', async () => {
    const { analysis, entry } = await claimed({});
    await runs.run(entry);

    const done = await analyses.findById(TENANT, structureId, analysis.id);
    expect(done).toMatchObject({ status: 'DONE', runs: 1, worker_id: entry.worker_id });
    const [record] = await context.module
      .get(AnalysisResultRepository)
      .findByIds(TENANT, structureId, done!.result_ids);
    const result = record.result as { modes: Array<{ frequency_hz: number }> };
    expect(result.modes.length).toBe(3);
    expect(await context.module.get(RunQueueRepository).find(TENANT, analysis.id)).toBeNull();
    expect(monitored.kept).toEqual([]); // not a monitored analysis
  });

  it("hands a monitored analysis's modes to monitoring before it is DONE, keeping its warning", async () => {
    const { analysis, entry } = await claimed({
      monitoring: { rule_id: 'r1', source: 'measurement', source_id: 'm1', recorded_at: new Date() },
    });
    await runs.run(entry);

    expect(monitored.kept).toEqual([{ analysis: analysis.id, modes: 3 }]);
    const done = await analyses.findById(TENANT, structureId, analysis.id);
    const [record] = await context.module
      .get(AnalysisResultRepository)
      .findByIds(TENANT, structureId, done!.result_ids);
    expect((record.result as { warnings?: string[] }).warnings).toContain('tracked by the spec');
  });

  it('ends ERROR with the reason when its input is not there', async () => {
    const { analysis, entry } = await claimed({
      input: { source: 'measurement', measurement_id: 'missing' },
    });
    await runs.run(entry);

    expect(await analyses.findById(TENANT, structureId, analysis.id)).toMatchObject({
      status: 'ERROR',
      error: 'measurement missing not found for this structure',
    });
  });
});
