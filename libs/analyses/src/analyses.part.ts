import { Injectable } from '@nestjs/common';
import { AnalysisBroadcasts } from './analysis-broadcasts';
import { ACTIVE_ANALYSIS_STATUSES } from './analysis-status';
import { AnalysisResultRepository } from './persistence/analysis-result.repository';
import { AnalysisRepository } from './persistence/analysis.repository';
import { RunQueueRepository } from './persistence/run-queue.repository';
import { type StructurePart } from '@modalflow/structures';

/** A structure's analyses and results, removed with it: queued and running runs are stopped first. */
@Injectable()
export class AnalysesPart implements StructurePart {
  readonly name = 'analyses';
  readonly removalOrder = 2;

  constructor(
    private readonly analyses: AnalysisRepository,
    private readonly results: AnalysisResultRepository,
    private readonly queue: RunQueueRepository,
    private readonly broadcast: AnalysisBroadcasts,
  ) {}

  count(tenantId: number, structureId: string): Promise<number> {
    return this.analyses.count(tenantId, structureId);
  }

  async removeAll(tenantId: number, structureId: string): Promise<void> {
    for (const status of ACTIVE_ANALYSIS_STATUSES) {
      const active = await this.analyses.findPage(
        tenantId,
        structureId,
        { status },
        { offset: 0, limit: 1000 },
      );
      for (const analysis of active.items) {
        await this.queue.remove(tenantId, analysis.id);
        await this.broadcast.requestAbort({ analysis_id: analysis.id });
      }
    }
    await this.results.deleteAll(tenantId, structureId);
    await this.analyses.deleteAll(tenantId, structureId);
  }
}
