import { Injectable } from '@nestjs/common';
import { StructureGeometryRepository } from './persistence/structure-geometry.repository';
import { type StructurePart } from '@modalflow/structures';

/** A structure's geometry versions, removed with it (counted: a geometry is work worth a warning). */
@Injectable()
export class GeometryPart implements StructurePart {
  readonly name = 'geometry versions';
  readonly removalOrder = 3;

  constructor(private readonly geometries: StructureGeometryRepository) {}

  async count(tenantId: number, structureId: string): Promise<number> {
    return (await this.geometries.versions(tenantId, structureId)).length;
  }

  removeAll(tenantId: number, structureId: string): Promise<void> {
    return this.geometries.removeAll(tenantId, structureId);
  }
}
