import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { RecordFile, RecordFileWriter, removeRecordFile } from './record-file';
import { recordSource, RecordSource } from './record-source';

/**
 * Where a stage of the preprocessing keeps an intermediate record (a filter's forward pass) to read
 * it back: in memory for a record in memory, in record files for a record file, so the
 * preprocessing's memory follows its blocks, not the record.
 */
export interface ScratchSpace {
  /** A record written block by block, then read back. */
  writer(channels: string[], samplingRateHz: number): ScratchWriter;
  /** Frees what it holds (closes and removes its files). */
  dispose(): void;
}

export interface ScratchWriter {
  append(columns: Float64Array[]): void;
  finish(): RecordSource;
}

export function memoryScratch(): ScratchSpace {
  return {
    writer: (channels, samplingRateHz) => {
      const blocks: Float64Array[][] = [];
      return {
        append: (columns) => blocks.push(columns.map((column) => Float64Array.from(column))),
        finish: () => {
          const samples = blocks.reduce((sum, block) => sum + (block[0]?.length ?? 0), 0);
          const data = channels.map((_, c) => {
            const joined = new Float64Array(samples);
            let offset = 0;
            for (const block of blocks) {
              joined.set(block[c], offset);
              offset += block[c].length;
            }
            return joined;
          });
          return recordSource({ channels, samplingRateHz, data });
        },
      };
    },
    dispose: () => undefined,
  };
}

export function fileScratch(directory: string): ScratchSpace {
  const paths: string[] = [];
  const opened: RecordFile[] = [];
  return {
    writer: (channels, samplingRateHz) => {
      const path = join(directory, `scratch-${randomUUID()}.mfds`);
      paths.push(path);
      const writer = new RecordFileWriter(path, channels.length);
      return {
        append: (columns) => writer.appendColumns(columns),
        finish: () => {
          writer.finish(channels, samplingRateHz);
          const file = RecordFile.open(path);
          opened.push(file);
          return file;
        },
      };
    },
    dispose: () => {
      for (const file of opened.splice(0)) file.close();
      for (const path of paths.splice(0)) removeRecordFile(path);
    },
  };
}
