import { isValidObjectId, Model, RootFilterQuery, UpdateQuery } from 'mongoose';
import { Page, PageRequest } from './page';

/** What every stored document carries; repositories set and filter it, callers never do. */
export interface TenantOwned {
  tenant_id: number;
}

export type Stored<T> = Omit<T, 'tenant_id'> & { id: string; tenant_id: number };
export type Lean<T> = T & { _id: unknown; __v?: number };
export type NewDocument<T extends TenantOwned> = Omit<T, 'tenant_id' | 'created_at' | 'updated_at'>;

/**
 * Base of every repository of tenant data: each method takes the tenant id first and adds it to the
 * query, so one tenant can never read or change another's documents by forgetting a filter.
 *
 * Lookups by id filter on `_id` alone and check the tenant here: FerretDB (SQLite) serves only a lone
 * `_id` filter from its index and scans the collection for `{_id, tenant_id}`. A document's
 * `tenant_id` never changes, so one checked for the tenant can then be written by `_id`.
 */
export abstract class TenantScopedRepository<T extends TenantOwned> {
  protected constructor(protected readonly model: Model<T>) {}

  async create(tenantId: number, data: NewDocument<T>): Promise<Stored<T>> {
    const created = await this.model.create({ ...data, tenant_id: tenantId });
    return this.toStored(created.toObject());
  }

  async findById(tenantId: number, id: string): Promise<Stored<T> | null> {
    if (!this.isValidId(id)) return null;
    const doc = await this.model.findOne({ _id: id }).lean<Lean<T>>().exec();
    return doc && doc.tenant_id === tenantId ? this.toStored(doc) : null;
  }

  async findPage(
    tenantId: number,
    filter: RootFilterQuery<T>,
    page: PageRequest,
    sort: Record<string, 1 | -1> = { _id: -1 },
  ): Promise<Page<Stored<T>>> {
    const query = this.scoped(tenantId, filter);
    const [docs, total] = await Promise.all([
      this.model.find(query).sort(sort).skip(page.offset).limit(page.limit).lean<Lean<T>[]>().exec(),
      this.model.countDocuments(query).exec(),
    ]);
    return { items: docs.map((d) => this.toStored(d)), total, offset: page.offset, limit: page.limit };
  }

  async updateById(tenantId: number, id: string, update: UpdateQuery<T>): Promise<Stored<T> | null> {
    if (!(await this.findById(tenantId, id))) return null;
    const doc = await this.model
      .findOneAndUpdate({ _id: id }, update, { new: true, runValidators: true })
      .lean<Lean<T>>()
      .exec();
    return doc ? this.toStored(doc) : null;
  }

  async deleteById(tenantId: number, id: string): Promise<boolean> {
    if (!(await this.findById(tenantId, id))) return false;
    const result = await this.model.deleteOne({ _id: id }).exec();
    return result.deletedCount === 1;
  }

  /** Ids are ObjectIds unless a repository says otherwise; a malformed id simply finds nothing. */
  protected isValidId(id: string): boolean {
    return isValidObjectId(id);
  }

  protected scoped(tenantId: number, filter: RootFilterQuery<T> = {}): RootFilterQuery<T> {
    return { ...(filter as object), tenant_id: tenantId };
  }

  protected toStored(doc: Lean<T>): Stored<T> {
    const { _id, __v, ...rest } = doc;
    void __v;
    return { id: String(_id), ...(rest as unknown as Omit<T, 'tenant_id'> & TenantOwned) };
  }
}
