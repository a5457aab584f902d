import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Structure } from './structure.schema';
import { TenantScopedRepository } from '@modalflow/database';

@Injectable()
export class StructureRepository extends TenantScopedRepository<Structure> {
  constructor(@InjectModel(Structure.name) model: Model<Structure>) {
    super(model);
  }

  /** Every structure's id, of every tenant: for system tasks only (StatusOutboxSweep). */
  async allIds(): Promise<string[]> {
    const found = await this.model.find({}, { _id: 1 }).lean().exec();
    return found.map((structure) => String(structure._id));
  }
}
