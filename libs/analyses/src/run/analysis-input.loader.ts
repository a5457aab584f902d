import { Injectable } from '@nestjs/common';
import type { RecordFileInput } from '@modalflow/oma';
import { AnalysisInputs } from '../inputs/analysis-inputs';
import type { Analysis } from '../persistence/analysis.schema';
import { RecordSpool } from './record-spool';

/** A run's input: a record file and what the analysis takes of it. */
export interface LoadedRecord {
  file: RecordFileInput;
  /** Removes the file when it was written for this run (a cached PREPROCESSING output stays). */
  release(): Promise<void>;
}

/**
 * Reads the record an analysis asks for (a measurement, a CSV file, an object, an upload, or a
 * PREPROCESSING output) into a record file that the analysis reads block by block: CSV streams
 * into it row by row, so memory does not grow with the record (docs/oma.md, "Memory").
 */
@Injectable()
export class AnalysisInputLoader {
  constructor(
    private readonly inputs: AnalysisInputs,
    private readonly spool: RecordSpool,
  ) {}

  async load(analysis: Analysis): Promise<LoadedRecord> {
    const path = this.spool.newPath(analysis.id, 'input');
    const release = () => this.spool.remove(path);
    try {
      const file = await this.inputs.read(
        analysis.input,
        { tenantId: analysis.tenant_id, structureId: analysis.structure_id },
        path,
      );
      return { file, release: file.path === path ? release : async () => undefined };
    } catch (error) {
      await release();
      throw error;
    }
  }
}
