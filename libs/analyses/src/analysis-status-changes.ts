import { Injectable } from '@nestjs/common';
import { outboxEntry, OutboxEntry } from '@modalflow/database';
import { StatusRelay } from '@modalflow/messaging';
import { movesInto } from '@modalflow/contracts';
import { ANALYSIS_MOVES, analysisStatusEvent, type AnalysisStatus } from './analysis-status';
import type { Analysis } from './persistence/analysis.schema';
import {
  AnalysisRepository,
  type AnalysisChanges,
  type NewAnalysis,
} from './persistence/analysis.repository';

/** A change recorded with its event, not yet relayed (see AnalysisStatusChanges.record). */
export interface RecordedMove {
  analysis: Analysis;
  event: OutboxEntry;
}

/**
 * The one way an analysis is created or moved to another status, by the API, monitoring and the OMA
 * worker alike: the change and its event in one update (the outbox), only along ANALYSIS_MOVES and
 * from the status it is in (one atomic update: two movers cannot both move it), then the event
 * relayed.
 */
@Injectable()
export class AnalysisStatusChanges {
  constructor(
    private readonly analyses: AnalysisRepository,
    private readonly relay: StatusRelay,
  ) {}

  /**
   * Creates an analysis under a given id in `status` (a SKIPPED one with its event), or finds the
   * one stored under that id before (`created` false, no event).
   */
  async createOnce(
    id: string,
    data: NewAnalysis,
    status: 'READY' | 'SKIPPED',
    userId: number,
  ): Promise<{ analysis: Analysis; created: boolean }> {
    const event =
      status === 'SKIPPED'
        ? outboxEntry(analysisStatusEvent({ ...data, id, user_id: userId, status }))
        : undefined;
    const found = await this.analyses.createOnce(id, data, status, event);
    if (found.created && event) await this.relayed(found.analysis, event);
    return found;
  }

  /**
   * Moves the analysis to `to` for `userId` (whose event it is) from any status the table allows,
   * or only from `from`; null (and no event) when it was elsewhere.
   */
  async move(
    analysis: Analysis,
    to: AnalysisStatus,
    userId: number,
    changes: AnalysisChanges = {},
    from?: readonly AnalysisStatus[],
  ): Promise<Analysis | null> {
    const moved = await this.record(analysis, to, userId, changes, from);
    if (!moved) return null;
    await this.relayed(moved.analysis, moved.event);
    return moved.analysis;
  }

  /** The move without its relay, for a caller that has more to do first; then `relayed`. */
  async record(
    analysis: Analysis,
    to: AnalysisStatus,
    userId: number,
    changes: AnalysisChanges = {},
    from?: readonly AnalysisStatus[],
  ): Promise<RecordedMove | null> {
    const event = statusEvent(analysis, to, userId, changes);
    const moved = await this.analyses.transition(
      analysis.tenant_id,
      analysis.structure_id,
      analysis.id,
      movesInto(ANALYSIS_MOVES, to, from),
      { ...changes, set: { ...changes.set, status: to } },
      event,
    );
    return moved ? { analysis: moved, event } : null;
  }

  /**
   * A move by the OMA worker that holds the run's claim: the claim (the run queue's epoch and lease),
   * not the status, keeps other movers off the document, so it is written by `_id` alone, the lookup
   * FerretDB serves from its index (a conditional update scans the structure's analyses). The move is
   * checked against the table from the status the holder last wrote; answers the analysis as moved.
   */
  async moveClaimed(
    analysis: Analysis,
    to: AnalysisStatus,
    userId: number,
    changes: AnalysisChanges = {},
  ): Promise<Analysis> {
    movesInto(ANALYSIS_MOVES, to, [analysis.status]);
    const set = { ...changes.set, status: to };
    const event = statusEvent(analysis, to, userId, changes);
    await this.analyses.updateClaimed(analysis, { ...changes, set }, event);
    const moved: Analysis = { ...analysis, ...set };
    for (const field of changes.unset ?? []) delete moved[field];
    await this.relayed(moved, event);
    return moved;
  }

  async relayed(analysis: Analysis, event: OutboxEntry): Promise<void> {
    await this.relay.relay(this.analyses.outboxes(analysis.structure_id), analysis.id, event.id);
  }
}

/** The outbox entry of moving `analysis` to `to` for `userId`, with the error the change sets. */
function statusEvent(
  analysis: Analysis,
  to: AnalysisStatus,
  userId: number,
  changes: AnalysisChanges,
): OutboxEntry {
  return outboxEntry(
    analysisStatusEvent({ ...analysis, status: to, user_id: userId, error: changes.set?.error }),
  );
}
