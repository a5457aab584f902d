import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAnalysis } from '../analysis';
import { writeRecordFile } from '../record/record-file';
import { withRecordFile } from '../record/record-selection';
import { readWhole, recordSource } from '../record/record-source';
import { simulate } from '../simulate/simulate';

/**
 * An analysis reading a record file block by block (the worker's and the CLI's way) gives exactly
 * what it gives on the record in memory: blocks, overlaps and tails are read right.
 */
describe('analyses of a record file', () => {
  let directory: string;
  let path: string;
  const { dataset, modes } = simulate({ storeys: 3, duration_s: 1600, sampling_rate_hz: 50, seed: 11 });
  // A dead channel too, left out by the usable-record check in both cases.
  const withDeadChannel = {
    ...dataset,
    channels: [...dataset.channels, 'dead'],
    data: [...dataset.data, new Float64Array(dataset.data[0].length).fill(3)],
  };

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'record-analysis-'));
    path = join(directory, 'frame.mfds');
    writeRecordFile(path, recordSource(withDeadChannel));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it.each([
    ['FDD', {}],
    ['SSI', {}],
    [
      'PREPROCESSING',
      { detrend: 'linear', filter: { type: 'highpass', cutoff_hz: 0.5 }, decimation_factor: 2 },
    ],
  ])('%s gives the same result (80,000 samples: two blocks of a pass)', (type, params) => {
    const inMemory = runAnalysis(type, withDeadChannel, params);
    const fromFile = withRecordFile({ path }, (source) => runAnalysis(type, source, params));
    expect(fromFile).toEqual(inMemory);
    if (type === 'PREPROCESSING') return;
    for (const exact of modes) {
      const found = fromFile.result.modes.map((mode) => mode.frequency_hz);
      expect(Math.min(...found.map((hz) => Math.abs(hz / exact.frequency_hz - 1)))).toBeLessThan(0.01);
    }
  });

  it('PREPROCESSING writes the same processed record to a record file, through scratch files it removes', () => {
    const params = {
      channels: ['floor3', 'floor1'],
      detrend: 'constant',
      filter: { type: 'lowpass', cutoff_hz: 12 },
    };
    const inMemory = runAnalysis('PREPROCESSING', dataset, params);
    const outputPath = join(directory, 'output.mfds');
    const fromFile = withRecordFile({ path }, (source) =>
      runAnalysis('PREPROCESSING', source, params, { outputPath }),
    );
    expect(fromFile.result).toEqual(inMemory.result);
    expect(fromFile.dataset).toBeUndefined();
    expect(withRecordFile({ path: outputPath }, readWhole)).toEqual(inMemory.dataset);
    expect(readdirSync(directory).sort()).toEqual(['frame.mfds', 'output.mfds']);
  });

  it('reads the selected channels and window of the file', () => {
    const input = { path, channels: ['floor2', 'floor1', 'floor3'], start_s: 100, end_s: 700 };
    const fromFile = withRecordFile(input, (source) => runAnalysis('SSI', source, {}));
    const first = 100 * 50;
    const inMemory = runAnalysis('SSI', {
      samplingRateHz: 50,
      channels: input.channels,
      data: [1, 0, 2].map((c) => dataset.data[c].slice(first, 700 * 50)),
    });
    expect(fromFile).toEqual(inMemory);
  });
});
