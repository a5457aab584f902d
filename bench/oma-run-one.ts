/** Runs one analysis on one CSV file and prints its timings and peak memory as JSON (a child of bench/oma). */
import { AnalysisResult, readCsvFile, runAnalysis } from '@modalflow/oma';

async function main(): Promise<void> {
  const [file, type, paramsJson] = process.argv.slice(2);
  const readStart = performance.now();
  const dataset = await readCsvFile(file);
  const readMs = performance.now() - readStart;
  // The first run in a fresh process includes JIT compilation; a worker runs many analyses, so the
  // second run is the steady-state figure.
  const timings: number[] = [];
  let result: AnalysisResult | undefined;
  for (let run = 0; run < 2; run++) {
    const start = performance.now();
    result = runAnalysis(type, dataset, JSON.parse(paramsJson ?? '{}')).result;
    timings.push(performance.now() - start);
  }
  process.stdout.write(
    JSON.stringify({
      read_ms: readMs,
      first_run_ms: timings[0],
      analysis_ms: timings[1],
      peak_rss_mb: process.resourceUsage().maxRSS / 1024,
      channels: dataset.channels.length,
      samples: dataset.data[0].length,
      params: result!.params,
      frequencies_hz: result!.modes.map((mode) => mode.frequency_hz),
    }) + '\n',
  );
}

void main();
