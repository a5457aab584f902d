import { parentPort } from 'node:worker_threads';
import { AnalysisOutcome, Dataset, OmaInputError, runAnalysis } from '@modalflow/oma';

export interface AnalysisRequest {
  type: string;
  params: Record<string, unknown>;
  dataset: Dataset;
}

/** `message` is for the user when `inputError`; otherwise it is the stack, for the worker's log only. */
export type AnalysisReply =
  { ok: true; outcome: AnalysisOutcome } | { ok: false; message: string; inputError: boolean };

/** Body of the analysis thread: runs each request it is sent, replies with the outcome or the error. */
export function serveAnalyses(): void {
  parentPort!.on('message', (request: AnalysisRequest) => {
    let reply: AnalysisReply;
    try {
      reply = { ok: true, outcome: runAnalysis(request.type, request.dataset, request.params) };
    } catch (error) {
      const inputError = error instanceof OmaInputError;
      const { message, stack } = error as Error;
      reply = { ok: false, message: inputError ? message : (stack ?? message), inputError };
    }
    const transfer =
      reply.ok && reply.outcome.dataset ? reply.outcome.dataset.data.map((channel) => channel.buffer) : [];
    parentPort!.postMessage(reply, transfer);
  });
}
