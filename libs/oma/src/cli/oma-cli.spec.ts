import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCsv } from '../io/csv-writer';
import { recordSource, readWhole } from '../record/record-source';
import { channelsOfSource } from '../record/record-views';
import { simulate } from '../simulate/simulate';

/** `npm run oma` with several CSV files: one setup each, merged on the references. */
describe('the command line with several CSV files', () => {
  const directory = mkdtempSync(join(tmpdir(), 'modalflow-cli-'));
  const files = ['east', 'west'].map((name) => join(directory, `${name}.csv`));
  const run = (...args: string[]) =>
    execFileSync(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        '-r',
        'tsconfig-paths/register',
        join(__dirname, 'oma-cli.ts'),
        ...args,
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );

  beforeAll(async () => {
    // A 5-storey frame: floors 5 and 4 the references, floors 1-2 in one setup, floor 3 in the other.
    for (const [s, roving] of [[0, 1], [2]].entries()) {
      const { dataset } = simulate({ storeys: 5, duration_s: 600, sampling_rate_hz: 20, seed: 60 + s });
      const out = createWriteStream(files[s]);
      await writeCsv(readWhole(channelsOfSource(recordSource(dataset), [4, 3, ...roving])), out);
      out.end();
      await once(out, 'finish');
    }
  });

  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it("gives the modes over the references once and each file's roving channels", () => {
    const result = JSON.parse(run('SSI', ...files, '--params', '{"references": ["floor5", "floor4"]}')) as {
      channels: string[];
      modes: Array<{ frequency_hz: number; mode_shape: number[] }>;
      multi_setup: { method: string };
    };
    expect(result.channels).toEqual(['floor5', 'floor4', 'east:floor1', 'east:floor2', 'west:floor3']);
    expect(result.multi_setup.method).toBe('PreGER');
    expect(result.modes).toHaveLength(5);
    for (const mode of result.modes) expect(mode.mode_shape).toHaveLength(5);
  }, 60000);

  it('names the reference a setup lacks, exiting with 2', () => {
    try {
      run('SSI', ...files, '--params', '{"references": ["floor9"]}');
      throw new Error('expected a refusal');
    } catch (error) {
      const { status, stderr } = error as { status: number; stderr: string };
      expect(status).toBe(2);
      expect(stderr).toMatch(/params\.references names "floor9", which setup "east" does not have/);
    }
  }, 60000);
});
