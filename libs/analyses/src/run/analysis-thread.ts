import { parentPort } from 'node:worker_threads';
import { AnalysisResult, OmaInputError, RecordFileInput, runAnalysis, withRecordFile } from '@modalflow/oma';

export interface AnalysisRequest {
  type: string;
  params: Record<string, unknown>;
  /** The record file to analyse, read block by block. */
  record: RecordFileInput;
  /** Where a PREPROCESSING run writes its processed record (a record file). */
  outputPath?: string;
}

/** `message` is for the user when `inputError`; otherwise it is the stack, for the worker's log only. */
export type AnalysisReply =
  { ok: true; result: AnalysisResult } | { ok: false; message: string; inputError: boolean };

/** Body of the analysis thread: runs each request it is sent, replies with the result or the error. */
export function serveAnalyses(): void {
  parentPort!.on('message', (request: AnalysisRequest) => {
    let reply: AnalysisReply;
    try {
      const { result } = withRecordFile(request.record, (source) =>
        runAnalysis(request.type, source, request.params, { outputPath: request.outputPath }),
      );
      reply = { ok: true, result };
    } catch (error) {
      const inputError = error instanceof OmaInputError;
      const { message, stack } = error as Error;
      reply = { ok: false, message: inputError ? message : (stack ?? message), inputError };
    }
    parentPort!.postMessage(reply);
  });
}
