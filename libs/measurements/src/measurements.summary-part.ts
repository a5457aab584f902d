import { Injectable } from '@nestjs/common';
import { type StructureSummary, type StructureSummaryPart } from '@modalflow/structures';
import { MeasureRepository } from './persistence/measure.repository';

/** Each structure's measurements count and latest measurement time, for the structures list. */
@Injectable()
export class MeasurementsSummaryPart implements StructureSummaryPart {
  constructor(private readonly measures: MeasureRepository) {}

  async summarize(tenantId: number, structureIds: string[]): Promise<Map<string, Partial<StructureSummary>>> {
    const overviews = await Promise.all(structureIds.map((id) => this.measures.overview(tenantId, id)));
    return new Map(
      structureIds.map((id, i) => [
        id,
        { measurements: overviews[i].count, last_measurement_at: overviews[i].last_recorded_at },
      ]),
    );
  }
}
