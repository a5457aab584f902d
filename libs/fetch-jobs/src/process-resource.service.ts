import { Inject, Injectable } from '@nestjs/common';
import { hostname } from 'node:os';
import { DataProcessingMessage } from './fetch-job.messages';
import { FetchJob } from './persistence/fetch-job.schema';
import { FetchLedgerRepository } from './persistence/ledger/fetch-ledger.repository';
import { FetchResourceRepository, resourceKey } from './persistence/fetch-resource.repository';
import { NewFetchOutcome } from './persistence/ledger/fetch-outcome.schema';
import { FetchJobCache } from './fetch-job-cache';
import { FetchJobProgress } from './fetch-job-progress';
import { workerConfig, WorkerConfig } from '@modalflow/config';
import { isDatabaseUnavailable, Stored } from '@modalflow/database';
import { MeasureRepository, MeasurementArrivals } from '@modalflow/measurements';
import { StructureRepository } from '@modalflow/structures';
import {
  accumulators,
  checkEnvironment,
  type Environment,
  DatasetSummary,
  DownloadError,
  downloadText,
  InvalidDataError,
  isMultichannelTimeSeries,
  parseResourceData,
  simulateWork,
  summarise,
} from '@modalflow/ingestion';
import { Delivery, MalformedMessageError, retryingDatabaseOutages } from '@modalflow/messaging';
import { type ChannelTable } from '@modalflow/oma';

const WORKER_ID = `${hostname()}:${process.pid}`;

type Ending = Pick<NewFetchOutcome, 'status' | 'fields' | 'summary' | 'last_error' | 'measurement_id'>;

/**
 * Processes one resource: reads its data, summarises it, and settles it in the job's ledger with
 * its outcome. A resource is counted once however often its message is delivered: the first
 * delivery whose ledger insert settles it (DONE or FAILED) decides the outcome; every delivery then
 * counts that outcome, which after the first changes nothing (see FetchLedgerRepository.count), so a
 * worker that died between settling and counting leaves nothing undone. The job is read once per round (see
 * FetchJobCache) and small data comes in the message, so a resource usually costs no read at all.
 */
@Injectable()
export class ProcessResourceService {
  private readonly structureChecks = new WeakMap<Stored<FetchJob>, Promise<boolean>>();

  constructor(
    private readonly jobs: FetchJobCache,
    private readonly resources: FetchResourceRepository,
    private readonly ledger: FetchLedgerRepository,
    private readonly measures: MeasureRepository,
    private readonly structures: StructureRepository,
    private readonly progress: FetchJobProgress,
    private readonly arrivals: MeasurementArrivals,
    @Inject(workerConfig.KEY) private readonly config: WorkerConfig,
  ) {}

  async process(message: DataProcessingMessage, delivery: Delivery): Promise<void> {
    await retryingDatabaseOutages(() => this.processOnce(message, delivery));
  }

  private async processOnce(message: DataProcessingMessage, delivery: Delivery): Promise<void> {
    const { tenant_id: tenantId, job_id: jobId } = message;
    const key = resourceKey(jobId, message.resource_id);
    const job = await this.jobs.forRound(tenantId, jobId, message.round);
    if (!job) throw new MalformedMessageError(`fetch job ${jobId} does not exist`);

    const settle = async (ending: Ending) => {
      const settled = await this.ledger.settle(tenantId, jobId, {
        status: ending.status,
        fields: ending.fields,
        summary: ending.summary,
        last_error: ending.last_error,
        measurement_id: ending.measurement_id,
        round: job.round,
        resource_id: message.resource_id,
        index: message.index,
        creation_date: message.creation_date,
        url: message.url,
        attempts: delivery.attempt,
        processed_by: WORKER_ID,
      });
      await this.progress.settled(job, settled);
    };

    try {
      await simulateWork(this.config, message.resource_id, delivery.attempt);
      const dataset = parseResourceData(await this.dataOf(message, key));
      const summary = summarise(dataset);
      const measurementId = await this.saveMeasurement(job, message, key, dataset, summary);
      await settle({ status: 'DONE', fields: accumulators(dataset), summary, measurement_id: measurementId });
    } catch (error) {
      if (error instanceof MalformedMessageError) throw error;
      if (isDatabaseUnavailable(error)) throw error; // not the resource's failure: retried as an outage
      const reason = (error as Error).message;
      const permanent =
        error instanceof InvalidDataError || (error instanceof DownloadError && !error.retryable);
      if (permanent || delivery.isLastAttempt) {
        await settle({ status: 'FAILED', fields: [], last_error: reason });
        if (permanent) return; // the data will never work: no retry, no dead letter
      }
      throw error; // retried, or dead-lettered after the last attempt
    }
  }

