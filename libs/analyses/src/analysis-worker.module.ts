import { DynamicModule, Module } from '@nestjs/common';
import { AnalysisRunsModule } from './analysis-runs.module';
import { AnalysisInputsModule } from './inputs/analysis-inputs.module';
import type { MonitoredRunResultsModule } from './monitored-run-results';
import { AnalysisExecutor } from './run/analysis-executor';
import { AnalysisInputLoader } from './run/analysis-input.loader';
import { AnalysisRunService } from './run/analysis-run.service';
import { RecordSpool } from './run/record-spool';
import { workerIdProvider } from './run/worker-id';
import { StorageModule } from '@modalflow/storage';

/**
 * The OMA worker's side of analyses: running a claimed analysis from its input to its results.
 * `monitoredResults` is the module that provides MonitoredRunResults (monitoring's tracks).
 */
@Module({})
export class AnalysisWorkerModule {
  static register(options: { monitoredResults: MonitoredRunResultsModule }): DynamicModule {
    return {
      module: AnalysisWorkerModule,
      imports: [AnalysisRunsModule, AnalysisInputsModule, StorageModule, options.monitoredResults],
      providers: [workerIdProvider, AnalysisInputLoader, RecordSpool, AnalysisExecutor, AnalysisRunService],
      exports: [workerIdProvider, AnalysisRunService, AnalysisExecutor, AnalysisRunsModule],
    };
  }
}
