import { Worker } from 'node:worker_threads';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { AnalysisReply, AnalysisRequest } from './analysis-thread';
import { RecordSpool } from './record-spool';
import {
  ANALYSIS_TYPES,
  AnalysisResult,
  RecordFileInput,
  recordSource,
  simulate,
  writeRecordFile,
} from '@modalflow/oma';

/** What a user reads of a failure that is not the input's fault; the worker's log has the details. */
export const UNEXPECTED_FAILURE = 'the analysis failed unexpectedly; the worker log has the details';

/** Why a run stopped before its analysis finished. */
export class RunInterruptedError extends Error {
  constructor(
    readonly reason: 'aborted' | 'time-limit' | 'lease-lost' | 'shutdown',
    message: string,
  ) {
    super(message);
  }
}

/** An analysis that failed; `inputError` when the data or parameters are at fault. */
export class AnalysisFailedError extends Error {
  constructor(
    message: string,
    readonly inputError: boolean,
  ) {
    super(message);
  }
}

/**
 * Runs analyses in a worker thread, so the event loop stays free for lease renewals and abort
 * messages. Interrupting a run terminates the thread at once; the next run gets a new one.
 * The thread runs this app's own bundle (see main.ts), so no second build entry is needed.
 */
@Injectable()
export class AnalysisExecutor implements OnApplicationShutdown {
  private readonly logger = new Logger(AnalysisExecutor.name);
  private thread?: Worker;
  private pending?: { reject: (error: Error) => void };

  constructor(private readonly spool: RecordSpool) {}

  /** Runs an analysis of a record file; a PREPROCESSING run writes its output to `outputPath`. */
  async execute(
    type: string,
    record: RecordFileInput,
    params: Record<string, unknown>,
    timeLimitMs: number,
    outputPath?: string,
  ): Promise<AnalysisResult> {
    const thread = this.threadForRun();
    const request: AnalysisRequest = { type, params, record, outputPath };
    return new Promise<AnalysisResult>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          this.interrupt(
            new RunInterruptedError(
              'time-limit',
              `the run exceeded its time limit of ${timeLimitMs / 1000} s (RUN_TIME_LIMIT)`,
            ),
          ),
        timeLimitMs,
      );
      const settle = () => {
        clearTimeout(timer);
        thread.off('message', onMessage);
        thread.off('error', onError);
        this.pending = undefined;
      };
      const onMessage = (reply: AnalysisReply) => {
        settle();
        if (reply.ok) return resolve(reply.result);
        if (reply.inputError) return reject(new AnalysisFailedError(reply.message, true));
        this.logger.error(`${type} analysis failed: ${reply.message}`);
        reject(new AnalysisFailedError(UNEXPECTED_FAILURE, false));
      };
      const onError = (error: Error) => {
        settle();
        this.thread = undefined;
        this.logger.error(`the analysis thread crashed: ${error.stack ?? error.message}`);
        reject(new AnalysisFailedError(UNEXPECTED_FAILURE, false));
      };
      this.pending = {
        reject: (error) => {
          settle();
          reject(error);
        },
      };
      thread.on('message', onMessage);
      thread.on('error', onError);
      thread.postMessage(request);
    });
  }

  /**
   * Starts the thread and runs each analysis type once on a small simulated record, so the first
   * real run does not pay for loading and compiling the numerics (seconds, measured in bench/oma).
   */
  async warmUp(): Promise<void> {
    const { dataset } = simulate({ storeys: 3, duration_s: 120, sampling_rate_hz: 20, seed: 1 });
    const path = this.spool.newPath('warm-up', 'input');
    writeRecordFile(path, recordSource(dataset));
    try {
      for (const type of ANALYSIS_TYPES) {
        await this.execute(type, { path }, {}, 60_000).catch(() => undefined);
      }
    } finally {
      await this.spool.remove(path);
    }
  }

  /** Stops the running analysis now (abort, lost lease, shutdown). */
  interrupt(error: RunInterruptedError): void {
    const pending = this.pending;
    if (!pending) return;
    const thread = this.thread;
    this.thread = undefined;
    void thread?.terminate();
    pending.reject(error);
  }

  async onApplicationShutdown(): Promise<void> {
    this.interrupt(new RunInterruptedError('shutdown', 'the worker is shutting down'));
    await this.thread?.terminate();
  }

  private threadForRun(): Worker {
    if (!this.thread) {
      this.thread = new Worker(process.argv[1], { argv: process.argv.slice(2) });
      this.thread.unref();
    }
    return this.thread;
  }
}
