import { Module } from '@nestjs/common';
import { AnalysesController } from './analyses.controller';
import { AnalysesModule } from '@modalflow/analyses';

@Module({
  imports: [AnalysesModule],
  controllers: [AnalysesController],
})
export class AnalysesApiModule {}
