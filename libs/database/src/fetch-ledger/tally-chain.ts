import { addAccumulators, FieldAccumulator } from '@modalflow/ingestion';
import { FetchTally } from './fetch-tally.schema';
import { FetchOutcome, FieldAccumulatorEntry } from './fetch-outcome.schema';

/** What the chain needs of its collection. */
export interface TallyStore {
  /** True when the link was new, false when one with its `_id` exists. */
  insertOnce(link: FetchTally): Promise<boolean>;
  findById(id: string): Promise<FetchTally | null>;
  /** The link with the highest `seq` of a job round, if any. */
  latest(tenantId: number, jobId: string, round: number): Promise<FetchTally | null>;
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
 * link this process knows; when another worker took that `seq`, the link it wrote is read and the
 * batch tried again after it.
 */
export class TallyChain {
  private readonly queues = new Map<string, RoundQueue>();
  private readonly heads = new Map<string, FetchTally>();

  constructor(
    private readonly store: TallyStore,
    private readonly maxBatch = 500,
  ) {}

  append(tenantId: number, jobId: string, round: number, resource: SettledResource): Promise<number> {
    const key = `${jobId}:${round}`;
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

  private async appendLink(key: string, queue: RoundQueue, batch: SettledResource[]): Promise<FetchTally> {
    let head = this.heads.get(key) ?? (await this.store.latest(queue.tenantId, queue.jobId, queue.round));
    for (;;) {
      const link = nextLink(queue, head, batch);
      if (await this.store.insertOnce(link)) {
        this.remember(key, link);
        return link;
      }
      head =
        (await this.store.findById(link._id)) ??
        (await this.store.latest(queue.tenantId, queue.jobId, queue.round));
    }
  }

  private remember(key: string, link: FetchTally): void {
    this.heads.delete(key);
    this.heads.set(key, link);
    if (this.heads.size > MAX_KNOWN_ROUNDS) this.heads.delete(this.heads.keys().next().value!);
  }
}

function nextLink(queue: RoundQueue, head: FetchTally | null, batch: SettledResource[]): FetchTally {
  const seq = (head?.seq ?? 0) + 1;
  const processed = batch.filter((resource) => resource.status === 'DONE');
  const fields = addAccumulators(
    new Map<string, FieldAccumulator>(),
    processed.flatMap((resource) => resource.fields),
  );
  return {
    _id: `${queue.jobId}:${queue.round}:${seq}`,
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
