import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { decodeNestedArrays, encodeNestedArrays, isDuplicateKey } from '@modalflow/database';
import { type CheckedGeometry } from '@modalflow/oma';

/** One version of a structure's geometry. */
export interface StructureGeometry {
  tenant_id: number;
  structure_id: string;
  /** 1, 2, ...: every PUT stores a new one; results are drawn with the version of their time. */
  version: number;
  geometry: CheckedGeometry;
  created_by: number;
  created_at: Date;
}

type StoredGeometry = StructureGeometry & { _id: string };

const COLLECTION = 'structure_geometries';
const idOf = (structureId: string, version: number) => `${structureId}:${version}`;

/**
 * The versions of each structure's geometry (collection `structure_geometries`), one document per
 * version with the id `<structure id>:<version>`: two PUTs at once cannot both store a version.
 */
@Injectable()
export class StructureGeometryRepository {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private get collection() {
    return this.connection.collection<StoredGeometry>(COLLECTION);
  }

  /** Stores `next` as the version after `latest`; false when another writer stored it first. */
  async insertVersion(geometry: StructureGeometry): Promise<boolean> {
    try {
      await this.collection.insertOne({
        _id: idOf(geometry.structure_id, geometry.version),
        ...geometry,
        // Lines, faces and directions are arrays of arrays (the FerretDB workaround of libs/database).
        geometry: encodeNestedArrays(geometry.geometry) as CheckedGeometry,
      });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async version(tenantId: number, structureId: string, version: number): Promise<StructureGeometry | null> {
    const found = await this.collection.findOne({ _id: idOf(structureId, version) });
    return found && found.tenant_id === tenantId ? strip(found) : null;
  }

  /** The versions' numbers and times, newest first (not their geometries). */
  async versions(
    tenantId: number,
    structureId: string,
  ): Promise<Array<{ version: number; created_at: Date }>> {
    return this.collection
      .find(
        { tenant_id: tenantId, structure_id: structureId },
        { projection: { _id: 0, version: 1, created_at: 1 } },
      )
      .sort({ version: -1 })
      .toArray();
  }

  async removeAll(tenantId: number, structureId: string): Promise<void> {
    await this.collection.deleteMany({ tenant_id: tenantId, structure_id: structureId });
  }
}

function strip({ _id, ...stored }: StoredGeometry): StructureGeometry {
  void _id;
  return { ...stored, geometry: decodeNestedArrays(stored.geometry) as CheckedGeometry };
}
