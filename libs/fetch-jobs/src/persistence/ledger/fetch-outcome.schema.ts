import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { TenantOwned } from '@modalflow/database';

export interface FieldAccumulatorEntry {
  field: string;
  count: number;
  sum: number;
  sum_sq: number;
  min: number;
  max: number;
}

/**
 * How one resource ended in a round, written once: `_id` is `<job>:<round>:<resource id>`, so of two
 * workers settling the same resource only the first insert succeeds and every later delivery counts
 * that first outcome. Its record is then copied to the resource's ledger page, which is what
 * listings, output.json and the counts read (see ledger-page.schema.ts and docs/ingestion.md).
 */
export interface FetchOutcome {
  _id: string;
  tenant_id: number;
  job_id: string;
  resource_id: string;
  /** Position in the source index. */
  index: number;
  creation_date?: Date;
  /** Where its data was read from, when it had no inline data. */
  url?: string;
  /** The job round it was settled in. */
  round: number;
  status: 'DONE' | 'FAILED';
  /** The delivery attempt that settled it. */
  attempts: number;
  fields: FieldAccumulatorEntry[];
  summary?: unknown;
  last_error?: string;
  measurement_id?: string;
  /** The worker (host:pid) that settled it. */
  processed_by: string;
  processed_at: Date;
}

/**
 * An outcome as its worker hands it to the ledger. The creation date stays the ISO text its message
 * carries: creating and formatting Dates was a tenth of a processing worker's time per resource.
 */
export type NewFetchOutcome = Omit<
  FetchOutcome,
  '_id' | 'tenant_id' | 'job_id' | 'creation_date' | 'processed_at'
> & { creation_date?: string };

/** What of an outcome is only ever read whole, never queried. */
type OutcomeRecord = Omit<FetchOutcome, '_id' | 'tenant_id' | 'job_id' | 'status' | 'index' | 'round'>;

/**
 * An outcome as stored: what readers filter and sort on as fields, the rest as one JSON text.
 * FerretDB's cost is per stored value: an outcome of a one-field resource took ~160-190 µs to insert
 * with every value a field, ~80 µs like this (docs/ingestion.md).
 */
@Schema({ collection: 'fetch_outcomes', timestamps: false })
export class StoredFetchOutcome implements TenantOwned {
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true })
  tenant_id: number;

  @Prop({ required: true, index: true })
  job_id: string;

  @Prop({ type: String, required: true, enum: ['DONE', 'FAILED'] })
  status: FetchOutcome['status'];

  @Prop({ required: true })
  index: number;

  @Prop({ required: true })
  round: number;

  /** JSON of the rest of the outcome. */
  @Prop({ required: true })
  record: string;
}

export const StoredFetchOutcomeSchema = SchemaFactory.createForClass(StoredFetchOutcome);

/**
 * The record is written field by field, the creation date as it came and `processed_at` as epoch
 * milliseconds: on a processing worker's hot path, spreading the outcome into new objects with Date
 * values for JSON.stringify to format took about three times as long. The mapped type makes a
 * field added to the outcome a compile error here until it is stored.
 */
export function toStoredOutcome(
  key: Pick<FetchOutcome, '_id' | 'tenant_id' | 'job_id'>,
  outcome: NewFetchOutcome,
  processedAt: number,
): StoredFetchOutcome {
  const record: { [K in keyof OutcomeRecord]-?: unknown } = {
    resource_id: outcome.resource_id,
    creation_date: outcome.creation_date,
    url: outcome.url,
    attempts: outcome.attempts,
    fields: outcome.fields,
    summary: outcome.summary,
    last_error: outcome.last_error,
    measurement_id: outcome.measurement_id,
    processed_by: outcome.processed_by,
    processed_at: processedAt,
  };
  return {
    _id: key._id,
    tenant_id: key.tenant_id,
    job_id: key.job_id,
    status: outcome.status,
    index: outcome.index,
    round: outcome.round,
    record: JSON.stringify(record),
  };
}

export function fromStoredOutcome(stored: StoredFetchOutcome): FetchOutcome {
  const { record, ...queried } = stored;
  const rest = JSON.parse(record) as OutcomeRecord & {
    creation_date?: string;
    processed_at: number;
  };
  return {
    ...queried,
    ...rest,
    creation_date: rest.creation_date === undefined ? undefined : new Date(rest.creation_date),
    processed_at: new Date(rest.processed_at),
  };
}
