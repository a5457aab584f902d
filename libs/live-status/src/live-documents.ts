import { Injectable } from '@nestjs/common';
import { AnalysisRepository } from '@modalflow/analyses';
import { FetchJobRepository } from '@modalflow/fetch-jobs';

/** Which documents a live client may follow: its tenant's fetch jobs, and analyses given their structure. */
@Injectable()
export class LiveDocuments {
  constructor(
    private readonly fetchJobs: FetchJobRepository,
    private readonly analyses: AnalysisRepository,
  ) {}

  async owns(tenantId: number, documentId: string, structureId?: string): Promise<boolean> {
    const owned =
      (await this.fetchJobs.findById(tenantId, documentId)) ??
      (structureId ? await this.analyses.findById(tenantId, structureId, documentId) : null);
    return owned !== null;
  }
}
