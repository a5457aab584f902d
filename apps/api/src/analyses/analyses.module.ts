import { Module } from '@nestjs/common';
import {
  AnalysesPersistenceModule,
  MeasuresPersistenceModule,
  StructuresPersistenceModule,
  UploadsPersistenceModule,
} from '@modalflow/database';
import { MonitoringModule } from '@modalflow/pipeline';
import { StorageModule } from '@modalflow/storage';
import { PlotsService } from '../plots/plots.service';
import { AnalysesController } from './analyses.controller';
import { AnalysesService } from './analyses.service';

@Module({
  imports: [
    StructuresPersistenceModule,
    AnalysesPersistenceModule,
    MeasuresPersistenceModule,
    UploadsPersistenceModule,
    StorageModule,
    MonitoringModule,
  ],
  controllers: [AnalysesController],
  providers: [AnalysesService, PlotsService],
  exports: [AnalysesService],
})
export class AnalysesModule {}
