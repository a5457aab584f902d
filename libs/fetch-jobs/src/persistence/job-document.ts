import { Prop } from '@nestjs/mongoose';
import { TenantOwned } from '@modalflow/database';

/**
 * What every stored part of a fetch job has (index pages, large data, ledger documents): a string
 * `_id` that names the job (so it is read by `_id` alone), the job and its tenant.
 */
export abstract class JobDocument implements TenantOwned {
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true })
  tenant_id: number;

  @Prop({ required: true })
  job_id: string;
}
