import { Inject, Injectable, Logger } from '@nestjs/common';
import { StartFetchMessage } from './fetch-job.messages';
import { FetchJob } from './persistence/fetch-job.schema';
import { FetchJobRepository } from './persistence/fetch-job.repository';
import { FetchLedgerRepository } from './persistence/ledger/fetch-ledger.repository';
import { FetchResourceRepository, resourceKey } from './persistence/fetch-resource.repository';
import { INDEX_PAGE_SIZE, indexPageOf, indexPageCount } from './index-pages';
import { IndexEntry } from './index-entry';
import { FetchJobProgress } from './fetch-job-progress';
import { workerConfig, WorkerConfig } from '@modalflow/config';
import { isDatabaseUnavailable, Stored } from '@modalflow/database';
import { StructureRepository } from '@modalflow/structures';
import {
  checkResource,
  DownloadError,
  downloadText,
  parseResourceIndex,
  UnreadableIndexError,
} from '@modalflow/ingestion';
import { Delivery, MalformedMessageError, retryingDatabaseOutages } from '@modalflow/messaging';

const HAND_OFF_PART = 2 * INDEX_PAGE_SIZE;
const PARTS_IN_FLIGHT = 4;

/**
 * Fetches a job's source, records every resource (valid or not, with the reason), and hands the
 * valid ones to the processing workers. Safe to run twice for one job: resources are keyed by job and
 * resource id, and the job only moves forward.
 */
@Injectable()
export class FetchSourceService {
  private readonly logger = new Logger(FetchSourceService.name);

  constructor(
    private readonly jobs: FetchJobRepository,
    private readonly resources: FetchResourceRepository,
    private readonly ledger: FetchLedgerRepository,
    private readonly progress: FetchJobProgress,
    private readonly structures: StructureRepository,
    @Inject(workerConfig.KEY) private readonly config: WorkerConfig,
  ) {}

  async run(message: StartFetchMessage, delivery: Delivery): Promise<void> {
    await retryingDatabaseOutages(() => this.runOnce(message, delivery));
  }

  private async runOnce(message: StartFetchMessage, delivery: Delivery): Promise<void> {
    const queued = await this.jobs.findById(message.tenant_id, message.job_id);
    if (!queued)
      throw new MalformedMessageError(
        `fetch job ${message.job_id} of tenant ${message.tenant_id} does not exist`,
      );
    const job = await this.progress.transition(queued, ['QUEUED', 'FETCHING'], 'FETCHING', {
      started_at: new Date(),
    });
    if (!job) return; // already fetched: a duplicate delivery
    try {
      // A job found FETCHING was started by an earlier delivery, which may have handed parts off.
      await this.fetch(job, delivery, queued.status === 'FETCHING');
    } catch (error) {
      if (isDatabaseUnavailable(error)) throw error; // not the resource's failure: retried as an outage
      // Retried like any failure; on the last attempt the job must not stay FETCHING for ever.
      if (delivery.isLastAttempt)
        await this.progress.fail(job, `fetching failed: ${(error as Error).message}`);
      throw error;
    }
  }

