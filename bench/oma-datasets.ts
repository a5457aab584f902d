import { createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import { once } from 'node:events';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { simulate, writeCsv } from '@modalflow/oma';

export interface BenchDataset {
  name: string;
  csvPath: string;
}

const referenceDir = join(__dirname, '../fixtures/oma');
const cacheDir = join(process.env.MODALFLOW_CACHE ?? join(homedir(), '.cache/modalflow'), 'bench');

/** The two reference records and a simulated 12-channel, one-hour, 100 Hz record (written once, cached). */
export async function benchDatasets(): Promise<BenchDataset[]> {
  mkdirSync(cacheDir, { recursive: true });
  const simulated = join(cacheDir, 'simulated-12ch-1h-100hz.csv');
  if (!existsSync(simulated)) {
    const { dataset } = simulate({
      storeys: 12,
      sampling_rate_hz: 100,
      duration_s: 3600,
      noise: 0.05,
      seed: 1,
    });
    const out = createWriteStream(simulated + '.part');
    await writeCsv(dataset, out);
    out.end();
    await once(out, 'finish');
    renameSync(simulated + '.part', simulated);
  }
  return [
    { name: 'shearframe-5dof', csvPath: join(referenceDir, 'shearframe-5dof.csv') },
    { name: 'suspension-bridge', csvPath: join(referenceDir, 'suspension-bridge.csv') },
    { name: 'simulated-12ch-1h', csvPath: simulated },
  ];
}

export interface RunFigures {
  read_ms: number;
  /** First run in a fresh process (with JIT compilation). */
  first_run_ms: number;
  /** Second run: the steady state of a running worker. */
  analysis_ms: number;
  peak_rss_mb: number;
  channels: number;
  samples: number;
  params: Record<string, unknown>;
  frequencies_hz: number[];
}

/** Runs one analysis in a fresh Node process, so its peak memory is its own. */
export function runInChild(csvPath: string, type: string, params: Record<string, unknown> = {}): RunFigures {
  const output = execFileSync(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      join(__dirname, 'oma-run-one.ts'),
      csvPath,
      type,
      JSON.stringify(params),
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, cwd: join(__dirname, '..') },
  );
  return JSON.parse(output.trim().split('\n').pop()!);
}
