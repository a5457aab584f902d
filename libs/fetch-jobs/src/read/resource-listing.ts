import { Injectable } from '@nestjs/common';
import { ResourceView, resourceView } from './resource-view';
import { ResourceStatus } from '../fetch-job-status';
import { FetchJob } from '../persistence/fetch-job.schema';
import { FetchLedgerRepository, LedgerPageCounts } from '../persistence/ledger/fetch-ledger.repository';
import { FetchOutcome } from '../persistence/ledger/fetch-outcome.schema';
import { FetchResource } from '../index-entry';
import { FetchResourceRepository, resourceKey } from '../persistence/fetch-resource.repository';
import { indexPageOf } from '../index-pages';
import { Page, PageRequest, Stored } from '@modalflow/database';

/** Ledger pages read at once: a sparse status may spread one listing over many pages. */
const PAGES_AT_ONCE = 4;

/** `outcomes[round]`: what that round settled on one page, by index. */
type PageOutcomes = Array<Map<number, FetchOutcome> | undefined>;

/**
 * A job's resources, listed by status in index order. Whatever the job's size, a listing reads the
 * job's round summaries (one document per round) to find which pages of the index hold the wanted
 * slice, then only those pages and their ledger pages, all by `_id` (docs/ingestion.md).
 */
@Injectable()
export class ResourceListing {
  constructor(
    private readonly index: FetchResourceRepository,
    private readonly ledger: FetchLedgerRepository,
  ) {}

  async list(
    job: Stored<FetchJob>,
    status: ResourceStatus | undefined,
    request: PageRequest,
  ): Promise<Page<ResourceView>> {
    const fetched = job.status === 'PROCESSING' || job.status === 'DONE';
    if (status === 'INVALID') {
      const found = await this.index.invalidRange(
        job.tenant_id,
        job.id,
        request,
        fetched ? job.counts.invalid : undefined,
      );
      return { ...found, items: found.items.map((entry) => resourceView(entry, null)) };
    }
    if (status === undefined) {
      const found = await this.index.range(
        job.tenant_id,
        job.id,
        request,
        fetched ? job.counts.found : undefined,
      );
      const pages = [...new Set(found.items.map((entry) => indexPageOf(entry.index)))];
      const outcomes = new Map(
        await Promise.all(
          pages.map(async (page) => [page, await this.outcomesOn(job, page, ['DONE', 'FAILED'])] as const),
        ),
      );
      const items = found.items.map((entry) =>
        viewOf(entry, outcomes.get(indexPageOf(entry.index))!, job.round),
      );
      return { ...found, items };
    }

    const counts = await this.ledger.pageCounts(job.tenant_id, job.id, job.round, status === 'QUEUED');
    const perPage = pageTotals(counts, status, job.round);
    let total = perPage.reduce((sum, count) => sum + count, 0);
    const wanted = pagesFor(perPage, request);
    const items: ResourceView[] = [];
    for (let first = 0; first < wanted.length; first += PAGES_AT_ONCE) {
      const read = await Promise.all(
        wanted.slice(first, first + PAGES_AT_ONCE).map(async ({ page, skip }) => {
          const views = await this.onPage(job, counts, status, page);
          // A page read is newer than its round summary when a worker died between writing the
          // one and the other (the redelivery brings the summary up): the total follows the page.
          total += views.length - perPage[page];
          return views.slice(skip);
        }),
      );
      for (const views of read) items.push(...views);
    }
    return { items: items.slice(0, request.limit), total, ...request };
  }

  /**
   * The resources of one page with `status`, reading no more than that needs: a settled resource is
   * shown from its ledger record alone (records are kept by status, so FAILED ones are read without
   * the DONE ones); QUEUED ones need the index page and only the statuses of the ledger pages.
   */
  private async onPage(
    job: Stored<FetchJob>,
    counts: LedgerPageCounts,
    status: 'QUEUED' | 'DONE' | 'FAILED',
    page: number,
  ): Promise<ResourceView[]> {
    const { tenant_id: tenantId, id: jobId, round: currentRound } = job;
    if (status !== 'QUEUED') {
      const outcomes = await this.outcomesOn(job, page, [status], counts);
      const settled = outcomes.flatMap((round) => (round ? [...round.values()] : []));
      return settledViews(job, settled, counts.indexedAt);
    }
    const [onPage, statuses] = await Promise.all([
      this.index.entriesOnPage(tenantId, jobId, page),
      Promise.all(
        counts.rounds.map((round, n) =>
          round.has(page) ? this.ledger.statusesOnPage(tenantId, jobId, n, page) : Promise.resolve(undefined),
        ),
      ),
    ]);
    const settled = (index: number) =>
      statuses[currentRound]?.has(index) || statuses.some((round) => round?.get(index) === 'DONE');
    return onPage
      .filter((entry) => entry.status === 'QUEUED' && !settled(entry.index))
      .map((entry) => resourceView(entry, null));
  }

