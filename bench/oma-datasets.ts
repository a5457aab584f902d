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
export const benchCacheDir = join(
  process.env.MODALFLOW_CACHE ?? join(homedir(), '.cache/modalflow'),
  'bench',
);

/**
 * The two reference records and two simulated 12-storey records at 100 Hz: one hour, and 12,500 s
 * (1.25 million samples x 12 channels, a 200 MB CSV). Simulated ones are written once and cached.
 */
export async function benchDatasets(): Promise<BenchDataset[]> {
  mkdirSync(benchCacheDir, { recursive: true });
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

/**
 * A 2.1 GB CSV of the 12-storey frame at 100 Hz (nine 12,500-s simulations one after the other,
 * 112,500 s = 11.25 million samples x 12 channels), for bench/oma-memory. Written once and cached.
 */
export async function twoGigabyteRecord(): Promise<BenchDataset> {
  mkdirSync(benchCacheDir, { recursive: true });
  return {
    name: 'simulated-12ch-2gb',
    csvPath: await simulatedRecord('simulated-12ch-112500s-100hz.csv', 12_500, 9),
  };
}

/** `pieces` simulations of `durationS` each (seeds 1, 2, ...), written one after the other. */
async function simulatedRecord(fileName: string, durationS: number, pieces = 1): Promise<string> {
  const path = join(benchCacheDir, fileName);
  if (existsSync(path)) return path;
  const out = createWriteStream(path + '.part');
  for (let piece = 0; piece < pieces; piece++) {
    const { dataset } = simulate({
      storeys: 12,
      sampling_rate_hz: 100,
      duration_s: durationS,
      noise: 0.05,
      seed: piece + 1,
    });
    const samples = dataset.data[0].length;
    await writeCsv(dataset, out, piece === 0 ? {} : { continueFrom: piece * samples });
  }
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
  damping_ratios: Array<number | null>;
}

/**
 * Runs one analysis in a fresh Node process, so its peak memory is its own. The child runs compiled
 * JavaScript (as the OMA worker does), not ts-node: the TypeScript compiler alone would add about
 * 150 MB to its memory.
 */
export function runInChild(csvPath: string, type: string, params: Record<string, unknown> = {}): RunFigures {
  const output = execFileSync(
    process.execPath,
    ['-r', 'tsconfig-paths/register', compiledRunner(), csvPath, type, JSON.stringify(params)],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      cwd: join(__dirname, '..'),
      // tsconfig-paths maps @modalflow/oma to libs/oma/src under the compiled tree.
      env: { ...process.env, TS_NODE_BASEURL: compiledDir },
    },
  );
  return JSON.parse(output.trim().split('\n').pop()!);
}

// Inside the repository, so the compiled files find its node_modules.
const compiledDir = join(__dirname, '../dist/bench');
let compiled = false;

/** bench/oma-run-one.ts and libs/oma compiled by tsc into dist/bench, once per bench run. */
function compiledRunner(): string {
  if (!compiled) {
    execFileSync(
      process.execPath,
      [
        require.resolve('typescript/bin/tsc'),
        '-p',
        join(__dirname, 'tsconfig.run-one.json'),
        '--outDir',
        compiledDir,
      ],
      { stdio: 'inherit' },
    );
    compiled = true;
  }
  return join(compiledDir, 'bench/oma-run-one.js');
}
