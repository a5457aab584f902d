/**
 * Runs one analysis on one CSV file and prints its timings and peak memory as JSON (a child of
 * bench/oma, oma-vs-pyoma2 and oma-memory). The CSV is read as the worker and the CLI read it: into
 * a record file, analysed block by block.
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AnalysisResult,
  openCsvFile,
  removeRecordFile,
  runAnalysis,
  spoolCsvStream,
  withRecordFile,
} from '@modalflow/oma';

async function main(): Promise<void> {
  const [file, type, paramsJson] = process.argv.slice(2);
  const path = join(tmpdir(), `modalflow-bench-${process.pid}.mfds`);
  const outputPath = join(tmpdir(), `modalflow-bench-${process.pid}-output.mfds`);
  try {
    const readStart = performance.now();
    const shape = await spoolCsvStream(await openCsvFile(file), path);
    const readMs = performance.now() - readStart;
    // The first run in a fresh process includes JIT compilation; a worker runs many analyses, so the
    // second run is the steady-state figure.
    const timings: number[] = [];
    let result: AnalysisResult | undefined;
    for (let run = 0; run < 2; run++) {
      const start = performance.now();
      result = withRecordFile({ path }, (source) =>
        runAnalysis(type, source, JSON.parse(paramsJson ?? '{}'), { outputPath }),
      ).result;
      timings.push(performance.now() - start);
    }
    process.stdout.write(
      JSON.stringify({
        read_ms: readMs,
        first_run_ms: timings[0],
        analysis_ms: timings[1],
        peak_rss_mb: peakRssMb(),
        channels: shape.channels.length,
        samples: shape.samples,
        params: result!.params,
        frequencies_hz: result!.modes.map((mode) => mode.frequency_hz),
        damping_ratios: result!.modes.map((mode) => mode.damping_ratio),
      }) + '\n',
    );
  } finally {
    removeRecordFile(path);
    removeRecordFile(outputPath);
  }
}

/**
 * This process's peak RSS (VmHWM), in MB. Not `process.resourceUsage().maxRSS`: on Linux a spawned
 * process's maxRSS starts at its parent's RSS (kept across exec), so it would count the bench's memory.
 */
function peakRssMb(): number {
  const status = readFileSync('/proc/self/status', 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)![1]) / 1024;
}

void main();
