import { Module, OnModuleInit } from '@nestjs/common';
import { AnalysisBroadcasts } from './analysis-broadcasts';
import { AnalysisRuns } from './analysis-runs';
import { AnalysisStatusChanges } from './analysis-status-changes';
import { AnalysesPart } from './analyses.part';
import { AnalysesPersistenceModule } from './persistence/analyses.persistence.module';
import { StructureParts, StructuresModule } from '@modalflow/structures';

/**
 * Analyses as every process keeps them: their documents, queuing a run (the API and monitoring) and
 * the broadcasts to OMA workers; a structure's analyses are one of its parts.
 */
@Module({
  imports: [AnalysesPersistenceModule, StructuresModule],
  providers: [AnalysisRuns, AnalysisStatusChanges, AnalysisBroadcasts, AnalysesPart],
  exports: [
    AnalysisRuns,
    AnalysisStatusChanges,
    AnalysisBroadcasts,
    AnalysesPersistenceModule,
    StructuresModule,
  ],
})
export class AnalysisRunsModule implements OnModuleInit {
  constructor(
    private readonly parts: StructureParts,
    private readonly analyses: AnalysesPart,
  ) {}

  onModuleInit(): void {
    this.parts.register(this.analyses);
  }
}
