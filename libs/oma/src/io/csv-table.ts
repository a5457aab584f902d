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

export class CsvTableBuilder {
  private lineNumber = 0;
  private separator = ',';
  private names: string[] | null = null;
  private columns: GrowableColumn[] = [];

  /** `invalid` makes the caller's error (each library has its own) from a message. */
  constructor(private readonly invalid: (message: string) => Error) {}

  addLine(rawLine: string): void {
    this.lineNumber++;
    const line = rawLine.trim();
    if (line === '') return;
    if (!this.names) return this.readHeader(line);
    const cells = splitCsvLine(line, this.separator);
    if (cells.length !== this.names.length) {
      throw this.invalid(
        `CSV line ${this.lineNumber} has ${cells.length} values; the header names ${this.names.length} columns`,
      );
    }
    for (let column = 0; column < cells.length; column++) {
      const value = Number(cells[column]);
      if (cells[column].trim() === '' || !Number.isFinite(value)) {
        throw this.invalid(
          `CSV line ${this.lineNumber}, column ${column + 1} (${this.names[column]}): the value is not a number`,
        );
      }
      this.columns[column].push(value);
    }
  }

  /** The table read so far: a header and at least one row. */
  finish(): ChannelTable {
    if (!this.names || this.columns[0].length === 0)
      throw this.invalid('CSV needs a header row and at least one data row');
    return withTimeApart(
      this.names,
      this.columns.map((column) => column.values()),
    );
  }

  private readHeader(line: string): void {
    const count = (separator: string) => splitCsvLine(line, separator).length;
    this.separator = count(';') > count(',') ? ';' : ',';
    this.names = splitCsvLine(line, this.separator).map((name) => name.trim());
    if (this.names.some((name) => name === '')) throw this.invalid('CSV header has an empty column name');
    this.columns = this.names.map(() => new GrowableColumn());
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

class GrowableColumn {
  private buffer = new Float64Array(256);
  length = 0;

  push(value: number): void {
    if (this.length === this.buffer.length) {
      const larger = new Float64Array(this.buffer.length * 2);
      larger.set(this.buffer);
      this.buffer = larger;
    }
    this.buffer[this.length++] = value;
  }

  values(): Float64Array {
    return this.buffer.slice(0, this.length);
  }
}
