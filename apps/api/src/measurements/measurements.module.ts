import { Module } from '@nestjs/common';
import { MeasurementsModule } from '@modalflow/measurements';
import { MeasurementsController } from './measurements.controller';

@Module({
  imports: [MeasurementsModule],
  controllers: [MeasurementsController],
})
export class MeasurementsApiModule {}
