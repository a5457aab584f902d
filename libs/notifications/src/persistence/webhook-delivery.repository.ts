import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { DeliveryAttempt, DeliveryStatus, WebhookDelivery } from './webhook-delivery.schema';
import {
  isDuplicateKey,
  NewDocument,
  Page,
  PageRequest,
  Stored,
  TenantScopedRepository,
} from '@modalflow/database';

const DELIVERY_ID = /^[0-9a-f]{24}$/;

@Injectable()
export class WebhookDeliveryRepository extends TenantScopedRepository<WebhookDelivery> {
  constructor(@InjectModel(WebhookDelivery.name) model: Model<WebhookDelivery>) {
    super(model);
  }

  /** Stores a PENDING delivery; the one stored before under the same id when there is one. */
  async createOnce(
    tenantId: number,
    delivery: NewDocument<WebhookDelivery>,
  ): Promise<{ delivery: Stored<WebhookDelivery>; created: boolean }> {
    try {
      return { delivery: await this.create(tenantId, delivery), created: true };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const existing = await this.findById(tenantId, delivery._id);
      if (!existing) throw error;
      return { delivery: existing, created: false };
    }
  }

  async attempted(tenantId: number, id: string, attempt: DeliveryAttempt): Promise<void> {
    await this.model.updateOne({ _id: id, tenant_id: tenantId }, { $push: { attempts: attempt } }).exec();
  }

  /** Ends a PENDING delivery; false when it had ended already. */
  async finish(tenantId: number, id: string, status: Exclude<DeliveryStatus, 'PENDING'>, reason?: string) {
    const updated = await this.model
      .updateOne(
        { _id: id, tenant_id: tenantId, status: 'PENDING' },
        { $set: { status, finished_at: new Date(), ...(reason ? { reason } : {}) } },
      )
      .exec();
    return updated.modifiedCount === 1;
  }

  /** A webhook's deliveries, the latest first (bodies left out). */
  async forHook(tenantId: number, hookId: string, page: PageRequest): Promise<Page<Stored<WebhookDelivery>>> {
    const found = await this.findPage(tenantId, { hook_id: hookId }, page, { created_at: -1, _id: 1 });
    return {
      ...found,
      items: found.items.map(({ body, ...rest }) => (void body, rest as Stored<WebhookDelivery>)),
    };
  }

  async removeForHook(tenantId: number, hookId: string): Promise<void> {
    await this.model.deleteMany({ tenant_id: tenantId, hook_id: hookId }).exec();
  }

  protected override isValidId(id: string): boolean {
    return DELIVERY_ID.test(id);
  }
}
