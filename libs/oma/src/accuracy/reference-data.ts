import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The public reference records kept in fixtures/oma (see its README for sources and licences). */
export const REFERENCE_DATA_DIR =
  process.env.OMA_REFERENCE_DIR ?? join(__dirname, '../../../../fixtures/oma');

export interface ReferenceRecord {
  csvPath: string;
  frequencies_hz: number[];
  damping_ratios: number[];
  mode_shapes: number[][];
}

export function referenceRecord(name: string): ReferenceRecord {
  const reference = JSON.parse(
    readFileSync(join(REFERENCE_DATA_DIR, `${name}.reference.json`), 'utf8'),
  ) as Omit<ReferenceRecord, 'csvPath'>;
  return {
    csvPath: join(REFERENCE_DATA_DIR, `${name}.csv`),
    frequencies_hz: reference.frequencies_hz,
    damping_ratios: reference.damping_ratios,
    mode_shapes: reference.mode_shapes,
  };
}

export const relativeError = (estimate: number, exact: number) => Math.abs(estimate - exact) / exact;