  /**
   * What each round settled on a page with one of `statuses` (with the round summaries: only the
   * rounds that settled some there; FAILED ones only in the current round, the earlier are reopened).
   */
  private async outcomesOn(
    job: Stored<FetchJob>,
    page: number,
    statuses: Array<'DONE' | 'FAILED'>,
    counts?: LedgerPageCounts,
  ): Promise<PageOutcomes> {
    return Promise.all(
      Array.from({ length: job.round + 1 }, async (_, round) => {
        const onPage = counts?.rounds[round].get(page);
        const holdsSome = (status: 'DONE' | 'FAILED') =>
          onPage !== undefined &&
          (status === 'DONE' ? onPage.processed > 0 : round === job.round && onPage.failed > 0);
        const wanted = counts ? statuses.filter(holdsSome) : statuses;
        if (wanted.length === 0) return undefined;
        const [counted, ...found] = await Promise.all([
          this.ledger.statusesOnPage(job.tenant_id, job.id, round, page),
          ...wanted.map((status) => this.ledger.outcomesOnPage(job.tenant_id, job.id, round, page, status)),
        ]);
        // A record is written before its tally: one whose tally is missing (its worker died in
        // between; the redelivery sets it) is still QUEUED, as the QUEUED listing shows it.
        return new Map(found.flatMap((byIndex) => [...byIndex].filter(([index]) => counted.has(index))));
      }),
    );
  }
}

/** Settled resources in index order, shown from their ledger records. */
function settledViews(
  job: Stored<FetchJob>,
  outcomes: FetchOutcome[],
  indexedAt: Date | undefined,
): ResourceView[] {
  return outcomes
    .sort((a, b) => a.index - b.index)
    .map((outcome) =>
      resourceView(
        {
          id: resourceKey(job.id, outcome.resource_id),
          job_id: job.id,
          tenant_id: job.tenant_id,
          resource_id: outcome.resource_id,
          index: outcome.index,
          status: 'QUEUED',
          creation_date: outcome.creation_date,
          url: outcome.url,
          created_at: indexedAt ?? outcome.processed_at,
        },
        outcome,
      ),
    );
}

/**
 * An entry as it stands: its outcome in the current round; else DONE in an earlier round; a resource
 * that FAILED in an earlier round was reopened by retry-failed and is QUEUED again.
 */
function viewOf(entry: FetchResource, outcomes: PageOutcomes, currentRound: number): ResourceView {
  if (entry.status === 'INVALID') return resourceView(entry, null);
  const current = outcomes[currentRound]?.get(entry.index);
  if (current) return resourceView(entry, current);
  for (let round = currentRound - 1; round >= 0; round--) {
    const earlier = outcomes[round]?.get(entry.index);
    if (earlier?.status === 'DONE') return resourceView(entry, earlier);
  }
  return resourceView(entry, null);
}

/** How many resources of each page of the index have `status` (by the ledger's round summaries). */
function pageTotals(
  counts: LedgerPageCounts,
  status: 'QUEUED' | 'DONE' | 'FAILED',
  currentRound: number,
): number[] {
  const pages = Math.max(
    counts.census?.length ?? 0,
    ...counts.rounds.map((round) => Math.max(-1, ...round.keys()) + 1),
  );
  return Array.from({ length: pages }, (_, page) => {
    const done = counts.rounds.reduce((sum, round) => sum + (round.get(page)?.processed ?? 0), 0);
    const failed = counts.rounds[currentRound].get(page)?.failed ?? 0;
    if (status === 'DONE') return done;
    if (status === 'FAILED') return failed;
    return Math.max(0, (counts.census?.[page] ?? 0) - done - failed);
  });
}

/** The pages holding positions offset .. offset + limit - 1 of a filtered listing, and what to skip on the first. */
function pagesFor(perPage: number[], request: PageRequest): Array<{ page: number; skip: number }> {
  const wanted: Array<{ page: number; skip: number }> = [];
  let skip = request.offset;
  let needed = request.limit;
  for (let page = 0; page < perPage.length && needed > 0; page++) {
    const count = perPage[page];
    if (skip >= count) {
      skip -= count;
      continue;
    }
    wanted.push({ page, skip });
    needed -= count - skip;
    skip = 0;
  }
  return wanted;
}
