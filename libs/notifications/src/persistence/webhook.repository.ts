import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { LastDelivery, Webhook } from './webhook.schema';
import { Lean, Stored, TenantScopedRepository } from '@modalflow/database';

@Injectable()
export class WebhookRepository extends TenantScopedRepository<Webhook> {
  constructor(@InjectModel(Webhook.name) model: Model<Webhook>) {
    super(model);
  }

  /** The tenant's enabled webhooks (a tenant has a few: WEBHOOK_LIMITS). */
  async enabled(tenantId: number): Promise<Stored<Webhook>[]> {
    const docs = await this.model
      .find(this.scoped(tenantId, { enabled: true }))
      .lean<Lean<Webhook>[]>()
      .exec();
    return docs.map((doc) => this.toStored(doc));
  }

  async count(tenantId: number): Promise<number> {
    return this.model.countDocuments(this.scoped(tenantId)).exec();
  }

  async delivered(tenantId: number, id: string, last: LastDelivery): Promise<void> {
    await this.model
      .updateOne({ _id: id, tenant_id: tenantId }, { $set: { last_delivery: last, consecutive_failures: 0 } })
      .exec();
  }

  /** Counts a failed delivery; disables the hook, saying why, at the `disableAfter`-th in a row. */
  async failed(
    tenantId: number,
    id: string,
    last: LastDelivery,
    disableAfter: number,
  ): Promise<Stored<Webhook> | null> {
    const doc = await this.model
      .findOneAndUpdate(
        { _id: id, tenant_id: tenantId },
        { $set: { last_delivery: last }, $inc: { consecutive_failures: 1 } },
        { new: true },
      )
      .lean<Lean<Webhook>>()
      .exec();
    if (!doc || !doc.enabled || doc.consecutive_failures < disableAfter) return doc && this.toStored(doc);
    const reason =
      `disabled after ${doc.consecutive_failures} failed deliveries in a row; ` +
      `the last: ${last.error ?? `HTTP ${last.status_code}`}`;
    return this.updateById(tenantId, id, { $set: { enabled: false, disabled_reason: reason } });
  }
}
