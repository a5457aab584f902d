import { Injectable, NotFoundException } from '@nestjs/common';
import { MaintenanceWindow } from './persistence/maintenance-window.schema';
import { MaintenanceWindowRepository } from './persistence/maintenance-window.repository';
import { type Principal, fieldError } from '@modalflow/contracts';
import { Page, PageRequest, Stored } from '@modalflow/database';
import { StructureRepository, requireStructure } from '@modalflow/structures';

/** The longest window, and how many a structure may have. */
export const MAINTENANCE_WINDOW_LIMITS = { days: 366, per_structure: 1000 } as const;

export interface NewMaintenanceWindow {
  starts_at: Date;
  ends_at: Date;
  reason?: string;
}

/** Periods of works on a structure: alerts raised inside them are recorded, not notified. */
@Injectable()
export class MaintenanceWindowsService {
  constructor(
    private readonly structures: StructureRepository,
    private readonly windows: MaintenanceWindowRepository,
  ) {}

  async create(
    principal: Principal,
    structureId: string,
    window: NewMaintenanceWindow,
  ): Promise<Stored<MaintenanceWindow>> {
    await requireStructure(this.structures, principal.tenantId, structureId);
    if (window.ends_at <= window.starts_at) throw fieldError('ends_at', 'must be after starts_at');
    if (window.ends_at.getTime() - window.starts_at.getTime() > MAINTENANCE_WINDOW_LIMITS.days * 86_400_000)
      throw fieldError('ends_at', `must be within ${MAINTENANCE_WINDOW_LIMITS.days} days of starts_at`);
    if (
      (await this.windows.count(principal.tenantId, structureId)) >= MAINTENANCE_WINDOW_LIMITS.per_structure
    )
      throw fieldError(
        'body',
        `a structure has at most ${MAINTENANCE_WINDOW_LIMITS.per_structure} maintenance windows`,
      );
    return this.windows.create(principal.tenantId, {
      structure_id: structureId,
      starts_at: window.starts_at,
      ends_at: window.ends_at,
      ...(window.reason ? { reason: window.reason } : {}),
      created_by: principal.userId,
    });
  }

  async list(
    principal: Principal,
    structureId: string,
    page: PageRequest,
  ): Promise<Page<Stored<MaintenanceWindow>>> {
    await requireStructure(this.structures, principal.tenantId, structureId);
    return this.windows.list(principal.tenantId, structureId, page);
  }

  async remove(principal: Principal, structureId: string, id: string): Promise<void> {
    await requireStructure(this.structures, principal.tenantId, structureId);
    const window = await this.windows.findById(principal.tenantId, id);
    if (!window || window.structure_id !== structureId)
      throw new NotFoundException(`maintenance window ${id} not found in structure ${structureId}`);
    await this.windows.deleteById(principal.tenantId, id);
  }
}
