import { Module } from '@nestjs/common';
import { StructuresModule } from '@modalflow/structures';
import { MeasurementsService } from './measurements.service';
import { MeasuresPersistenceModule } from './persistence/measures.persistence.module';

/** The API's side of measurements: a structure's list (needs the measures database connection). */
@Module({
  imports: [MeasuresPersistenceModule, StructuresModule],
  providers: [MeasurementsService],
  exports: [MeasurementsService],
})
export class MeasurementsModule {}
