import { Inject, Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { AnalysisResultRecord } from './analysis.schema';
import { mongoConfig, MongoConfig } from '@modalflow/config';
import { decodeNestedArrays, encodeNestedArrays, newDocumentId } from '@modalflow/database';

type StoredResult = Omit<AnalysisResultRecord, 'id'> & { _id: string };

/** Results live in one collection per structure, as the OMA seed names them. */
@Injectable()
export class AnalysisResultRepository {
  constructor(
    @InjectConnection() private readonly connection: Connection,
    @Inject(mongoConfig.KEY) private readonly config: MongoConfig,
  ) {}

  collectionName(structureId: string): string {
    return `${this.config.collections.resultPrefix}_${structureId}`;
  }

  private collection(structureId: string) {
    return this.connection.collection<StoredResult>(this.collectionName(structureId));
  }

  async save(record: Omit<AnalysisResultRecord, 'id' | 'created_at'>): Promise<string> {
    const _id = newDocumentId();
    await this.collection(record.structure_id).insertOne({
      _id,
      ...record,
      result: encodeNestedArrays(record.result) as Record<string, unknown>,
      created_at: new Date(),
    });
    return _id;
  }

  async findByIds(tenantId: number, structureId: string, ids: string[]): Promise<AnalysisResultRecord[]> {
    const docs = await Promise.all(
      ids.map((id) => this.collection(structureId).findOne({ _id: id })), // see TenantScopedRepository
    );
    return docs
      .filter((doc): doc is StoredResult => doc !== null && doc.tenant_id === tenantId)
      .map(({ _id, result, ...rest }) => ({
        id: _id,
        ...rest,
        result: decodeNestedArrays(result) as Record<string, unknown>,
      }));
  }

  async deleteAll(tenantId: number, structureId: string): Promise<void> {
    await this.collection(structureId).deleteMany({ tenant_id: tenantId });
  }
}
