import { Module } from '@nestjs/common';
import {
  AnalysesPersistenceModule,
  MonitoringPersistenceModule,
  StructuresPersistenceModule,
} from '@modalflow/database';
import { StructuresController } from './structures.controller';
import { StructuresService } from './structures.service';

@Module({
  imports: [StructuresPersistenceModule, AnalysesPersistenceModule, MonitoringPersistenceModule],
  controllers: [StructuresController],
  providers: [StructuresService],
})
export class StructuresModule {}
