import { Injectable, NotFoundException } from '@nestjs/common';
import { MeasureRepository } from '@modalflow/measurements';
import { recordSource, writeRecordFile } from '@modalflow/oma';
import { StorageInputError } from '@modalflow/storage';
import type { AnalysisInputSource, InputOwner } from './analysis-input-source';
import type { AnalysisInput } from './analysis-input';
import { selectedShape } from './selected-shape';

type MeasurementInput = Extract<AnalysisInput, { source: 'measurement' }>;

/** A fetched time series of the structure (measures database), with a channel selection and time window. */
@Injectable()
export class MeasurementInputSource implements AnalysisInputSource<'measurement'> {
  readonly source = 'measurement';

  constructor(private readonly measures: MeasureRepository) {}

  async shapeOf(input: MeasurementInput, { tenantId, structureId }: InputOwner) {
    const found = await this.measures.findShape(tenantId, structureId, input.measurement_id);
    if (!found)
      throw new NotFoundException(
        `measurement ${input.measurement_id} not found in structure ${structureId}`,
      );
    return selectedShape(input, {
      channels: found.channels,
      samplingRateHz: found.sampling_rate_hz,
      samples: found.samples,
    });
  }

  async read(input: MeasurementInput, { tenantId, structureId }: InputOwner, spooled: string) {
    const measurement = await this.measures.findById(tenantId, structureId, input.measurement_id);
    if (!measurement)
      throw new StorageInputError(`measurement ${input.measurement_id} not found for this structure`);
    writeRecordFile(
      spooled,
      recordSource({
        samplingRateHz: measurement.sampling_rate_hz,
        channels: measurement.channels,
        data: measurement.series.map((series) => Float64Array.from(series.values)),
      }),
    );
    return { path: spooled, channels: input.channels, start_s: input.start_s, end_s: input.end_s };
  }
}
