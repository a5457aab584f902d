/**
 * bench/oma-memory: FDD (with EFDD) and SSI at their defaults, and PREPROCESSING (linear detrend,
 * a 0.1 Hz high pass, decimation by 2), on the 200 MB record and on a 2.1 GB one (same structure,
 * nine times as long), each run in a fresh process that reads the CSV as the worker and the CLI do
 * (into a record file, analysed block by block). Prints time and peak memory (RSS, reading
 * included); the target (issue 18) is under 400 MB on the 2.1 GB record, and the figures of both
 * records show whether memory follows the record's length. Last line:
 * `oma-memory: 2.1 GB record peak PREPROCESSING <a> MB FDD <b> MB SSI <c> MB`.
 */
import { statSync } from 'node:fs';
import { benchDatasets, runInChild, twoGigabyteRecord } from './oma-datasets';

const RUNS: Record<string, Record<string, unknown>> = {
  PREPROCESSING: { detrend: 'linear', filter: { type: 'highpass', cutoff_hz: 0.1 }, decimation_factor: 2 },
  FDD: {},
  SSI: {},
};

async function main(): Promise<void> {
  const records = [
    (await benchDatasets()).find((d) => d.name === 'simulated-12ch-200mb')!,
    await twoGigabyteRecord(),
  ];
  const peaks: Record<string, number> = {};
  console.log('record                 size      samples  type            read s  analysis s  peak MB  modes');
  for (const { name, csvPath } of records) {
    const gigabytes = statSync(csvPath).size / 1e9;
    for (const [type, params] of Object.entries(RUNS)) {
      const run = runInChild(csvPath, type, params);
      peaks[type] = run.peak_rss_mb;
      console.log(
        `${name.padEnd(22)} ${gigabytes.toFixed(2).padStart(5)} GB ${String(run.samples).padStart(10)}  ${type.padEnd(13)} ` +
          `${(run.read_ms / 1000).toFixed(1).padStart(6)} ${(run.analysis_ms / 1000).toFixed(2).padStart(11)} ` +
          `${run.peak_rss_mb.toFixed(0).padStart(8)}  ${run.frequencies_hz.length}`,
      );
    }
  }
  console.log(
    `oma-memory: 2.1 GB record peak ${Object.entries(peaks)
      .map(([type, mb]) => `${type} ${mb.toFixed(0)} MB`)
      .join(' ')}`,
  );
}

void main();
