import { Module } from '@nestjs/common';
import { MeasuresPersistenceModule } from '@modalflow/measurements';
import { StorageModule } from '@modalflow/storage';
import { UploadsPersistenceModule } from '@modalflow/uploads';
import { AnalysesPersistenceModule } from '../persistence/analyses.persistence.module';
import { ANALYSIS_INPUT_SOURCE_TYPES, AnalysisInputs } from './analysis-inputs';

/** The analysis input sources and their registry (needs the measures database connection). */
@Module({
  imports: [AnalysesPersistenceModule, MeasuresPersistenceModule, UploadsPersistenceModule, StorageModule],
  providers: [...ANALYSIS_INPUT_SOURCE_TYPES, AnalysisInputs],
  exports: [AnalysisInputs],
})
export class AnalysisInputsModule {}
