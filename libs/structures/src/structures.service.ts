import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { StructureRepository } from './persistence/structure.repository';
import { Structure } from './persistence/structure.schema';
import { StructureFields } from './structure-input';
import { StructureParts } from './structure-parts';
import { StructureSummaries, StructureSummary } from './structure-summaries';
import { fieldError, givenFields, type Principal } from '@modalflow/contracts';
import { Page, PageRequest, Stored } from '@modalflow/database';

@Injectable()
export class StructuresService {
  constructor(
    private readonly structures: StructureRepository,
    private readonly parts: StructureParts,
    private readonly summaries: StructureSummaries,
  ) {}

  create(principal: Principal, fields: StructureFields): Promise<Stored<Structure>> {
    return this.structures.create(principal.tenantId, { ...fields, created_by: principal.userId });
  }

  /** A page of structures, each with its summary (measurements, tracked modes, open alerts). */
  async list(
    principal: Principal,
    page: PageRequest,
  ): Promise<Page<Stored<Structure> & { summary: StructureSummary }>> {
    const found = await this.structures.findPage(principal.tenantId, {}, page);
    const summaries = await this.summaries.of(
      principal.tenantId,
      found.items.map((structure) => structure.id),
    );
    return {
      ...found,
      items: found.items.map((structure) => ({ ...structure, summary: summaries.get(structure.id)! })),
    };
  }

  async get(principal: Principal, id: string): Promise<Stored<Structure>> {
    return this.found(id, await this.structures.findById(principal.tenantId, id));
  }

  async update(
    principal: Principal,
    id: string,
    changes: Partial<StructureFields>,
  ): Promise<Stored<Structure>> {
    const fields = givenFields(changes);
    if (Object.keys(fields).length === 0) throw fieldError('body', 'give at least one field to change');
    return this.found(id, await this.structures.updateById(principal.tenantId, id, { $set: fields }));
  }

  /**
   * A structure that other features keep parts of (analyses, monitoring rules) is deleted only when
   * asked to cascade; then every part goes first, in the parts' removal order.
   */
  async remove(principal: Principal, id: string, cascade: boolean): Promise<void> {
    await this.get(principal, id);
    const counted = await Promise.all(
      this.parts.all().map(async (part) => ({ part, count: await part.count(principal.tenantId, id) })),
    );
    const kept = counted.filter(({ count }) => count > 0);
    if (kept.length > 0 && !cascade) {
      const what = kept.map(({ part, count }) => `${count} ${part.name}`).join(' and ');
      throw new ConflictException(
        `structure ${id} has ${what}: delete with ?cascade=true to delete them as well`,
      );
    }
    for (const { part } of kept) await part.removeAll(principal.tenantId, id);
    if (!(await this.structures.deleteById(principal.tenantId, id))) this.found(id, null);
  }

  /** Another tenant's id answers 404 like a missing one, so ids do not leak. */
  private found<T>(id: string, value: T | null): T {
    if (value === null) throw new NotFoundException(`structure ${id} not found`);
    return value;
  }
}
