/**
 * bench/oma: wall time and peak memory of each analysis on the reference records and on a
 * simulated 12-channel, one-hour, 100 Hz record (first run in a fresh process, and the second, warm
 * one, as in a running worker). Target: peak memory under 500 MB on the latter.
 */
import { benchDatasets, runInChild } from './oma-datasets';

async function main(): Promise<void> {
  const datasets = await benchDatasets();
  console.log(
    'data set             analysis        channels  samples   read_s  first_run_s  analysis_s  peak_MB',
  );
  for (const { name, csvPath } of datasets) {
    for (const type of ['PREPROCESSING', 'FDD', 'SSI']) {
      const params =
        type === 'PREPROCESSING'
          ? { detrend: 'linear', filter: { type: 'highpass', order: 4, cutoff_hz: 0.05 } }
          : {};
      const figures = runInChild(csvPath, type, params);
      console.log(
        `${name.padEnd(20)} ${type.padEnd(15)} ${String(figures.channels).padStart(8)} ${String(figures.samples).padStart(8)} ` +
          `${(figures.read_ms / 1000).toFixed(2).padStart(8)} ${(figures.first_run_ms / 1000).toFixed(2).padStart(12)} ${(figures.analysis_ms / 1000).toFixed(2).padStart(11)} ${figures.peak_rss_mb.toFixed(0).padStart(8)}`,
      );
    }
  }
}

void main();
