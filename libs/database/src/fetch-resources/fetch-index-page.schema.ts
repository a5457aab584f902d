import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { TenantOwned } from '../common/tenant-scoped.repository';

/**
 * INDEX_PAGE_SIZE consecutive entries of a job's index (page `n` holds indexes n*size to
 * (n+1)*size - 1), written once by the fetch worker and only ever read whole. The entries are one
 * JSON text: FerretDB's cost is per stored value, so 20,000 entries take ~2.4 s as documents and
 * ~0.2 s as 40 pages of text (see docs/ingestion.md), and any JSON (arrays of arrays) is kept as is.
 */
@Schema({ collection: 'fetch_index_pages' })
export class FetchIndexPage implements TenantOwned {
  /** `<job id>:<page>`, so a re-read index can never store a page twice. */
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true })
  tenant_id: number;

  @Prop({ required: true })
  job_id: string;

  @Prop({ required: true })
  page: number;

  @Prop({ required: true })
  count: number;

  /** JSON array of the page's entries, without their job and tenant. */
  @Prop({ required: true })
  entries: string;

  @Prop({ required: true })
  created_at: Date;
}

export const FetchIndexPageSchema = SchemaFactory.createForClass(FetchIndexPage);
