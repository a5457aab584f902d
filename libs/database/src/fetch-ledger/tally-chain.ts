import { addAccumulators, FieldAccumulator } from '@modalflow/ingestion';
import { FetchTally } from './fetch-tally.schema';
import { FetchOutcome, FieldAccumulatorEntry } from './fetch-outcome.schema';

/** A link as the chain reads it back: without the ids of its resources. */
export type TallyTotals = Omit<FetchTally, 'resource_ids'>;

/** What the chain needs of its collection: `_id` lookups only (see TallyChain.lastLink). */
export interface TallyStore {
  /** True when the link was new, false when one with its `_id` exists. */
  insertOnce(link: FetchTally): Promise<boolean>;
  findById(id: string): Promise<TallyTotals | null>;
}

/** A resource whose outcome was just inserted, to be counted. */
export interface SettledResource {
  resourceId: string;
  status: FetchOutcome['status'];
  fields: FieldAccumulatorEntry[];
}

interface Pending {
  resource: SettledResource;
  resolve(settledInRound: number): void;
  reject(error: Error): void;
}

interface RoundQueue {
  tenantId: number;
  jobId: string;
  round: number;
  pending: Pending[];
}

const MAX_KNOWN_ROUNDS = 10_000;

/**
 * Counts settled resources per job round in batches: the resources of one round settled while a
 * link is being written go into the next link together (no timer, like InsertBatcher). Each caller
 * learns the round's settled count as of the link that holds its resource. Links build on the last
 * link this process knows; when another worker took that `seq`, the batch is tried again after the
 * chain's end. Every link holds the round's totals so far, so the last link is the round's tally.
 */
export class TallyChain {
  private readonly queues = new Map<string, RoundQueue>();
  private readonly heads = new Map<string, TallyTotals>();

  constructor(
    private readonly store: TallyStore,
    private readonly maxBatch = 500,
  ) {}

  append(tenantId: number, jobId: string, round: number, resource: SettledResource): Promise<number> {
    const key = roundKey(tenantId, jobId, round);
    return new Promise((resolve, reject) => {
      const queue = this.queues.get(key);
      if (queue) {
        queue.pending.push({ resource, resolve, reject });
        return;
      }
      const started: RoundQueue = { tenantId, jobId, round, pending: [{ resource, resolve, reject }] };
      this.queues.set(key, started);
      void this.writeAll(key, started);
    });
  }

  private async writeAll(key: string, queue: RoundQueue): Promise<void> {
    while (queue.pending.length) {
      const batch = queue.pending.splice(0, this.maxBatch);
      try {
        const link = await this.appendLink(
          key,
          queue,
          batch.map((pending) => pending.resource),
        );
        for (const pending of batch) pending.resolve(link.settled);
      } catch (error) {
        this.heads.delete(key);
        for (const pending of batch) pending.reject(error as Error);
      }
    }
    this.queues.delete(key);
  }

  /**
   * The last link of a job round, or null before its first. Found by `_id` lookups, forward from the
   * last link this process knows: `seq`s have no gaps (a link builds on the one before it), so a
   * doubling probe and a bisection find the end in about 2 log2(links) lookups. A query for the
   * highest `seq` would scan the whole collection on FerretDB (about 110 µs per stored link).
   */
  async lastLink(tenantId: number, jobId: string, round: number): Promise<TallyTotals | null> {
    const key = roundKey(tenantId, jobId, round);
    const last = await this.lastFrom(tenantId, jobId, round, this.heads.get(key) ?? null);
    if (last) this.remember(key, last);
    return last;
  }

  private async lastFrom(
    tenantId: number,
    jobId: string,
    round: number,
    known: TallyTotals | null,
  ): Promise<TallyTotals | null> {
    const probe = async (seq: number) => {
      const link = await this.store.findById(linkId(jobId, round, seq));
      return link?.tenant_id === tenantId ? link : null;
    };
    let last = known;
    let absent: number | undefined;
    for (let step = 1; absent === undefined; step *= 2) {
      const seq = (last?.seq ?? 0) + step;
      const link = await probe(seq);
      if (link) last = link;
      else absent = seq;
    }
    let present = last?.seq ?? 0;
    while (absent - present > 1) {
      const middle = Math.floor((present + absent) / 2);
      const link = await probe(middle);
      if (link) [last, present] = [link, middle];
      else absent = middle;
    }
    return last;
  }

  private async appendLink(key: string, queue: RoundQueue, batch: SettledResource[]): Promise<FetchTally> {
    const { tenantId, jobId, round } = queue;
    let head = this.heads.get(key) ?? (await this.lastFrom(tenantId, jobId, round, null));
    for (;;) {
      const link = nextLink(queue, head, batch);
      if (await this.store.insertOnce(link)) {
        this.remember(key, link);
        return link;
      }
      head = await this.lastFrom(tenantId, jobId, round, head); // another worker took that seq
    }
  }

  /** Keeps the furthest link known of a round (a lookup may end before a link this process wrote). */
  private remember(key: string, link: TallyTotals): void {
    if ((this.heads.get(key)?.seq ?? 0) > link.seq) return;
    this.heads.delete(key);
    this.heads.set(key, link);
    if (this.heads.size > MAX_KNOWN_ROUNDS) this.heads.delete(this.heads.keys().next().value!);
  }
}

function nextLink(queue: RoundQueue, head: TallyTotals | null, batch: SettledResource[]): FetchTally {
  const seq = (head?.seq ?? 0) + 1;
  const processed = batch.filter((resource) => resource.status === 'DONE');
  const fields = addAccumulators(
    addAccumulators(new Map<string, FieldAccumulator>(), head?.fields ?? []),
    processed.flatMap((resource) => resource.fields),
  );
  return {
    _id: linkId(queue.jobId, queue.round, seq),
    tenant_id: queue.tenantId,
    job_id: queue.jobId,
    round: queue.round,
    seq,
    resource_ids: JSON.stringify(batch.map((resource) => resource.resourceId)),
    fields: [...fields].map(([field, acc]) => ({ field, ...acc })),
    settled: (head?.settled ?? 0) + batch.length,
    processed: (head?.processed ?? 0) + processed.length,
    failed: (head?.failed ?? 0) + batch.length - processed.length,
    created_at: new Date(),
  };
}

/** A job round as this process keeps its queue and its last known link. */
function roundKey(tenantId: number, jobId: string, round: number): string {
  return `${tenantId}:${jobId}:${round}`;
}

function linkId(jobId: string, round: number, seq: number): string {
  return `${jobId}:${round}:${seq}`;
}
