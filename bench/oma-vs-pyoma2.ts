/**
 * bench/oma-vs-pyoma2: runs FDD (with EFDD), FSDD, covariance SSI, data SSI and pLSCF of ours and of pyOMA2
 * (PyPI `pyoma-2`, in its own virtual environment) on the same CSV files with the same settings, and
 * prints the time ratio per analysis. Timings exclude reading the file in both; pyOMA2 extracts
 * its modes at the frequencies ours found (its mode selection is manual), ours picks them itself.
 * The ratio uses our second (warm) run; the first run in a fresh process, with JIT compilation, is
 * printed beside it. Peak memory (RSS) of each process, reading the CSV included, beside it; last
 * line: `oma-vs-pyoma2: worst time ratio <x> worst memory ratio <y>` (ours / pyOMA2's). A fifth record
 * is pyOMA2's own example (its `example_data`, pyoma2_example.py) with known answers, which ours
 * are held against; the reference records' known frequencies (fixtures/oma/*.reference.json) too.
 * pyOMA2's data SSI forms the whole block Hankel matrix (2 x block rows x channels x samples
 * doubles): where that exceeds PYOMA2_HANKEL_LIMIT_GB it is not run, and the line says so.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { BenchDataset, benchCacheDir, benchDatasets, RunFigures, runInChild } from './oma-datasets';

const PYOMA2_VERSION = '1.4.3';
const TYPES = (process.env.TYPES ?? 'FDD,FSDD,SSI,SSI-DAT,PLSCF').split(',');
const PYOMA2_HANKEL_LIMIT_GB = Number(process.env.PYOMA2_HANKEL_LIMIT_GB ?? 4);
const venv = join(process.env.MODALFLOW_CACHE ?? join(homedir(), '.cache/modalflow'), 'pyoma2-venv');
const python = join(venv, 'bin/python');

function ensurePyoma2(): void {
  if (existsSync(python)) return;
  console.error(`installing pyoma-2 ${PYOMA2_VERSION} into ${venv} ...`);
  execFileSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
  execFileSync(python, ['-m', 'pip', 'install', '-q', `pyoma-2==${PYOMA2_VERSION}`], { stdio: 'inherit' });
}

interface Pyoma2Figures {
  seconds: number;
  frequencies_hz: number[];
  peak_rss_mb: number;
}

/** pyOMA2 on one record; undefined (its last error line printed) when it fails, e.g. out of memory. */
function runPyoma2(
  csvPath: string,
  type: string,
  settings: Record<string, unknown>,
  frequencies: number[],
): Pyoma2Figures | undefined {
  try {
    const output = execFileSync(
      python,
      [
        join(__dirname, 'pyoma2_run.py'),
        csvPath,
        type,
        JSON.stringify(settings),
        JSON.stringify(frequencies),
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 16 * 1024 * 1024 },
    );
    return JSON.parse(output.trim().split('\n').pop()!) as Pyoma2Figures;
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? (error as Error).message).trim();
    console.log(`# pyOMA2 ${type} on ${csvPath}: ${stderr.split('\n').pop()}`);
    return undefined;
  }
}

interface KnownAnswers {
  frequencies_hz: number[];
  /** One damping ratio for every mode (pyOMA2's example), or one per mode (the reference records). */
  damping_ratio?: number;
  damping_ratios?: number[];
}

/**
 * pyOMA2's own example record (a 5-storey shear frame, accelerations, 100 Hz, 300 s, seeded; written
 * by its `example_data`), with its known answers: a record with known answers from outside this
 * repository and its simulator.
 */
function pyoma2Example(): BenchDataset & { known: KnownAnswers } {
  const csvPath = join(benchCacheDir, 'pyoma2-example-5dof.csv');
  const referencePath = csvPath.replace(/\.csv$/, '.reference.json');
  if (!existsSync(referencePath))
    execFileSync(python, [join(__dirname, 'pyoma2_example.py'), csvPath], { stdio: 'inherit' });
  return {
    name: 'pyoma2-example-5dof',
    csvPath,
    known: JSON.parse(readFileSync(referencePath, 'utf8')) as KnownAnswers,
  };
}

