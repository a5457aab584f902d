import { Module } from '@nestjs/common';
import { StructuresPersistenceModule } from './persistence/structures.persistence.module';
import { StructureParts } from './structure-parts';
import { StructuresService } from './structures.service';

/** Structures: their documents, their use cases, and the parts other features keep of them. */
@Module({
  imports: [StructuresPersistenceModule],
  providers: [StructuresService, StructureParts],
  exports: [StructuresService, StructureParts, StructuresPersistenceModule],
})
export class StructuresModule {}