  /** The resource's data: inline in the message, at its URL, or (too large for a message) stored. */
  private async dataOf(message: DataProcessingMessage, key: string): Promise<unknown> {
    if (message.url) return downloadText(message.url, this.config.download);
    if (message.data !== undefined) return message.data;
    const data = await this.resources.storedData(message.tenant_id, key);
    if (data === null)
      throw new MalformedMessageError(
        `resource ${message.resource_id} of job ${message.job_id} has no stored data`,
      );
    return data;
  }

  /** Whether the job's structure is its tenant's, asked once per job round (the cache's job object). */
  private ownsStructure(job: Stored<FetchJob>): Promise<boolean> {
    let owned = this.structureChecks.get(job);
    if (!owned) {
      owned = this.structures
        .findById(job.tenant_id, job.structure_id!)
        .then((structure) => structure !== null);
      this.structureChecks.set(job, owned);
    }
    return owned;
  }

  /** A multichannel time series of a job with a structure becomes a measurement for OMA. */
  private async saveMeasurement(
    job: Stored<FetchJob>,
    message: DataProcessingMessage,
    key: string,
    dataset: ChannelTable,
    summary: DatasetSummary,
  ): Promise<string | undefined> {
    if (!job.structure_id || !isMultichannelTimeSeries(dataset)) return undefined;
    if (!(await this.ownsStructure(job))) {
      throw new InvalidDataError(`structure ${job.structure_id} not found: the measurement was not stored`);
    }
    const environment = environmentOf(message);
    await this.measures.save({
      id: key,
      tenant_id: job.tenant_id,
      structure_id: job.structure_id,
      job_id: job.id,
      resource_id: message.resource_id,
      sampling_rate_hz: summary.time_series!.sampling_rate_hz,
      channels: dataset.channels,
      samples: dataset.time!.length,
      time: Array.from(dataset.time!),
      series: dataset.channels.map((channel, i) => ({ channel, values: Array.from(dataset.data[i]) })),
      recorded_at: new Date(message.creation_date),
      ...(environment ? { environment } : {}),
      created_at: new Date(),
    });
    await this.arrivals.measurementArrived({
      tenant_id: job.tenant_id,
      structure_id: job.structure_id,
      source: 'measurement',
      source_id: key,
      recorded_at: new Date(message.creation_date),
      ...(environment ? { environment } : {}),
      channel_means: Object.fromEntries(
        dataset.channels.map((channel, i) => [channel, meanOf(dataset.data[i])]),
      ),
      shape: {
        channels: dataset.channels,
        samplingRateHz: summary.time_series!.sampling_rate_hz,
        samples: dataset.time!.length,
      },
    });
    return key;
  }
}

/** A message's environment, checked again (a queued message is input like any other). */
function environmentOf(message: DataProcessingMessage): Environment | undefined {
  if (message.environment === undefined) return undefined;
  const check = checkEnvironment(message.environment);
  if (!check.valid) throw new InvalidDataError(check.reason);
  return check.environment;
}

function meanOf(values: Float64Array): number {
  let sum = 0;
  for (const value of values) sum += value;
  return values.length ? sum / values.length : 0;
}