/** A reference record's known frequencies (its .reference.json beside the CSV), if it has them. */
function referenceAnswers(csvPath: string): KnownAnswers | undefined {
  const path = csvPath.replace(/\.csv$/, '.reference.json');
  if (!existsSync(path)) return undefined;
  const reference = JSON.parse(readFileSync(path, 'utf8')) as {
    frequencies_hz: number[];
    damping_ratios?: number[];
    damping_ratio?: number;
  };
  return reference;
}

/** Our modes against known answers: the largest frequency error of the nearest mode, and the damping range. */
function againstKnown(ours: RunFigures, known: KnownAnswers): string {
  const errors = known.frequencies_hz.map((exact) =>
    Math.min(...ours.frequencies_hz.map((hz) => Math.abs(hz / exact - 1))),
  );
  const damping = ours.damping_ratios.filter((zeta): zeta is number => zeta !== null);
  const percent = (value: number) => (100 * value).toFixed(2);
  const trueDamping = known.damping_ratios ?? [known.damping_ratio ?? NaN];
  return (
    `${known.frequencies_hz.length} known modes, ${ours.frequencies_hz.length} found, largest frequency error ` +
    `${percent(Math.max(...errors))}%, damping ${percent(Math.min(...damping))}-${percent(Math.max(...damping))}% ` +
    `(true ${percent(Math.min(...trueDamping))}-${percent(Math.max(...trueDamping))}%)`
  );
}

async function main(): Promise<void> {
  ensurePyoma2();
  const datasets: Array<BenchDataset & { known?: KnownAnswers }> = [
    ...(await benchDatasets()).map((dataset) => ({ ...dataset, known: referenceAnswers(dataset.csvPath) })),
    pyoma2Example(),
  ];
  let worstTime = 0;
  let worstMemory = 0;
  for (const { name, csvPath, known } of datasets) {
    for (const type of TYPES) {
      const ours = runInChild(csvPath, type);
      if (known)
        console.log(`# ${name} ${type}, ours against the known answers: ${againstKnown(ours, known)}`);
      const settings = ours.params;
      const hankelGb = (2 * Number(settings.block_rows) * ours.channels * ours.samples * 8) / 2 ** 30;
      if (type === 'SSI-DAT' && hankelGb > PYOMA2_HANKEL_LIMIT_GB) {
        console.log(
          `# ${name} ${type}: ours ${(ours.analysis_ms / 1000).toFixed(3)} s warm, peak ${ours.peak_rss_mb.toFixed(0)} MB; ` +
            `pyOMA2 not run (its Hankel matrix alone would take ${hankelGb.toFixed(1)} GB)`,
        );
        continue;
      }
      const theirs = runPyoma2(csvPath, type, settings, ours.frequencies_hz);
      if (!theirs) {
        console.log(
          `# ${name} ${type}: ours ${(ours.analysis_ms / 1000).toFixed(3)} s warm, peak ${ours.peak_rss_mb.toFixed(0)} MB; pyOMA2 failed`,
        );
        continue;
      }
      const oursSeconds = ours.analysis_ms / 1000;
      const timeRatio = oursSeconds / theirs.seconds;
      const memoryRatio = ours.peak_rss_mb / theirs.peak_rss_mb;
      worstTime = Math.max(worstTime, timeRatio);
      worstMemory = Math.max(worstMemory, memoryRatio);
      console.log(
        `# ${name} ${type}: ours ${oursSeconds.toFixed(3)} s warm, ${(ours.first_run_ms / 1000).toFixed(3)} s first run ` +
          `(${ours.frequencies_hz.length} modes), peak ${ours.peak_rss_mb.toFixed(0)} MB; ` +
          `pyOMA2 ${theirs.seconds.toFixed(3)} s, peak ${theirs.peak_rss_mb.toFixed(0)} MB`,
      );
      console.log(`${name} ${type} ratio: ${timeRatio.toFixed(3)} memory ratio: ${memoryRatio.toFixed(3)}`);
    }
  }
  console.log(
    `oma-vs-pyoma2: worst time ratio ${worstTime.toFixed(3)} worst memory ratio ${worstMemory.toFixed(3)}`,
  );
}

void main();
