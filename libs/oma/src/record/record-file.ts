import { closeSync, fstatSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { OmaInputError } from '../dataset';
import { forEachBlock, RecordSource } from './record-source';

/**
 * A record on disk that analyses read block by block (docs/oma.md, "Memory"): the samples as
 * float64, row after row (all channels of one instant together), then a JSON trailer (channels,
 * sampling rate, samples), then a footer of the trailer's length and the magic `MFDS2`. The trailer
 * comes last so a stream of unknown length (a CSV being read) can be written in one pass.
 */
const MAGIC = Buffer.from('MFDS2\0\0\0');
const FOOTER_BYTES = 16;
const BYTES = 8;
/** Rows gathered before a write: 4096 rows of 12 channels are 384 KB. */
const WRITE_ROWS = 4096;

interface Trailer {
  sampling_rate_hz: number;
  channels: string[];
  samples: number;
}

/** Writes a record file row by row (or block by block); `finish` makes it readable. */
export class RecordFileWriter {
  private readonly fd: number;
  private readonly pending: Float64Array;
  private filled = 0;
  private rows = 0;

  constructor(
    readonly path: string,
    private readonly width: number,
  ) {
    this.fd = openSync(path, 'w');
    this.pending = new Float64Array(WRITE_ROWS * width);
  }

  get samples(): number {
    return this.rows;
  }

  appendRow(values: ArrayLike<number>): void {
    for (let c = 0; c < this.width; c++) this.pending[this.filled + c] = values[c];
    this.filled += this.width;
    this.rows++;
    if (this.filled === this.pending.length) this.flush();
  }

  /** A block of rows given channel by channel (equal lengths). */
  appendColumns(columns: Float64Array[]): void {
    const length = columns[0]?.length ?? 0;
    for (let i = 0; i < length; i++) {
      for (let c = 0; c < this.width; c++) this.pending[this.filled + c] = columns[c][i];
      this.filled += this.width;
      this.rows++;
      if (this.filled === this.pending.length) this.flush();
    }
  }

  finish(channels: string[], samplingRateHz: number): void {
    this.flush();
    const trailer: Trailer = { sampling_rate_hz: samplingRateHz, channels, samples: this.rows };
    const json = Buffer.from(JSON.stringify(trailer));
    const footer = Buffer.alloc(FOOTER_BYTES);
    footer.writeBigUInt64LE(BigInt(json.length), 0);
    MAGIC.copy(footer, 8);
    writeSync(this.fd, Buffer.concat([json, footer]));
    closeSync(this.fd);
  }

  /** Stops writing and removes the file. */
  discard(): void {
    try {
      closeSync(this.fd);
    } catch {
      // already closed by finish
    }
    removeRecordFile(this.path);
  }

  private flush(): void {
    if (this.filled === 0) return;
    writeSync(this.fd, new Uint8Array(this.pending.buffer, 0, this.filled * BYTES));
    this.filled = 0;
  }
}

/** Writes a whole source (a record in memory, a processed record) to a record file. */
export function writeRecordFile(path: string, source: RecordSource): void {
  const writer = new RecordFileWriter(path, source.channels.length);
  try {
    forEachBlock(source, (block) => writer.appendColumns(block));
    writer.finish(source.channels, source.samplingRateHz);
  } catch (error) {
    writer.discard();
    throw error;
  }
}

/** A record file open for reading; `close` it when done. */
export class RecordFile implements RecordSource {
  readonly channels: string[];
  readonly samplingRateHz: number;
  readonly samples: number;
  private bytes = Buffer.alloc(0);
  private columns: Float64Array[] = [];

  private constructor(
    private readonly fd: number,
    trailer: Trailer,
  ) {
    this.channels = trailer.channels;
    this.samplingRateHz = trailer.sampling_rate_hz;
    this.samples = trailer.samples;
  }

  static open(path: string): RecordFile {
    const fd = openSync(path, 'r');
    try {
      return new RecordFile(fd, readTrailer(fd));
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  read(start: number, count: number): Float64Array[] {
    if (!(start >= 0 && count >= 0 && start + count <= this.samples)) {
      throw new RangeError(`rows ${start} to ${start + count} are outside the record's ${this.samples}`);
    }
    const width = this.channels.length;
    const length = count * width * BYTES;
    if (this.bytes.length < length) {
      // Its own ArrayBuffer at offset 0, so a Float64Array can view it.
      this.bytes = Buffer.allocUnsafeSlow(length);
      this.columns = this.channels.map(() => new Float64Array(count));
    }
    let done = 0;
    while (done < length) {
      const read = readSync(this.fd, this.bytes, done, length - done, start * width * BYTES + done);
      if (read === 0) throw new OmaInputError('the record file ended before its last sample');
      done += read;
    }
    const rows = new Float64Array(this.bytes.buffer, 0, count * width);
    return this.columns.map((column, c) => {
      for (let i = 0; i < count; i++) column[i] = rows[i * width + c];
      return column.subarray(0, count);
    });
  }

  close(): void {
    closeSync(this.fd);
  }
}

export function removeRecordFile(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function readTrailer(fd: number): Trailer {
  const notARecord = () => new OmaInputError('the stored record is not a ModalFlow record file');
  const size = fstatSync(fd).size;
  if (size < FOOTER_BYTES) throw notARecord();
  const footer = Buffer.alloc(FOOTER_BYTES);
  readSync(fd, footer, 0, FOOTER_BYTES, size - FOOTER_BYTES);
  if (!footer.subarray(8).equals(MAGIC)) throw notARecord();
  const length = Number(footer.readBigUInt64LE(0));
  if (length > size - FOOTER_BYTES) throw notARecord();
  const json = Buffer.alloc(length);
  readSync(fd, json, 0, length, size - FOOTER_BYTES - length);
  let trailer: Trailer;
  try {
    trailer = JSON.parse(json.toString('utf8')) as Trailer;
  } catch {
    throw notARecord();
  }
  const body = trailer.samples * trailer.channels.length * BYTES;
  if (body + length + FOOTER_BYTES !== size) throw notARecord();
  return trailer;
}
