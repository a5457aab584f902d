import { Inject, Injectable } from '@nestjs/common';
import { workerConfig, WorkerConfig } from '@modalflow/config';
import { DataProcessingMessage } from '@modalflow/contracts';
import {
  FetchJob,
  FetchJobRepository,
  FetchLedgerRepository,
  FetchResource,
  FetchResourceRepository,
  MeasureRepository,
  resourceKey,
  Stored,
} from '@modalflow/database';
import {
  accumulators,
  Dataset,
  DatasetSummary,
  DownloadError,
  downloadText,
  InvalidDataError,
  isMultichannelTimeSeries,
  parseDataset,
  simulateWork,
  summarise,
} from '@modalflow/ingestion';
import { Delivery, MalformedMessageError } from '@modalflow/messaging';
import { FetchJobProgress } from '@modalflow/pipeline';
import { hostname } from 'node:os';

const WORKER_ID = `${hostname()}:${process.pid}`;

/**
 * Processes one resource: reads its data, summarises it, stores the result, and adds it to the job's
 * ledger. A resource is counted once however often its message is delivered: only the call whose
 * ledger insert settles it (DONE or FAILED) records the outcome; a later delivery only makes sure
 * the settling was counted toward the job's completion. Every database call here is by `_id`.
 */
@Injectable()
export class ProcessResourceService {
  constructor(
    private readonly jobs: FetchJobRepository,
    private readonly resources: FetchResourceRepository,
    private readonly ledger: FetchLedgerRepository,
    private readonly measures: MeasureRepository,
    private readonly progress: FetchJobProgress,
    @Inject(workerConfig.KEY) private readonly config: WorkerConfig,
  ) {}

  async process(message: DataProcessingMessage, delivery: Delivery): Promise<void> {
    const tenantId = message.tenant_id;
    const jobId = message.job_id;
    const key = resourceKey(jobId, message.resource_id);
    const job = await this.jobs.findById(tenantId, jobId);
    if (!job) throw new MalformedMessageError(`fetch job ${jobId} does not exist`);
    const resource = await this.resources.findById(tenantId, key);
    if (!resource)
      throw new MalformedMessageError(`resource ${message.resource_id} of job ${jobId} does not exist`);
    await this.ledger.mark(tenantId, jobId, `${key}:attempt:${job.round}:${delivery.attempt}`, 'attempt');

    try {
      await simulateWork(this.config, message.resource_id, delivery.attempt);
      const dataset = parseDataset(
        resource.url ? await downloadText(resource.url, this.config.download) : resource.data,
      );
      const summary = summarise(dataset);
      const measurementId = await this.saveMeasurement(job, resource, dataset, summary);
      if (await this.ledger.settle(tenantId, jobId, key, 'DONE', accumulators(dataset))) {
        await this.resources.recordOutcome(resource, 'DONE', {
          summary,
          attempts: delivery.attempt,
          processed_by: WORKER_ID,
          ...(measurementId ? { measurement_id: measurementId } : {}),
        });
        await this.progress.settled(job, key);
      } else {
        await this.progress.settledBefore(job, key); // settled by an earlier delivery
      }
    } catch (error) {
      const reason = (error as Error).message;
      const permanent =
        error instanceof InvalidDataError || (error instanceof DownloadError && !error.retryable);
      if (permanent || delivery.isLastAttempt) {
        if (await this.ledger.settle(tenantId, jobId, key, 'FAILED')) {
          await this.resources.recordOutcome(resource, 'FAILED', {
            last_error: reason,
            attempts: delivery.attempt,
            processed_by: WORKER_ID,
          });
          await this.progress.settled(job, key);
        } else {
          await this.progress.settledBefore(job, key); // settled by an earlier delivery
        }
        if (permanent) return; // the data will never work: no retry, no dead letter
      }
      throw error; // retried, or dead-lettered after the last attempt
    }
  }

  /** A multichannel time series of a job with a structure becomes a measurement for OMA. */
  private async saveMeasurement(
    job: Stored<FetchJob>,
    resource: Stored<FetchResource>,
    dataset: Dataset,
    summary: DatasetSummary,
  ): Promise<string | undefined> {
    if (!job.structure_id || !isMultichannelTimeSeries(dataset)) return undefined;
    await this.measures.save({
      id: resource.id,
      tenant_id: job.tenant_id,
      structure_id: job.structure_id,
      job_id: job.id,
      resource_id: resource.resource_id,
      sampling_rate_hz: summary.time_series!.sampling_rate_hz,
      channels: dataset.fields,
      samples: dataset.time!.length,
      time: Array.from(dataset.time!),
      series: dataset.fields.map((channel, i) => ({ channel, values: Array.from(dataset.columns[i]) })),
      created_at: new Date(),
    });
    return resource.id;
  }
}
