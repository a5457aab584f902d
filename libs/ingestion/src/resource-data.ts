import { CsvTableBuilder, withTimeApart, type ChannelTable } from '@modalflow/oma';

/** Data that can never be processed as given (not numeric, ragged, empty): not worth a retry. */
export class InvalidDataError extends Error {
  override name = 'InvalidDataError';
}

/**
 * Reads resource data: CSV text (as libs/oma's csv-table.ts reads it), a JSON array of records, a
 * JSON object of equal-length arrays, or one record (an object of scalars); a time column is set
 * apart. Non-numeric values are named by line and column (CSV) or record and field (JSON).
 */
export function parseResourceData(data: unknown): ChannelTable {
  if (typeof data === 'string') {
    const text = data.trim();
    if (text.startsWith('[') || text.startsWith('{')) return parseResourceData(parseJson(text));
    return parseCsv(text);
  }
  if (Array.isArray(data)) return fromRecords(data);
  if (typeof data === 'object' && data !== null) {
    const object = data as Record<string, unknown>;
    // One record (an object of scalars) is a single row; otherwise an object of equal-length arrays.
    const isRecord = Object.values(object).every((value) => !Array.isArray(value));
    return isRecord ? fromRecords([object]) : fromColumns(object);
  }
  throw new InvalidDataError('data is neither CSV text, an array of records nor an object of arrays');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidDataError('data is not valid JSON');
  }
}

/** CSV text as the OMA records are read (one reading: libs/oma's csv-table.ts). */
export function parseCsv(text: string): ChannelTable {
  const table = new CsvTableBuilder((message) => new InvalidDataError(message));
  for (const line of text.split(/\r?\n/)) table.addLine(line);
  return table.finish();
}

function fromRecords(records: unknown[]): ChannelTable {
  if (records.length === 0) throw new InvalidDataError('data has no records');
  const names = new Set<string>();
  records.forEach((record, i) => {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      throw new InvalidDataError(`record ${i + 1} is not an object`);
    }
    for (const [key, value] of Object.entries(record)) if (typeof value === 'number') names.add(key);
  });
  const fields = [...names];
  if (fields.length === 0) throw new InvalidDataError('data records have no numeric field');
  const columns = fields.map((field) =>
    Float64Array.from(
      records
        .map((record) => (record as Record<string, unknown>)[field])
        .filter((value): value is number => typeof value === 'number' && Number.isFinite(value)),
    ),
  );
  return withTimeApart(fields, columns);
}

function fromColumns(object: Record<string, unknown>): ChannelTable {
  const fields = Object.keys(object);
  if (fields.length === 0) throw new InvalidDataError('data has no fields');
  const columns = fields.map((field) => {
    const values = object[field];
    if (!Array.isArray(values)) throw new InvalidDataError(`field ${field} is not an array`);
    return Float64Array.from(values, (value: unknown, i) => {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new InvalidDataError(`field ${field}, value ${i + 1}: the value is not a number`);
      }
      return value;
    });
  });
  const length = columns[0].length;
  const ragged = columns.findIndex((column) => column.length !== length);
  if (ragged >= 0)
    throw new InvalidDataError(
      `field ${fields[ragged]} has ${columns[ragged].length} values, ${fields[0]} has ${length}`,
    );
  return withTimeApart(fields, columns);
}
