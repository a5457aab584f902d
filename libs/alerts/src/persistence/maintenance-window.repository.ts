import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { MaintenanceWindow } from './maintenance-window.schema';
import { Lean, Page, PageRequest, Stored, TenantScopedRepository } from '@modalflow/database';

@Injectable()
export class MaintenanceWindowRepository extends TenantScopedRepository<MaintenanceWindow> {
  constructor(@InjectModel(MaintenanceWindow.name) model: Model<MaintenanceWindow>) {
    super(model);
  }

  /** The structure's window that contains `at`, if any (the one that started first). */
  async covering(tenantId: number, structureId: string, at: Date): Promise<Stored<MaintenanceWindow> | null> {
    const doc = await this.model
      .findOne(
        this.scoped(tenantId, { structure_id: structureId, starts_at: { $lte: at }, ends_at: { $gt: at } }),
      )
      .sort({ starts_at: 1 })
      .lean<Lean<MaintenanceWindow>>()
      .exec();
    return doc ? this.toStored(doc) : null;
  }

  list(tenantId: number, structureId: string, page: PageRequest): Promise<Page<Stored<MaintenanceWindow>>> {
    return this.findPage(tenantId, { structure_id: structureId }, page, { starts_at: -1, _id: -1 });
  }

  async count(tenantId: number, structureId: string): Promise<number> {
    return this.model.countDocuments(this.scoped(tenantId, { structure_id: structureId })).exec();
  }

  async deleteAll(tenantId: number, structureId: string): Promise<void> {
    await this.model.deleteMany(this.scoped(tenantId, { structure_id: structureId })).exec();
  }
}
