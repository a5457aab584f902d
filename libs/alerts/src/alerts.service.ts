import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { AlertStatusChanges } from './alert-changes';
import { type AlertStatus } from './alert-status';
import { Alert, AlertAuditEntry } from './persistence/alert.schema';
import { AlertChange, AlertRepository } from './persistence/alert.repository';
import { type Principal, fieldError } from '@modalflow/contracts';
import { Page, PageRequest, Stored } from '@modalflow/database';
import { StructureRepository, requireStructure } from '@modalflow/structures';

/** How far ahead an alert may be snoozed. */
export const MAX_SNOOZE_DAYS = 30;

export interface AlertFilter {
  structure_id?: string;
  rule_id?: string;
  status?: AlertStatus;
  /** Raised by measurements recorded from / before. */
  from?: Date;
  to?: Date;
}

/** What users do with alerts (docs/monitoring.md, "Alerts"): list, read, acknowledge, snooze, close. */
@Injectable()
export class AlertsService {
  constructor(
    private readonly structures: StructureRepository,
    private readonly alerts: AlertRepository,
    private readonly changes: AlertStatusChanges,
  ) {}

  /** The tenant's alerts, or one structure's (404 unless it is the tenant's). */
  async list(principal: Principal, filter: AlertFilter, page: PageRequest): Promise<Page<Stored<Alert>>> {
    if (filter.structure_id) await requireStructure(this.structures, principal.tenantId, filter.structure_id);
    if (filter.from && filter.to && filter.from >= filter.to) throw fieldError('to', 'must be after from');
    const { from, to, ...exact } = filter;
    return this.alerts.list(
      principal.tenantId,
      {
        ...Object.fromEntries(Object.entries(exact).filter(([, value]) => value !== undefined)),
        ...(from || to
          ? { recorded_at: { ...(from ? { $gte: from } : {}), ...(to ? { $lt: to } : {}) } }
          : {}),
      },
      page,
    );
  }

  async get(principal: Principal, structureId: string, id: string): Promise<Stored<Alert>> {
    await requireStructure(this.structures, principal.tenantId, structureId);
    const alert = await this.alerts.findById(principal.tenantId, id);
    if (!alert || alert.structure_id !== structureId)
      throw new NotFoundException(`alert ${id} not found in structure ${structureId}`);
    return alert;
  }

  async acknowledge(principal: Principal, structureId: string, id: string, comment?: string) {
    const alert = await this.get(principal, structureId, id);
    if (alert.status !== 'OPEN') throw new ConflictException(`alert ${id} is ${alert.status}, not OPEN`);
    const at = new Date();
    return this.apply(
      alert,
      'ACKNOWLEDGED',
      { acknowledged: { by: principal.userId, at, ...(comment ? { comment } : {}) } },
      {
        at,
        by: principal.userId,
        action: 'acknowledged',
        ...(comment ? { comment } : {}),
      },
    );
  }

  async snooze(principal: Principal, structureId: string, id: string, until: Date, comment?: string) {
    const alert = await this.get(principal, structureId, id);
    const at = new Date();
    if (until <= at) throw fieldError('until', 'must be in the future');
    if (until.getTime() - at.getTime() > MAX_SNOOZE_DAYS * 86_400_000)
      throw fieldError('until', `must be within ${MAX_SNOOZE_DAYS} days`);
    if (alert.status === 'CLOSED') throw new ConflictException(`alert ${id} is CLOSED`);
    return this.apply(
      alert,
      alert.status,
      { snoozed_until: until },
      {
        at,
        by: principal.userId,
        action: 'snoozed',
        until,
        ...(comment ? { comment } : {}),
      },
    );
  }

  async unsnooze(principal: Principal, structureId: string, id: string) {
    const alert = await this.get(principal, structureId, id);
    if (!alert.snoozed_until) throw new ConflictException(`alert ${id} is not snoozed`);
    const set: AlertChange['set'] = {
      snoozed_until: null,
      ...(alert.silenced === 'snooze' ? { silenced: null } : {}),
    };
    return this.apply(alert, alert.status, set, {
      at: new Date(),
      by: principal.userId,
      action: 'unsnoozed',
    });
  }

  async close(principal: Principal, structureId: string, id: string, comment?: string) {
    const alert = await this.get(principal, structureId, id);
    if (alert.status === 'CLOSED') throw new ConflictException(`alert ${id} is already CLOSED`);
    const at = new Date();
    const reason = 'closed by a user';
    return this.apply(
      alert,
      'CLOSED',
      { closed: { by: principal.userId, at, reason, ...(comment ? { comment } : {}) } },
      {
        at,
        by: principal.userId,
        action: 'closed',
        ...(comment ? { comment } : {}),
      },
    );
  }

  private async apply(
    alert: Stored<Alert>,
    status: AlertStatus,
    set: AlertChange['set'],
    audit: AlertAuditEntry,
  ) {
    const changed = await this.changes.change(alert, status, set, audit);
    if (!changed) throw new ConflictException(`alert ${alert.id} changed meanwhile; read it again`);
    return changed;
  }
}
