import { Module } from '@nestjs/common';
import { AnalysesController } from './analyses.controller';
import { AnalysisTypesController } from './analysis-types.controller';
import { AnalysesModule } from '@modalflow/analyses';

@Module({
  imports: [AnalysesModule],
  controllers: [AnalysesController, AnalysisTypesController],
})
export class AnalysesApiModule {}
