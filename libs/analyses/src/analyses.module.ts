import { Module } from '@nestjs/common';
import { AnalysesService } from './analyses.service';
import { AnalysisRunsModule } from './analysis-runs.module';
import { PlotsService } from './plots/plots.service';
import { MeasuresPersistenceModule } from '@modalflow/measurements';
import { StorageModule } from '@modalflow/storage';
import { UploadsPersistenceModule } from '@modalflow/uploads';

/** The API's side of analyses: create, list, run, abort, results and plots. */
@Module({
  imports: [AnalysisRunsModule, MeasuresPersistenceModule, UploadsPersistenceModule, StorageModule],
  providers: [AnalysesService, PlotsService],
  exports: [AnalysesService, PlotsService, AnalysisRunsModule],
})
export class AnalysesModule {}
