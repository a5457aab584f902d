import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { JobDocument } from './job-document';

/**
 * INDEX_PAGE_SIZE consecutive entries of a job's index (page `n` holds indexes n*size to
 * (n+1)*size - 1), written once by the fetch worker and only ever read whole. The entries are one
 * JSON text: FerretDB's cost is per stored value, so 20,000 entries take ~2.4 s as documents and
 * ~0.2 s as 40 pages of text (see docs/ingestion.md), and any JSON (arrays of arrays) is kept as is.
 * `_id` is `<job id>:<page>`, so a re-read index can never store a page twice.
 */
@Schema({ collection: 'fetch_index_pages' })
export class FetchIndexPage extends JobDocument {
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
