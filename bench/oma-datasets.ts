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

/**
 * The two reference records and two simulated 12-storey records at 100 Hz: one hour, and 12,500 s
 * (1.25 million samples x 12 channels, a 200 MB CSV). Simulated ones are written once and cached.
 */
export async function benchDatasets(): Promise<BenchDataset[]> {
  mkdirSync(cacheDir, { recursive: true });
  return [
    { name: 'shearframe-5dof', csvPath: join(referenceDir, 'shearframe-5dof.csv') },
    { name: 'suspension-bridge', csvPath: join(referenceDir, 'suspension-bridge.csv') },
    { name: 'simulated-12ch-1h', csvPath: await simulatedRecord('simulated-12ch-1h-100hz.csv', 3600) },
    {
      name: 'simulated-12ch-200mb',
      csvPath: await simulatedRecord('simulated-12ch-12500s-100hz.csv', 12_500),
    },
  ];
}

async function simulatedRecord(fileName: string, durationS: number): Promise<string> {
  const path = join(cacheDir, fileName);
  if (existsSync(path)) return path;
  const { dataset } = simulate({
    storeys: 12,
    sampling_rate_hz: 100,
    duration_s: durationS,
    noise: 0.05,
    seed: 1,
  });
  const out = createWriteStream(path + '.part');
  await writeCsv(dataset, out);
  out.end();
  await once(out, 'finish');
  renameSync(path + '.part', path);
  return path;
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
