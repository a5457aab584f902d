import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { MonitoringRule } from './monitoring-rule.schema';
import { Lean, Stored, TenantScopedRepository } from '@modalflow/database';

@Injectable()
export class MonitoringRuleRepository extends TenantScopedRepository<MonitoringRule> {
  constructor(@InjectModel(MonitoringRule.name) model: Model<MonitoringRule>) {
    super(model);
  }

  /** The enabled rules of a structure: what a new measurement of it triggers. */
  async enabledFor(tenantId: number, structureId: string): Promise<Stored<MonitoringRule>[]> {
    const docs = await this.model
      .find(this.scoped(tenantId, { structure_id: structureId, enabled: true }))
      .lean<Lean<MonitoringRule>[]>()
      .exec();
    return docs.map((doc) => this.toStored(doc));
  }

  async count(tenantId: number, structureId: string): Promise<number> {
    return this.model.countDocuments(this.scoped(tenantId, { structure_id: structureId })).exec();
  }

  async deleteAll(tenantId: number, structureId: string): Promise<void> {
    await this.model.deleteMany(this.scoped(tenantId, { structure_id: structureId })).exec();
  }
}
