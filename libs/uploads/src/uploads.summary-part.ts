import { Injectable } from '@nestjs/common';
import { type StructureSummary, type StructureSummaryPart } from '@modalflow/structures';
import { UploadRepository } from './persistence/upload.repository';

/** Each structure's finished uploads and when the latest finished, for the structures list. */
@Injectable()
export class UploadsSummaryPart implements StructureSummaryPart {
  constructor(private readonly uploads: UploadRepository) {}

  async summarize(tenantId: number, structureIds: string[]): Promise<Map<string, Partial<StructureSummary>>> {
    const finished = await this.uploads.finishedPerStructure(tenantId, structureIds);
    return new Map(
      [...finished].map(([id, { count, last_finished_at }]) => [
        id,
        { uploads: count, last_measurement_at: last_finished_at },
      ]),
    );
  }
}
