import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';

/** This replica's identity in claims, logs and its abort consumer group. */
export const WORKER_ID = 'OMA_WORKER_ID';
export const workerIdProvider = {
  provide: WORKER_ID,
  useFactory: () => `${hostname()}-${process.pid}-${randomBytes(2).toString('hex')}`,
};
