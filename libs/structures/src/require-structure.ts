import { NotFoundException } from '@nestjs/common';
import { type StructureRepository } from './persistence/structure.repository';

/** 404 unless the structure is the caller's: another tenant's answers like a missing one. */
export async function requireStructure(
  structures: StructureRepository,
  tenantId: number,
  structureId: string,
): Promise<void> {
  if (!(await structures.findById(tenantId, structureId))) {
    throw new NotFoundException(`structure ${structureId} not found`);
  }
}