  private async fetch(job: Stored<FetchJob>, delivery: Delivery, resuming: boolean): Promise<void> {
    await this.ledger.mark(job.tenant_id, job.id, `${job.id}:fetch:${delivery.attempt}`, 'attempt');
    // The API checked it; checked again, since a job may come from another writer or outlive its structure.
    if (job.structure_id && !(await this.structures.findById(job.tenant_id, job.structure_id))) {
      return this.progress.fail(job, `structure ${job.structure_id} not found`);
    }

    let text: string;
    try {
      text = await downloadText(job.source_url, this.config.download);
    } catch (error) {
      if (!(error instanceof DownloadError)) throw error;
      if (error.retryable && !delivery.isLastAttempt) throw error;
      const tries = error.retryable ? ` (after ${delivery.attempt} attempts)` : '';
      return this.progress.fail(job, `could not fetch the source: ${error.message}${tries}`);
    }

    let entries: unknown[];
    try {
      entries = parseResourceIndex(text);
    } catch (error) {
      if (error instanceof UnreadableIndexError) return this.progress.fail(job, error.message);
      throw error;
    }

    const checks = entries.map((entry, index) => checkResource(entry, index));
    const records: IndexEntry[] = checks.map((check, index) =>
      check.valid
        ? {
            id: resourceKey(job.id, check.resource.id),
            resource_id: check.resource.id,
            index,
            status: 'QUEUED',
            creation_date: check.resource.creation_date,
            data: check.resource.data,
            url: check.resource.url,
            ...(check.resource.environment ? { environment: check.resource.environment } : {}),
          }
        : {
            id: resourceKey(job.id, check.id ?? `#${index}`),
            resource_id: check.id ?? `#${index}`,
            index,
            status: 'INVALID',
            reason: check.reason,
          },
    );
    const unique = dropRepeatedIds(records);
    const valid = unique.filter((record) => record.status === 'QUEUED');
    await this.jobs.lowerRoundSizeFloor(job.tenant_id, job.id, valid.length);
    const indexedAt = await this.ledger.writeCensus(job.tenant_id, job.id, validPerPage(unique));
    await this.resources.insertInvalidIndex(
      job.tenant_id,
      job.id,
      unique.filter((record) => record.status === 'INVALID'),
      indexedAt,
    );
    // Part by part, so processing starts while the rest of a large index is still being stored;
    // parts are stored while earlier ones are being published, a few parts at most. A part whose
    // hand-off was confirmed left a mark: a fetch run again after a crash resumes after it instead
    // of queuing the whole index again (only the parts in flight when it died go out twice).
    const publishing: Promise<void>[] = [];
    for (let start = 0; start < unique.length; start += HAND_OFF_PART) {
      const part = unique.slice(start, start + HAND_OFF_PART);
      delivery.heartbeat();
      const handedOff = `${job.id}:handoff:${start}`;
      if (resuming && (await this.ledger.isMarked(job.tenant_id, handedOff))) continue;
      await this.resources.insertIndex(job.tenant_id, job.id, part, indexedAt);
      if (publishing.length >= PARTS_IN_FLIGHT) await publishing.shift();
      const handOff = this.progress
        .handOff(
          job,
          part.filter((record) => record.status === 'QUEUED'),
        )
        .then(() => this.ledger.mark(job.tenant_id, job.id, handedOff, 'milestone'))
        .then(() => undefined);
      handOff.catch(() => undefined); // awaited above or below; not an unhandled rejection meanwhile
      publishing.push(handOff);
    }
    await Promise.all(publishing);

    const counts = {
      counts: { found: entries.length, valid: valid.length, invalid: entries.length - valid.length },
      round_size: valid.length,
    };
    this.logger.log(`job ${job.id}: ${entries.length} resources, ${valid.length} valid`);
    if (valid.length === 0) {
      await this.progress.transition(job, ['FETCHING'], 'DONE', { ...counts, finished_at: new Date() });
      return;
    }
    const processing = await this.progress.transition(job, ['FETCHING'], 'PROCESSING', counts);
    if (processing) await this.progress.completeIfAllSettled(processing);
  }
}

/** How many valid entries each page of the index holds (what the ledger lists QUEUED resources by). */
function validPerPage(records: IndexEntry[]): number[] {
  const counts = new Array<number>(indexPageCount(records.length)).fill(0);
  for (const record of records) if (record.status === 'QUEUED') counts[indexPageOf(record.index)]++;
  return counts;
}

/** A resource id given twice in one index: the first stands, the repeats are invalid. */
function dropRepeatedIds(records: IndexEntry[]): IndexEntry[] {
  const seen = new Set<string>();
  return records.map((record) => {
    if (!seen.has(record.id)) {
      seen.add(record.id);
      return record;
    }
    const key = `${record.id}#${record.index}`;
    seen.add(key);
    return {
      ...record,
      id: key,
      status: 'INVALID',
      reason: `repeats id ${record.resource_id}`,
      data: undefined,
      url: undefined,
    };
  });
}
