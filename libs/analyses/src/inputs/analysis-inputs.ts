import { Injectable, type OnModuleInit, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { RecordFileInput, RecordShape } from '@modalflow/oma';
import type { AnalysisInputSource, InputOwner } from './analysis-input-source';
import type { AnalysisInput } from './analysis-input';
import { AnalysisOutputInputSource } from './analysis-output.input';
import { BucketInputSource } from './bucket.input';
import { FileInputSource } from './file.input';
import { MeasurementInputSource } from './measurement.input';
import { UploadInputSource } from './upload.input';

/** Every kind of analysis input: a new one is a file beside these and a line here. */
export const ANALYSIS_INPUT_SOURCE_TYPES: Type<AnalysisInputSource>[] = [
  MeasurementInputSource,
  UploadInputSource,
  FileInputSource,
  BucketInputSource,
  AnalysisOutputInputSource,
];

/** The registry of input sources, which the API (checks) and the OMA worker (reads) both use. */
@Injectable()
export class AnalysisInputs implements OnModuleInit {
  private readonly sources = new Map<string, AnalysisInputSource>();

  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    for (const type of ANALYSIS_INPUT_SOURCE_TYPES) {
      const source = this.moduleRef.get(type);
      this.sources.set(source.source, source);
    }
  }

  shapeOf(input: AnalysisInput, owner: InputOwner): Promise<RecordShape | undefined> {
    return this.sourceOf(input).shapeOf(input, owner);
  }

  read(input: AnalysisInput, owner: InputOwner, spooled: string): Promise<RecordFileInput> {
    return this.sourceOf(input).read(input, owner, spooled);
  }

  private sourceOf(input: AnalysisInput): AnalysisInputSource {
    const source = this.sources.get(input.source);
    if (!source) throw new Error(`no input source "${input.source}"`);
    return source;
  }
}
