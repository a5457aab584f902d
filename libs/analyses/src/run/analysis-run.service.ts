import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  AnalysisExecutor,
  AnalysisFailedError,
  RunInterruptedError,
  UNEXPECTED_FAILURE,
} from './analysis-executor';
import { AnalysisInputLoader, LoadedRecord } from './analysis-input.loader';
import { RecordSpool } from './record-spool';
import { WORKER_ID } from './worker-id';
import type { AnalysisStatus } from '../analysis-status';
import { AnalysisStatusChanges } from '../analysis-status-changes';
import type { RunQueueEntry } from '../persistence/run-queue-entry';
import { Analysis } from '../persistence/analysis.schema';
import { AnalysisChanges, AnalysisRepository } from '../persistence/analysis.repository';
import { AnalysisResultRepository } from '../persistence/analysis-result.repository';
import { RunQueueRepository } from '../persistence/run-queue.repository';
import { MonitoredRunResults } from '../monitored-run-results';
import { omaConfig, OmaConfig } from '@modalflow/config';
import { DatasetCache, StorageInputError } from '@modalflow/storage';
import { AnalysisResult, checkRun, OmaInputError, shapeOf, withRecordFile } from '@modalflow/oma';

interface CurrentRun {
  tenantId: number;
  analysisId: string;
  epoch: number;
  abortRequested: boolean;
}

/**
 * One claimed run from start to end: RUNNING, input, analysis in the thread, results, DONE; or
 * ERROR with a reason, or ABORTED. Holds the lease while it runs and gives the run up if another
 * worker has taken it over.
 */
@Injectable()
export class AnalysisRunService {
  private readonly logger = new Logger(AnalysisRunService.name);
  private current?: CurrentRun;

  constructor(
    private readonly analyses: AnalysisRepository,
    private readonly results: AnalysisResultRepository,
    private readonly queue: RunQueueRepository,
    private readonly loader: AnalysisInputLoader,
    private readonly executor: AnalysisExecutor,
    private readonly cache: DatasetCache,
    private readonly spool: RecordSpool,
    private readonly statuses: AnalysisStatusChanges,
    private readonly tracking: MonitoredRunResults,
    @Inject(omaConfig.KEY) private readonly config: OmaConfig,
    @Inject(WORKER_ID) private readonly workerId: string,
  ) {}

  /** Stops the run of this analysis if this worker is running it; false otherwise. */
  abortIfRunning(analysisId: string): boolean {
    if (this.current?.analysisId !== analysisId) return false;
    this.current.abortRequested = true;
    this.executor.interrupt(new RunInterruptedError('aborted', 'aborted by the user'));
    return true;
  }

  /** Stops the current run because the worker is shutting down; the run goes back to the queue. */
  interruptForShutdown(): void {
    this.executor.interrupt(new RunInterruptedError('shutdown', 'the worker is shutting down'));
  }

  async run(entry: RunQueueEntry): Promise<void> {
    const analysis = await this.analyses.findById(entry.tenant_id, entry.structure_id, entry.analysis_id);
    if (!analysis) {
      this.logger.warn(`analysis ${entry.analysis_id} no longer exists; dropping its run`);
      await this.queue.remove(entry.tenant_id, entry.analysis_id);
      return;
    }
    const run: CurrentRun = {
      tenantId: analysis.tenant_id,
      analysisId: analysis.id,
      epoch: entry.claim_epoch,
      abortRequested: false,
    };
    this.current = run;
    const renewal = setInterval(() => void this.renewLease(run), Math.max(200, this.config.leaseMs / 3));
    const started = Date.now();
    let record: LoadedRecord | undefined;
    const outputPath =
      analysis.type === 'PREPROCESSING' ? this.spool.newPath(analysis.id, 'output') : undefined;
    let current = analysis; // as this worker last wrote it
    try {
      current = await this.transition(
        current,
        entry,
        'RUNNING',
        { started_at: new Date(), worker_id: this.workerId },
        ['error', 'finished_at'],
      );
      this.logger.log(
        `running ${analysis.type} analysis ${analysis.id} (structure ${analysis.structure_id})`,
      );
      const claimedMs = Date.now() - started;
      record = await this.loader.load(analysis);
      const loadedAt = Date.now();
      checkRun(analysis.type, analysis.params, withRecordFile(record.file, shapeOf), this.config.budget);
      if (run.abortRequested) throw new RunInterruptedError('aborted', 'aborted by the user');
      const analysed = await this.executor.execute(
        analysis.type,
        record.file,
        analysis.params,
        this.config.runTimeLimitMs,
        outputPath,
      );
      const analysedAt = Date.now();
      const result = await this.withTrackedModes(analysis, analysed);
      if (outputPath)
        await this.cache.save(analysis.tenant_id, analysis.structure_id, analysis.id, outputPath);
      const resultId = await this.results.save({
        tenant_id: analysis.tenant_id,
        structure_id: analysis.structure_id,
        analysis_id: analysis.id,
        type: analysis.type,
        result: result as unknown as Record<string, unknown>,
      });
      if (!(await this.stillHolds(run)))
        throw new RunInterruptedError('lease-lost', 'another worker took the run over');
      await this.finish(current, entry, 'DONE', { result_ids: [resultId] });
      this.logger.log(
        `analysis ${analysis.id} DONE in ${Date.now() - started} ms (start ${claimedMs} ms, input ${loadedAt - started - claimedMs} ms, ` +
          `analysis ${analysedAt - loadedAt} ms, saving ${Date.now() - analysedAt} ms)`,
      );
    } catch (error) {
      await this.fail(current, entry, run, error as Error);
    } finally {
      clearInterval(renewal);
      this.current = undefined;
      await record?.release();
      if (outputPath) await this.spool.remove(outputPath);
    }
  }

