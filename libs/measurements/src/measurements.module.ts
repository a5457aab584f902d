import { Module, OnModuleInit } from '@nestjs/common';
import { StructureSummaries, StructuresModule } from '@modalflow/structures';
import { MeasurementsService } from './measurements.service';
import { MeasurementsSummaryPart } from './measurements.summary-part';
import { MeasuresPersistenceModule } from './persistence/measures.persistence.module';

/**
 * The API's side of measurements: a structure's list and its share of the structures list's
 * summaries (needs the measures database connection).
 */
@Module({
  imports: [MeasuresPersistenceModule, StructuresModule],
  providers: [MeasurementsService, MeasurementsSummaryPart],
  exports: [MeasurementsService],
})
export class MeasurementsModule implements OnModuleInit {
  constructor(
    private readonly summaries: StructureSummaries,
    private readonly part: MeasurementsSummaryPart,
  ) {}

  onModuleInit(): void {
    this.summaries.register(this.part);
  }
}
