import { Module } from '@nestjs/common';
import { AnalysisRepository } from './analysis.repository';
import { AnalysisResultRepository } from './analysis-result.repository';
import { RunQueueRepository } from './run-queue.repository';

@Module({
  providers: [AnalysisRepository, AnalysisResultRepository, RunQueueRepository],
  exports: [AnalysisRepository, AnalysisResultRepository, RunQueueRepository],
})
export class AnalysesPersistenceModule {}
