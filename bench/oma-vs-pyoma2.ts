/**
 * bench/oma-vs-pyoma2: runs FDD (with EFDD) and covariance SSI of ours and of pyOMA2 (PyPI
 * `pyoma-2`, in its own virtual environment) on the same CSV files with the same settings, and
 * prints the time ratio per analysis. Timings exclude reading the file in both; pyOMA2 extracts
 * its modes at the frequencies ours found (its mode selection is manual), ours picks them itself.
 * The ratio uses our second (warm) run; the first run in a fresh process, with JIT compilation, is
 * printed beside it. Peak memory (RSS) of each process, reading the CSV included, beside it; last
 * line: `oma-vs-pyoma2: worst time ratio <x> worst memory ratio <y>` (ours / pyOMA2's).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { benchDatasets, runInChild } from './oma-datasets';

const PYOMA2_VERSION = '1.4.3';
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

async function main(): Promise<void> {
  ensurePyoma2();
  const datasets = await benchDatasets();
  let worstTime = 0;
  let worstMemory = 0;
  for (const { name, csvPath } of datasets) {
    for (const type of ['FDD', 'SSI']) {
      const ours = runInChild(csvPath, type);
      const settings = ours.params;
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
