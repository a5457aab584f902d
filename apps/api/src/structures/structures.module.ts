import { Module } from '@nestjs/common';
import { StructuresPersistenceModule } from '@modalflow/database';
import { StructuresController } from './structures.controller';
import { StructuresService } from './structures.service';

@Module({
  imports: [StructuresPersistenceModule],
  controllers: [StructuresController],
  providers: [StructuresService],
})
export class StructuresModule {}
