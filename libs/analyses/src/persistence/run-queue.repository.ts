import { Inject, Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { type RunQueueEntry } from './run-queue-entry';
import { mongoConfig, MongoConfig } from '@modalflow/config';
import { isDuplicateKey } from '@modalflow/database';

interface Claim {
  _id: string;
  analysis_id: string;
  worker_id: string;
  at: Date;
}

/**
 * The run queue (MONGODB_QUEUE_COLLECTION). Claiming must be atomic across worker replicas, and
 * FerretDB does not make concurrent updates of one document atomic, but it does make inserts of
 * one `_id` atomic: a claim is the insert of `<analysis id>:<queued at>:<epoch>` into
 * `<queue>_claims`; exactly one worker succeeds per epoch. A worker that later finds a newer epoch
 * on the entry has lost the run (its lease expired and another worker took it).
 */
@Injectable()
export class RunQueueRepository {
  constructor(
    @InjectConnection() private readonly connection: Connection,
    @Inject(mongoConfig.KEY) private readonly config: MongoConfig,
  ) {}

  private get queue() {
    return this.connection.collection<RunQueueEntry>(this.config.collections.queue);
  }

  private get claims() {
    return this.connection.collection<Claim>(`${this.config.collections.queue}_claims`);
  }

  /** Adds a run; false when the analysis is already queued or running. */
  async enqueue(entry: Omit<RunQueueEntry, '_id' | 'claim_epoch' | 'status'>): Promise<boolean> {
    try {
      await this.queue.insertOne({ ...entry, _id: entry.analysis_id, status: 'QUEUED', claim_epoch: 0 });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  /** The tenant's entry of an analysis (read by `_id` alone, the tenant checked here). */
  async find(tenantId: number, analysisId: string): Promise<RunQueueEntry | null> {
    const entry = await this.queue.findOne({ _id: analysisId });
    return entry?.tenant_id === tenantId ? entry : null;
  }

  /** Queued runs, and running ones whose lease has expired, oldest first: of every tenant (the OMA worker claims any). */
  claimable(now: Date, limit: number): Promise<RunQueueEntry[]> {
    return this.queue
      .find({ $or: [{ status: 'QUEUED' }, { lease_until: { $lt: now } }] })
      .sort({ queued_at: 1 })
      .limit(limit)
      .toArray();
  }

  /** Takes the run for this worker; null when another worker took it first or it was aborted. */
  async claim(entry: RunQueueEntry, workerId: string, leaseMs: number): Promise<RunQueueEntry | null> {
    const epoch = entry.claim_epoch + 1;
    try {
      await this.claims.insertOne({
        _id: claimId(entry, epoch),
        analysis_id: entry.analysis_id,
        worker_id: workerId,
        at: new Date(),
      });
    } catch (error) {
      if (isDuplicateKey(error)) return null;
      throw error;
    }
    const lease_until = new Date(Date.now() + leaseMs);
    await this.queue.updateOne(
      { _id: entry._id },
      { $set: { status: 'RUNNING', worker_id: workerId, claim_epoch: epoch, lease_until } },
    );
    const current = await this.find(entry.tenant_id, entry._id);
    return current && current.claim_epoch === epoch && current.worker_id === workerId ? current : null;
  }

  /** Extends the lease; false when this worker no longer holds the run (aborted, or taken over). */
  async renew(tenantId: number, analysisId: string, epoch: number, leaseMs: number): Promise<boolean> {
    const current = await this.find(tenantId, analysisId);
    if (!current || current.claim_epoch !== epoch) return false;
    await this.queue.updateOne(
      { _id: analysisId },
      { $set: { lease_until: new Date(Date.now() + leaseMs) } },
    );
    return true;
  }

  /** Puts a run this worker holds back in the queue (on shutdown), for another worker to take at once. */
  async release(tenantId: number, analysisId: string, epoch: number): Promise<void> {
    const current = await this.find(tenantId, analysisId);
    if (!current || current.claim_epoch !== epoch) return;
    await this.queue.updateOne(
      { _id: analysisId },
      { $set: { status: 'QUEUED' }, $unset: { worker_id: '', lease_until: '' } },
    );
  }

  /** Removes the run and its claims (found by their ids, never by a scan); true when it was there. */
  async remove(tenantId: number, analysisId: string): Promise<boolean> {
    const entry = await this.find(tenantId, analysisId);
    if (!entry) return false;
    const result = await this.queue.deleteOne({ _id: analysisId });
    for (let epoch = 1; epoch <= entry.claim_epoch + 1; epoch++)
      await this.claims.deleteOne({ _id: claimId(entry, epoch) });
    return result.deletedCount === 1;
  }
}

function claimId(entry: RunQueueEntry, epoch: number): string {
  return `${entry.analysis_id}:${new Date(entry.queued_at).getTime()}:${epoch}`;
}
