import { Injectable } from '@nestjs/common';
import { UploadRepository } from './persistence/upload.repository';
import { UploadIntake } from './upload-intake';
import { UploadView, view } from './upload-view';
import { type Principal } from '@modalflow/contracts';
import { Page, PageRequest } from '@modalflow/database';
import { requireStructure, StructureRepository } from '@modalflow/structures';

/** A structure's uploads as a client reads them. */
@Injectable()
export class UploadsService {
  constructor(
    private readonly structures: StructureRepository,
    private readonly uploads: UploadRepository,
    private readonly intake: UploadIntake,
  ) {}

  async list(principal: Principal, structureId: string, page: PageRequest): Promise<Page<UploadView>> {
    await requireStructure(this.structures, principal.tenantId, structureId);
    const found = await this.uploads.findPage(principal.tenantId, { structure_id: structureId }, page);
    return { ...found, items: found.items.map(view) };
  }

  async get(principal: Principal, structureId: string, id: string): Promise<UploadView> {
    return view(await this.intake.find(principal, structureId, id));
  }
}
