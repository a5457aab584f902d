import { Module } from '@nestjs/common';
import { AnalysesService } from './analyses.service';
import { AnalysisRunsModule } from './analysis-runs.module';
import { AnalysisInputsModule } from './inputs/analysis-inputs.module';
import { AnalysisPlots } from './plots/analysis-plots';
import { PlotsService } from './plots/plots.service';
import { ShapeComparisons } from './shapes/shape-comparisons';
import { StorageModule } from '@modalflow/storage';

/** The API's side of analyses: create, list, run, abort, results and plots. */
@Module({
  imports: [AnalysisRunsModule, AnalysisInputsModule, StorageModule],
  providers: [AnalysesService, PlotsService, ShapeComparisons, AnalysisPlots],
  exports: [AnalysesService, PlotsService, ShapeComparisons, AnalysisPlots, AnalysisRunsModule],
})
export class AnalysesModule {}
