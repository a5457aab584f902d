import { Injectable, Logger } from '@nestjs/common';
import { AnalysisBroadcasts } from './analysis-broadcasts';
import { AnalysisStatusChanges } from './analysis-status-changes';
import type { AnalysisStatus } from './analysis-status';
import type { Analysis } from './persistence/analysis.schema';
import { RunQueueRepository } from './persistence/run-queue.repository';

/**
 * The one way to queue a run of an analysis, for the API (a user asks) and monitoring (a new
 * measurement): QUEUED with its event, the run queue entry, then a wake-up for idle OMA workers.
 */
@Injectable()
export class AnalysisRuns {
  private readonly logger = new Logger(AnalysisRuns.name);

  constructor(
    private readonly statuses: AnalysisStatusChanges,
    private readonly runQueue: RunQueueRepository,
    private readonly broadcast: AnalysisBroadcasts,
  ) {}

  /**
   * Queues a run of `analysis` for `userId` if it is in one of `from` (one atomic update); null when
   * it was not (another request moved it first). A failed enqueue puts the status back and throws.
   */
  async queue(analysis: Analysis, userId: number, from: readonly AnalysisStatus[]): Promise<Analysis | null> {
    const { structure_id: structureId, id } = analysis;
    // QUEUED before the queue entry: a worker that claims the entry at once then finds the analysis
    // QUEUED and moves it on, instead of this request overwriting its RUNNING. Its event goes out
    // once the entry exists.
    const queuedAt = new Date();
    const queued = await this.statuses.record(
      analysis,
      'QUEUED',
      userId,
      {
        set: { queued_at: queuedAt, run_by: userId, runs: analysis.runs + 1 },
        unset: ['error', 'started_at', 'finished_at', 'worker_id'],
      },
      from,
    );
    if (!queued) return null;
    try {
      // false: an entry of this analysis is queued already, and a worker will take it.
      await this.runQueue.enqueue({
        structure_id: structureId,
        analysis_id: id,
        type: analysis.type,
        tenant_id: analysis.tenant_id,
        user_id: userId,
        queued_at: queuedAt,
      });
    } catch (error) {
      await this.statuses.move(
        queued.analysis,
        analysis.status,
        userId,
        { set: { runs: analysis.runs, ...(analysis.error ? { error: analysis.error } : {}) } },
        ['QUEUED'],
      );
      throw error;
    }
    await this.statuses.relayed(queued.analysis, queued.event);
    // Idle workers claim it now; without the notice they find it at their next poll.
    await this.broadcast
      .announceRun({ run_queued: id })
      .catch((error: Error) => this.logger.warn(`run ${id} queued without a wake-up: ${error.message}`));
    return queued.analysis;
  }
}
