/**
 * The one CSV reading of the project, for resource data (libs/ingestion) and OMA records alike: a
 * header row of names, then rows of numbers; fields separated by `,` or `;` (whichever the header
 * uses more, `,` on a tie), a field may be quoted (`"a, b"`, `""` for a quote inside); blank lines
 * are skipped; a column named `time`, `t` or `timestamp` (optionally `[s]`) is the time column. It
 * is fed line by line so a large file streams through it into growing typed columns.
 */
import type { ChannelTable } from '../dataset';

const TIME_COLUMN = /^(time|t|timestamp)(\s*\[s\])?$/i;

/** Whether a column (of a CSV header or a JSON record) is the time column. */
export function isTimeColumn(name: string): boolean {
  return TIME_COLUMN.test(name.trim());
}

/**
 * Reads CSV line by line: the header, then each data row's numbers, checked (the first bad line and
 * column named). Keeps nothing but the header: CsvTableBuilder collects the rows into columns, a
 * streaming reader (an upload's check) sums them as they pass.
 */
export class CsvRowReader {
  private lineNumber = 0;
  private separator = ',';
  private names: string[] | null = null;

  /** `invalid` makes the caller's error (each library has its own) from a message. */
  constructor(private readonly invalid: (message: string) => Error) {}

  /** The column names, once the header has been read. */
  get header(): string[] | null {
    return this.names;
  }

  /** The line number of the last line read (1 is the first line of the text). */
  get line(): number {
    return this.lineNumber;
  }

  /** The numbers of one data row; null for the header and blank lines. */
  read(rawLine: string): number[] | null {
    this.lineNumber++;
    const line = rawLine.trim();
    if (line === '') return null;
    if (!this.names) {
      this.readHeader(line);
      return null;
    }
    const cells = splitCsvLine(line, this.separator);
    if (cells.length !== this.names.length) {
      throw this.invalid(
        `CSV line ${this.lineNumber} has ${cells.length} values; the header names ${this.names.length} columns`,
      );
    }
    const row = new Array<number>(cells.length);
    for (let column = 0; column < cells.length; column++) {
      const value = Number(cells[column]);
      if (cells[column].trim() === '' || !Number.isFinite(value)) {
        throw this.invalid(
          `CSV line ${this.lineNumber}, column ${column + 1} (${this.names[column]}): the value is not a number`,
        );
      }
      row[column] = value;
    }
    return row;
  }

  private readHeader(line: string): void {
    const count = (separator: string) => splitCsvLine(line, separator).length;
    this.separator = count(';') > count(',') ? ';' : ',';
    this.names = splitCsvLine(line, this.separator).map((name) => name.trim());
    if (this.names.some((name) => name === '')) throw this.invalid('CSV header has an empty column name');
  }
}

/** Collects a CSV (CsvRowReader) into growing typed columns, so a large file streams through it. */
export class CsvTableBuilder {
  private readonly rows: CsvRowReader;
  private columns: GrowableColumn[] = [];

  constructor(private readonly invalid: (message: string) => Error) {
    this.rows = new CsvRowReader(invalid);
  }

  addLine(rawLine: string): void {
    const row = this.rows.read(rawLine);
    if (!row) return;
    if (this.columns.length === 0) this.columns = row.map(() => new GrowableColumn());
    for (let column = 0; column < row.length; column++) this.columns[column].push(row[column]);
  }

  /** The table read so far: a header and at least one row. */
  finish(): ChannelTable {
    const names = this.rows.header;
    if (!names || this.columns.length === 0 || this.columns[0].length === 0)
      throw this.invalid('CSV needs a header row and at least one data row');
    return withTimeApart(
      names,
      this.columns.map((column) => column.values()),
    );
  }
}

/** The table of named columns, the first time column (isTimeColumn) set apart. */
export function withTimeApart(names: string[], columns: Float64Array[]): ChannelTable {
  const time = names.findIndex(isTimeColumn);
  if (time < 0) return { channels: names, data: columns };
  return {
    channels: names.filter((_, i) => i !== time),
    data: columns.filter((_, i) => i !== time),
    time: columns[time],
  };
}

/** Splits one line at `separator`, outside double quotes; quotes are removed, `""` is a quote. */
export function splitCsvLine(line: string, separator: string): string[] {
  if (!line.includes('"')) return line.split(separator);
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === separator) {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return fields;
}

/**
 * Values per chunk of a growing column: a column grows by chunks, not by doubling, so reading a
 * record needs its size once plus one column, not up to three times it.
 */
const CHUNK_VALUES = 65_536;

class GrowableColumn {
  private readonly chunks: Float64Array[] = [];
  /** Doubles from 256 values up to a chunk (small tables stay small), then fills whole chunks. */
  private current = new Float64Array(256);
  private filled = 0;
  length = 0;

  push(value: number): void {
    if (this.filled === this.current.length) {
      if (this.current.length < CHUNK_VALUES) {
        const larger = new Float64Array(this.current.length * 2);
        larger.set(this.current);
        this.current = larger;
      } else {
        this.chunks.push(this.current);
        this.current = new Float64Array(CHUNK_VALUES);
        this.filled = 0;
      }
    }
    this.current[this.filled++] = value;
    this.length++;
  }

  /** The values in one array of their exact length; the column is empty afterwards. */
  values(): Float64Array {
    const out = new Float64Array(this.length);
    let offset = 0;
    for (const chunk of this.chunks.splice(0)) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    out.set(this.current.subarray(0, this.filled), offset);
    this.current = new Float64Array(0);
    this.filled = 0;
    this.length = 0;
    return out;
  }
}
