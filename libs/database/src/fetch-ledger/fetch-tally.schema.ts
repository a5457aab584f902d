import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { TenantOwned } from '../common/tenant-scoped.repository';
import { FieldAccumulatorEntry } from './fetch-outcome.schema';

/** Resources of a job round settled so far, as of one tally (cumulative within the round). */
export interface RoundTotals {
  settled: number;
  processed: number;
  failed: number;
}

/**
 * One link of a job round's tally chain: `_id` `<job>:<round>:<seq>`, inserted once. It records a
 * batch of settled resources (their ids) and the round's totals including them (counts and field
 * accumulators), built on link `seq - 1`: a worker that finds its `seq` taken goes on from the
 * chain's end, so the chain counts every settled resource once, with one small insert per batch
 * instead of a counter update per resource, and its last link is the round's tally
 * (see docs/ingestion.md).
 */
@Schema({ collection: 'fetch_tallies', timestamps: false })
export class FetchTally implements TenantOwned, RoundTotals {
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true })
  tenant_id: number;

  @Prop({ required: true, index: true })
  job_id: string;

  @Prop({ required: true })
  round: number;

  @Prop({ required: true })
  seq: number;

  /**
   * The ids of the resources this link settled, as a JSON array text: FerretDB's cost is per stored
   * value, and every reading of a job's totals decodes its links (an array of 500 keys took 2-3x the
   * CPU to insert and 4x to read back; docs/ingestion.md). Read with `talliedResourceIds`.
   */
  @Prop({ required: true })
  resource_ids: string;

  /** Field accumulators summed over the round's processed resources up to this link. */
  @Prop({ type: [Object], default: [] })
  fields: FieldAccumulatorEntry[];

  @Prop({ required: true }) settled: number;
  @Prop({ required: true }) processed: number;
  @Prop({ required: true }) failed: number;

  @Prop({ required: true })
  created_at: Date;
}

export const FetchTallySchema = SchemaFactory.createForClass(FetchTally);

export function talliedResourceIds(link: Pick<FetchTally, 'resource_ids'>): string[] {
  return JSON.parse(link.resource_ids) as string[];
}
