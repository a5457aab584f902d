import { Injectable, NotFoundException } from '@nestjs/common';
import { fieldError } from '@modalflow/contracts';
import { OmaInputError } from '@modalflow/oma';
import { DatasetCache } from '@modalflow/storage';
import { AnalysisResultRepository } from '../persistence/analysis-result.repository';
import { AnalysisRepository } from '../persistence/analysis.repository';
import type { AnalysisInputSource, InputOwner } from './analysis-input-source';
import type { AnalysisInput } from './analysis-input';

type AnalysisOutputInput = Extract<AnalysisInput, { source: 'analysis' }>;

/** The output of a PREPROCESSING analysis of the structure, kept in the cache. */
@Injectable()
export class AnalysisOutputInputSource implements AnalysisInputSource<'analysis'> {
  readonly source = 'analysis';

  constructor(
    private readonly analyses: AnalysisRepository,
    private readonly results: AnalysisResultRepository,
    private readonly cache: DatasetCache,
  ) {}

  /** Its shape once it is DONE (a run waits for it otherwise: see AnalysesService.run). */
  async shapeOf(input: AnalysisOutputInput, { tenantId, structureId }: InputOwner) {
    const source = await this.analyses.findById(tenantId, structureId, input.analysis_id);
    if (!source)
      throw new NotFoundException(`analysis ${input.analysis_id} not found in structure ${structureId}`);
    if (source.type !== 'PREPROCESSING')
      throw fieldError('input.analysis_id', 'must be a PREPROCESSING analysis of this structure');
    const [latest] = await this.results.findByIds(tenantId, structureId, source.result_ids.slice(-1));
    const result = latest?.result as
      { channels?: string[]; sampling_rate_hz?: number; samples?: number } | undefined;
    if (source.status !== 'DONE' || !result?.channels || !result.sampling_rate_hz || !result.samples)
      return undefined;
    return { channels: result.channels, samplingRateHz: result.sampling_rate_hz, samples: result.samples };
  }

  async read(input: AnalysisOutputInput, { tenantId, structureId }: InputOwner, spooled: string) {
    const source = await this.analyses.findById(tenantId, structureId, input.analysis_id);
    if (!source || source.type !== 'PREPROCESSING' || source.status !== 'DONE') {
      throw new OmaInputError(
        `input analysis ${input.analysis_id} must be a finished (DONE) PREPROCESSING analysis of this structure`,
      );
    }
    return { path: await this.cache.load(tenantId, structureId, input.analysis_id, spooled) };
  }
}
