import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { JobDocument } from '../job-document';

/**
 * The settled resources of one page of a job's index in one round: `_id` `<job>:<round>:<page>`
 * (pages as in FetchIndexPage). Each resource is one key, `i<index>`, of `tallies`: how it ended and
 * what it adds to the counts (ledger-tally.ts). A resource is counted by setting its key, which a
 * redelivery only sets again to the same value, so it can never be counted twice (docs/ingestion.md).
 */
@Schema({ collection: 'fetch_ledger_pages', timestamps: false })
export class FetchLedgerPage extends JobDocument {
  @Prop({ required: true })
  round: number;

  @Prop({ required: true })
  page: number;

  @Prop({ type: Object, default: {} })
  tallies: Record<string, string>;
}

export const FetchLedgerPageSchema = SchemaFactory.createForClass(FetchLedgerPage);

/**
 * The outcome records (JSON text, key `i<index>`) of the resources of one ledger page that ended
 * with one status: `_id` `<job>:<round>:<page>:DONE|FAILED`. Apart from the tallies and by status,
 * because FerretDB's cost of a read grows with the document: a listing of FAILED resources reads
 * only their records, and a worker's count reads only the short tallies.
 */
@Schema({ collection: 'fetch_ledger_records', timestamps: false })
export class FetchLedgerRecords extends JobDocument {
  @Prop({ type: Object, default: {} })
  records: Record<string, string>;
}

export const FetchLedgerRecordsSchema = SchemaFactory.createForClass(FetchLedgerRecords);

/**
 * A job round's counts page by page: `_id` `<job>:<round>`. `counts` and `fields` hold, per page
 * (`n<page>`), the summary of that page's tallies (ledger-tally.ts), each written with `$max` and
 * prefixed by the page's settled count, so the fullest summary of a page stands whatever order
 * writers arrive in. Round 0 also holds `census`: the valid entries of every index page (JSON text),
 * written before the hand-off, from which the listing knows where QUEUED resources are.
 */
@Schema({ collection: 'fetch_ledger_rounds', timestamps: false })
export class FetchLedgerRound extends JobDocument {
  @Prop({ required: true })
  round: number;

  @Prop({ type: Object, default: {} })
  counts: Record<string, string>;

  @Prop({ type: Object, default: {} })
  fields: Record<string, string>;

  @Prop()
  census?: string;

  /** When the job's index was first stored (round 0): its pages carry the same time. */
  @Prop()
  indexed_at?: Date;
}

export const FetchLedgerRoundSchema = SchemaFactory.createForClass(FetchLedgerRound);
