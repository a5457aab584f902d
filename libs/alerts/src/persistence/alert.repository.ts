import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, RootFilterQuery } from 'mongoose';
import { Alert, AlertAuditEntry } from './alert.schema';
import { type AlertStatus } from '../alert-status';
import {
  isDuplicateKey,
  Lean,
  documentOutboxes,
  DocumentOutboxes,
  OutboxEntry,
  NewDocument,
  Page,
  PageRequest,
  Stored,
  TenantScopedRepository,
} from '@modalflow/database';

const ALERT_ID = /^[0-9a-f]{24}$/;

/** What a change sets (null clears a field), the audit entry it adds and its status event. */
export interface AlertChange {
  set: { [K in keyof Alert]?: Alert[K] | null };
  audit: AlertAuditEntry;
  event: OutboxEntry;
}

@Injectable()
export class AlertRepository extends TenantScopedRepository<Alert> {
  constructor(@InjectModel(Alert.name) model: Model<Alert>) {
    super(model);
  }

  /** Stores a new alert with its first event; false when it was stored before (the same raise again). */
  async insertOnce(tenantId: number, alert: NewDocument<Alert>, event: OutboxEntry): Promise<boolean> {
    try {
      await this.create(tenantId, { ...alert, outbox: [event] });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  /** A rule's alerts that are not closed, or still snoozed at `now`: what following its tracks needs. */
  async openOrSnoozed(tenantId: number, ruleId: string, now: Date): Promise<Stored<Alert>[]> {
    const docs = await this.model
      .find(
        this.scoped(tenantId, {
          rule_id: ruleId,
          $or: [{ status: { $ne: 'CLOSED' } }, { snoozed_until: { $gt: now } }],
        }),
        { outbox: 0 },
      )
      .lean()
      .exec();
    return docs.map((doc) => this.toStored(doc));
  }

  /**
   * Applies `change` if the alert is still in one of `from`, with its audit entry and event by the
   * same update; null when it was not (another change came first).
   */
  async change(
    tenantId: number,
    id: string,
    from: readonly AlertStatus[],
    change: AlertChange,
  ): Promise<Stored<Alert> | null> {
    const entries = Object.entries(change.set);
    const doc = await this.model
      .findOneAndUpdate(
        { _id: id, tenant_id: tenantId, status: { $in: [...from] } },
        {
          $set: Object.fromEntries(entries.filter(([, value]) => value !== null)),
          ...(entries.some(([, value]) => value === null)
            ? {
                $unset: Object.fromEntries(
                  entries.filter(([, value]) => value === null).map(([k]) => [k, 1]),
                ),
              }
            : {}),
          $push: { audit: change.audit, outbox: change.event },
        },
        { new: true },
      )
      .lean()
      .exec();
    return doc ? this.toStored(doc) : null;
  }

  /** A page of alerts, the latest raised first. */
  list(tenantId: number, filter: RootFilterQuery<Alert>, page: PageRequest): Promise<Page<Stored<Alert>>> {
    return this.findPage(tenantId, filter, page, { recorded_at: -1, _id: 1 });
  }

  async count(tenantId: number, structureId: string): Promise<number> {
    return this.model.countDocuments(this.scoped(tenantId, { structure_id: structureId })).exec();
  }

  async deleteAll(tenantId: number, structureId: string): Promise<void> {
    await this.model.deleteMany(this.scoped(tenantId, { structure_id: structureId })).exec();
  }

  /** The alerts' outboxes, for StatusRelay and the outbox sweep. */
  outboxes(): DocumentOutboxes {
    return documentOutboxes(this.model.db.collection(this.model.collection.collectionName));
  }

  protected override isValidId(id: string): boolean {
    return ALERT_ID.test(id);
  }

  protected override toStored(doc: Lean<Alert>): Stored<Alert> {
    const { outbox, ...rest } = doc;
    void outbox; // internal: the relay's
    return super.toStored(rest);
  }
}
