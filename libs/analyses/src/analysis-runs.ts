import { Injectable, Logger } from '@nestjs/common';
import { analysisStatusEvent, type AnalysisStatus } from './analysis-status';
import { Analysis } from './persistence/analysis.schema';
import { AnalysisRepository } from './persistence/analysis.repository';
import { RunQueueRepository } from './persistence/run-queue.repository';
import { AnalysisBroadcasts } from './analysis-broadcasts';
import { outboxEntry } from '@modalflow/database';
import { StatusRelay } from '@modalflow/messaging';

/**
 * The one way to queue a run of an analysis, for the API (a user asks) and monitoring (a new
 * measurement): QUEUED with its event, the run queue entry, then a wake-up for idle OMA workers.
 */
@Injectable()
export class AnalysisRuns {
  private readonly logger = new Logger(AnalysisRuns.name);

  constructor(
    private readonly analyses: AnalysisRepository,
    private readonly runQueue: RunQueueRepository,
    private readonly relay: StatusRelay,
    private readonly broadcast: AnalysisBroadcasts,
  ) {}

  /**
   * Queues a run of `analysis` for `userId` if it is in one of `from` (one atomic update); null when
   * it was not (another request moved it first). A failed enqueue puts the status back and throws.
   */
  async queue(analysis: Analysis, userId: number, from: readonly AnalysisStatus[]): Promise<Analysis | null> {
    const { structure_id: structureId, id } = analysis;
    // QUEUED before the queue entry: a worker that claims the entry at once then finds the analysis
    // QUEUED and moves it on, instead of this request overwriting its RUNNING.
    const queuedAt = new Date();
    const queuedEvent = outboxEntry(
      analysisStatusEvent({ ...analysis, status: 'QUEUED', error: undefined, user_id: userId }),
    );
    const updated = await this.analyses.transition(
      analysis.tenant_id,
      structureId,
      id,
      from,
      { status: 'QUEUED', queued_at: queuedAt, run_by: userId, runs: analysis.runs + 1 },
      ['error', 'started_at', 'finished_at', 'worker_id'],
      queuedEvent,
    );
    if (!updated) return null;
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
      const back = outboxEntry(analysisStatusEvent({ ...analysis, user_id: userId }));
      await this.analyses.transition(
        analysis.tenant_id,
        structureId,
        id,
        ['QUEUED'],
        { status: analysis.status, runs: analysis.runs },
        [],
        back,
      );
      await this.relay.relay(this.analyses.outboxes(structureId), id, back.id);
      throw error;
    }
    await this.relay.relay(this.analyses.outboxes(structureId), id, queuedEvent.id);
    // Idle workers claim it now; without the notice they find it at their next poll.
    await this.broadcast
      .announceRun({ run_queued: id })
      .catch((error: Error) => this.logger.warn(`run ${id} queued without a wake-up: ${error.message}`));
    return updated;
  }
}
