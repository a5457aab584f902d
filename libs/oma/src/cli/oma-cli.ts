/**
 * Command line of the OMA library:
 *   npm run oma -- <PREPROCESSING|FDD|SSI> <file.csv> [--fs <Hz>] [--params '<json>'] [--out <file.csv>]
 *   npm run oma -- simulate [--params '<json>'] > file.csv
 */
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { OmaInputError, shapeOf } from '../dataset';
import { readCsvFile } from '../io/csv-reader';
import { writeCsv } from '../io/csv-writer';
import { checkRun, runAnalysis } from '../analysis';
import { AnalysisType } from '../params/parameter-schemas';
import { simulate } from '../simulate/simulate';

const USAGE = `usage:
  npm run oma -- <PREPROCESSING|FDD|SSI> <file.csv> [--fs <Hz>] [--params '<json>'] [--out <processed.csv>]
  npm run oma -- simulate [--params '<json>'] > record.csv`;

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      fs: { type: 'string' },
      params: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  const [command, file] = positionals;
  if (values.help || !command) return void console.log(USAGE);
  const params = parseParams(values.params);

  if (command === 'simulate') {
    const { dataset, modes } = simulate(params);
    process.stderr.write(`exact modes: ${JSON.stringify(modes)}\n`);
    return writeCsv(dataset, process.stdout);
  }
  if (!file) throw new OmaInputError(`give the CSV file to analyse\n${USAGE}`);
  const samplingRateHz = values.fs === undefined ? undefined : Number(values.fs);
  if (samplingRateHz !== undefined && !(samplingRateHz > 0))
    throw new OmaInputError('--fs must be a positive number of Hz');
  const dataset = await readCsvFile(file, { samplingRateHz });
  const type = command.toUpperCase() as AnalysisType;
  // The same checks as the API and the worker; no budget: the machine is the user's own.
  checkRun(type, params, shapeOf(dataset), { maxMemoryBytes: Infinity, maxSeconds: Infinity });
  const outcome = runAnalysis(type, dataset, params);
  if (values.out && outcome.dataset) {
    const out = createWriteStream(values.out);
    await writeCsv(outcome.dataset, out);
    out.end();
  }
  process.stdout.write(JSON.stringify(outcome.result, null, 2) + '\n');
}

function parseParams(text: string | undefined): Record<string, unknown> {
  if (!text) return {};
  try {
    const params: unknown = JSON.parse(text);
    if (typeof params !== 'object' || params === null || Array.isArray(params)) throw new Error();
    return params as Record<string, unknown>;
  } catch {
    throw new OmaInputError(`--params must be a JSON object, got ${text}`);
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error instanceof OmaInputError ? 'error' : 'failed'}: ${error.message}\n`);
  process.exitCode = error instanceof OmaInputError ? 2 : 1;
});
