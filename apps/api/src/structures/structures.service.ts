import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '@modalflow/contracts';
import {
  AnalysisRepository,
  AnalysisResultRepository,
  ModeHistoryRepository,
  ModeTrackingRepository,
  MonitoringRuleRepository,
  Page,
  PageRequest,
  RunQueueRepository,
  Stored,
  Structure,
  StructureRepository,
} from '@modalflow/database';
import { BroadcastPublisher } from '@modalflow/messaging';
import { CreateStructureDto } from './dto/create-structure.dto';
import { fieldError } from '../common/field-error';
import { givenFields } from '../common/given-fields';
import { UpdateStructureDto } from './dto/update-structure.dto';

@Injectable()
export class StructuresService {
  constructor(
    private readonly structures: StructureRepository,
    private readonly analyses: AnalysisRepository,
    private readonly results: AnalysisResultRepository,
    private readonly queue: RunQueueRepository,
    private readonly broadcast: BroadcastPublisher,
    private readonly rules: MonitoringRuleRepository,
    private readonly tracking: ModeTrackingRepository,
    private readonly history: ModeHistoryRepository,
  ) {}

  create(principal: Principal, dto: CreateStructureDto): Promise<Stored<Structure>> {
    return this.structures.create(principal.tenantId, { ...dto, created_by: principal.userId });
  }

  list(principal: Principal, page: PageRequest): Promise<Page<Stored<Structure>>> {
    return this.structures.findPage(principal.tenantId, {}, page);
  }

  async get(principal: Principal, id: string): Promise<Stored<Structure>> {
    return this.found(id, await this.structures.findById(principal.tenantId, id));
  }

  async update(principal: Principal, id: string, dto: UpdateStructureDto): Promise<Stored<Structure>> {
    const fields = givenFields(dto);
    if (Object.keys(fields).length === 0) throw fieldError('body', 'give at least one field to change');
    return this.found(id, await this.structures.updateById(principal.tenantId, id, { $set: fields }));
  }

  /**
   * A structure with analyses or monitoring rules is deleted only when asked to cascade: its rules,
   * tracks and their history go too, and its queued and running runs are stopped.
   */
  async remove(principal: Principal, id: string, cascade: boolean): Promise<void> {
    await this.get(principal, id);
    const count = await this.analyses.count(principal.tenantId, id);
    const rules = await this.rules.count(principal.tenantId, id);
    if ((count > 0 || rules > 0) && !cascade) {
      throw new ConflictException(
        `structure ${id} has ${count} analyses and ${rules} monitoring rules: delete with ?cascade=true to delete them as well`,
      );
    }
    if (rules > 0) {
      // First, so that no measurement arriving meanwhile starts another analysis.
      await this.rules.deleteAll(principal.tenantId, id);
      await this.tracking.removeAll(principal.tenantId, id);
      await this.history.removeAll(principal.tenantId, id);
    }
    if (count > 0) {
      for (const status of ['QUEUED', 'RUNNING'] as const) {
        const active = await this.analyses.findPage(
          principal.tenantId,
          id,
          { status },
          { offset: 0, limit: 1000 },
        );
        for (const analysis of active.items) {
          await this.queue.remove(analysis.id);
          await this.broadcast.requestAbort({ analysis_id: analysis.id });
        }
      }
      await this.results.deleteAll(principal.tenantId, id);
      await this.analyses.deleteAll(principal.tenantId, id);
    }
    if (!(await this.structures.deleteById(principal.tenantId, id))) this.found(id, null);
  }

  /** Another tenant's id answers 404 like a missing one, so ids do not leak. */
  private found<T>(id: string, value: T | null): T {
    if (value === null) throw new NotFoundException(`structure ${id} not found`);
    return value;
  }
}
