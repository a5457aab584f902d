import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnalysisExecutor, RunInterruptedError } from './analysis-executor';
import { RecordSpool } from './record-spool';
import { type OmaConfig } from '@modalflow/config';

/**
 * The executor's own time limit, for runs whose estimate was under RUN_TIME_LIMIT: the analysis
 * thread is faked by a script that never answers (the real one is the app's bundle).
 */
describe('AnalysisExecutor', () => {
  const script = join(mkdtempSync(join(tmpdir(), 'modalflow-thread-')), 'busy-thread.js');
  writeFileSync(script, "require('node:worker_threads').parentPort.on('message', () => { for (;;) {} });\n");
  const entry = process.argv[1];
  beforeAll(() => (process.argv[1] = script));
  afterAll(() => (process.argv[1] = entry));

  it('stops a run at its time limit and says so, then runs the next on a new thread', async () => {
    const executor = new AnalysisExecutor(new RecordSpool({ cachePath: tmpdir() } as OmaConfig));
    const record = { path: join(tmpdir(), 'never-read.mfds') };
    const error = await executor.execute('FDD', record, {}, 300).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunInterruptedError);
    expect(error).toMatchObject({
      reason: 'time-limit',
      message: 'the run exceeded its time limit of 0.3 s (RUN_TIME_LIMIT)',
    });
    await expect(executor.execute('FDD', record, {}, 300)).rejects.toThrow('time limit');
    await executor.onApplicationShutdown();
  });
});
