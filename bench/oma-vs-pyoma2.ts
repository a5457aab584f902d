/**
 * bench/oma-vs-pyoma2: runs FDD (with EFDD) and covariance SSI of ours and of pyOMA2 (PyPI
 * `pyoma-2`, in its own virtual environment) on the same CSV files with the same settings, and
 * prints the time ratio per analysis. Timings exclude reading the file in both; pyOMA2 extracts
 * its modes at the frequencies ours found (its mode selection is manual), ours picks them itself.
 * The ratio uses our second (warm) run; the first run in a fresh process, with JIT compilation, is
 * printed beside it.
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

async function main(): Promise<void> {
  ensurePyoma2();
  const datasets = await benchDatasets();
  for (const { name, csvPath } of datasets) {
    for (const type of ['FDD', 'SSI']) {
      const ours = runInChild(csvPath, type);
      const settings = ours.params;
      const theirs = JSON.parse(
        execFileSync(
          python,
          [
            join(__dirname, 'pyoma2_run.py'),
            csvPath,
            type,
            JSON.stringify(settings),
            JSON.stringify(ours.frequencies_hz),
          ],
          {
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'ignore'],
            maxBuffer: 16 * 1024 * 1024,
          },
        )
          .trim()
          .split('\n')
          .pop()!,
      );
      const oursSeconds = ours.analysis_ms / 1000;
      console.log(
        `# ${name} ${type}: ours ${oursSeconds.toFixed(3)} s warm, ${(ours.first_run_ms / 1000).toFixed(3)} s first run (${ours.frequencies_hz.length} modes), pyOMA2 ${theirs.seconds.toFixed(3)} s`,
      );
      console.log(`${name} ${type} ratio: ${(oursSeconds / theirs.seconds).toFixed(3)}`);
    }
  }
}

void main();
