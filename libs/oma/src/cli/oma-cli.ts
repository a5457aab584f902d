/**
 * Command line of the OMA library:
 *   npm run oma -- <PREPROCESSING|FDD|FSDD|SSI|SSI-DAT> <file.csv> [--fs <Hz>] [--params '<json>'] [--out <file.csv>]
 *   npm run oma -- <FDD|FSDD|SSI|SSI-DAT> <setup1.csv> <setup2.csv> ... --params '{"references": [...]}'
 *   npm run oma -- simulate [--params '<json>'] > file.csv
 */
import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { OmaInputError } from '../dataset';
import { openCsvFile, spoolCsvStream } from '../io/csv-reader';
import { RecordFile, removeRecordFile } from '../record/record-file';
import { withRecordFile } from '../record/record-selection';
import { writeCsv } from '../io/csv-writer';
import { AnalysisResult, checkRun, runAnalysis } from '../analysis';
import { AnalysisType } from '../params/parameter-schemas';
import { simulate } from '../simulate/simulate';
import { multiSetupAnalysis, MultiSetupResult, singleSetupParams } from '../multisetup/multi-setup';

const USAGE = `usage:
  npm run oma -- <PREPROCESSING|FDD|FSDD|SSI|SSI-DAT> <file.csv> [--fs <Hz>] [--params '<json>'] [--out <processed.csv>]
  npm run oma -- <FDD|FSDD|SSI|SSI-DAT> <setup1.csv> <setup2.csv> ... [--fs <Hz>] --params '{"references": ["ref1", ...], "multi_setup": "PreGER|PoSER"}'
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
  const [command, file, ...moreFiles] = positionals;
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
  const type = command.toUpperCase() as AnalysisType;
  const result = moreFiles.length
    ? await analyseSetups([file, ...moreFiles], samplingRateHz, type, params)
    : await analyseCsvFile(file, samplingRateHz, type, params, values.out);
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
}

/**
 * The CSV is read into a record file the analysis reads block by block, and a processed record is
 * written to one before `csvOut`: memory does not grow with the record.
 */
async function analyseCsvFile(
  file: string,
  samplingRateHz: number | undefined,
  type: AnalysisType,
  params: Record<string, unknown>,
  csvOut: string | undefined,
): Promise<AnalysisResult> {
  const input = join(tmpdir(), `modalflow-oma-${process.pid}-input.mfds`);
  const output = join(tmpdir(), `modalflow-oma-${process.pid}-output.mfds`);
  try {
    const shape = await spoolCsvStream(await openCsvFile(file), input, { samplingRateHz });
    // The same checks as the API and the worker; no budget: the machine is the user's own.
    checkRun(type, params, shape, { maxMemoryBytes: Infinity, maxSeconds: Infinity });
    const { result } = withRecordFile({ path: input }, (source) =>
      runAnalysis(type, source, params, { outputPath: output }),
    );
    if (csvOut && type === 'PREPROCESSING') {
      const processed = RecordFile.open(output);
      const out = createWriteStream(csvOut);
      try {
        await writeCsv(processed, out);
      } finally {
        processed.close();
        out.end();
      }
    }
    return result;
  } finally {
    removeRecordFile(input);
    removeRecordFile(output);
  }
}

/**
 * A multi-setup analysis of several CSV files, one setup each, named by its file name (roving
 * channels come back as `<file name>:<channel>`); each is read into its own record file.
 */
async function analyseSetups(
  files: string[],
  samplingRateHz: number | undefined,
  type: AnalysisType,
  params: Record<string, unknown>,
): Promise<MultiSetupResult> {
  const paths = files.map((_, i) => join(tmpdir(), `modalflow-oma-${process.pid}-setup${i}.mfds`));
  const opened: RecordFile[] = [];
  try {
    const setupParams = singleSetupParams(params);
    for (const [i, file] of files.entries()) {
      const shape = await spoolCsvStream(await openCsvFile(file), paths[i], { samplingRateHz });
      if (type !== 'SSI-DAT')
        checkRun(type, setupParams, shape, { maxMemoryBytes: Infinity, maxSeconds: Infinity });
      opened.push(RecordFile.open(paths[i]));
    }
    const setups = opened.map((source, i) => ({ name: basename(files[i], extname(files[i])), source }));
    return multiSetupAnalysis(type, setups, params);
  } finally {
    opened.forEach((file) => file.close());
    paths.forEach(removeRecordFile);
  }
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
