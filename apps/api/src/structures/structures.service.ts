import { Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '@modalflow/contracts';
import { Page, PageRequest, Stored, Structure, StructureRepository } from '@modalflow/database';
import { CreateStructureDto } from './dto/create-structure.dto';
import { UpdateStructureDto } from './dto/update-structure.dto';

@Injectable()
export class StructuresService {
  constructor(private readonly structures: StructureRepository) {}

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
    return this.found(id, await this.structures.updateById(principal.tenantId, id, { $set: dto }));
  }

  async remove(principal: Principal, id: string): Promise<void> {
    if (!(await this.structures.deleteById(principal.tenantId, id))) this.found(id, null);
  }

  /** Another tenant's id answers 404 like a missing one, so ids do not leak. */
  private found<T>(id: string, value: T | null): T {
    if (value === null) throw new NotFoundException(`structure ${id} not found`);
    return value;
  }
}
