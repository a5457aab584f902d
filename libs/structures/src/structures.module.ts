import { Module } from '@nestjs/common';
import { StructuresPersistenceModule } from './persistence/structures.persistence.module';
import { StructureParts } from './structure-parts';
import { StructureSummaries } from './structure-summaries';
import { StructuresService } from './structures.service';

/** Structures: their documents, their use cases, and the parts other features keep of them
 * and summarise. */
@Module({
  imports: [StructuresPersistenceModule],
  providers: [StructuresService, StructureParts, StructureSummaries],
  exports: [StructuresService, StructureParts, StructureSummaries, StructuresPersistenceModule],
})
export class StructuresModule {}