  /**
   * A monitored analysis's modes go to its rule's tracks before it is DONE (so a run repeated after
   * a crash tracks them again, counted once); what could not be tracked becomes a warning.
   */
  private async withTrackedModes(analysis: Analysis, result: AnalysisResult): Promise<AnalysisResult> {
    if (!analysis.monitoring || !('modes' in result)) return result;
    const warning = await this.tracking.apply(analysis, result);
    return warning ? { ...result, warnings: [...(result.warnings ?? []), warning] } : result;
  }

  private async fail(analysis: Analysis, entry: RunQueueEntry, run: CurrentRun, error: Error): Promise<void> {
    if (error instanceof RunInterruptedError) {
      if (error.reason === 'lease-lost')
        return this.logger.warn(`analysis ${analysis.id}: ${error.message}; leaving it`);
      if (error.reason === 'shutdown') {
        this.logger.warn(`analysis ${analysis.id}: put back in the queue (shutdown)`);
        return this.queue.release(analysis.tenant_id, analysis.id, run.epoch);
      }
      if (error.reason === 'aborted') {
        this.logger.log(`analysis ${analysis.id} ABORTED`);
        return this.finish(analysis, entry, 'ABORTED', {});
      }
    }
    const known =
      error instanceof AnalysisFailedError ||
      error instanceof OmaInputError ||
      error instanceof StorageInputError ||
      error instanceof RunInterruptedError;
    const message = known ? error.message : UNEXPECTED_FAILURE;
    if (!known) this.logger.error(`analysis ${analysis.id} failed`, error.stack);
    else this.logger.warn(`analysis ${analysis.id} ERROR: ${message}`);
    await this.finish(analysis, entry, 'ERROR', { error: message });
  }

  private async finish(
    analysis: Analysis,
    entry: RunQueueEntry,
    status: AnalysisStatus,
    fields: AnalysisChanges['set'],
  ): Promise<void> {
    await this.transition(analysis, entry, status, { ...fields, finished_at: new Date() });
    await this.queue.remove(analysis.tenant_id, analysis.id);
  }

  /** The run's status changes are the claiming user's (see AnalysisStatusChanges.moveClaimed). */
  private transition(
    analysis: Analysis,
    entry: RunQueueEntry,
    status: AnalysisStatus,
    set: AnalysisChanges['set'],
    unset: AnalysisChanges['unset'] = [],
  ): Promise<Analysis> {
    return this.statuses.moveClaimed(analysis, status, entry.user_id, { set, unset });
  }

  private async renewLease(run: CurrentRun): Promise<void> {
    try {
      if (!(await this.queue.renew(run.tenantId, run.analysisId, run.epoch, this.config.leaseMs))) {
        if (this.current === run)
          this.executor.interrupt(
            new RunInterruptedError('lease-lost', "the run is no longer this worker's"),
          );
      }
    } catch (error) {
      this.logger.warn(`could not renew the lease of ${run.analysisId}: ${(error as Error).message}`);
    }
  }

  private async stillHolds(run: CurrentRun): Promise<boolean> {
    const entry = await this.queue.find(run.tenantId, run.analysisId);
    return entry?.claim_epoch === run.epoch;
  }
}
