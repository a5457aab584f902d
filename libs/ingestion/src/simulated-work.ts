import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

export class SimulatedFailureError extends Error {
  override name = 'SimulatedFailureError';
}

/**
 * A draw in [0, 1) for one attempt of one resource. With FAILURE_SEED it is a hash of the seed, the
 * resource and the attempt, so the same resources fail on every run whatever the order of work
 * (reproducible demos and tests); without it, Math.random.
 */
export function failureDraw(seed: string, resourceId: string, attempt: number): number {
  if (!seed) return Math.random();
  const digest = createHash('sha256').update(`${seed}:${resourceId}:${attempt}`).digest();
  return digest.readUIntBE(0, 6) / 2 ** 48;
}

/**
 * DELAY_TIME, PROCESSING_TIME and FAILURE_RATE, as in the ETL worker example: a random wait of up to
 * each time, then a failure with probability FAILURE_RATE. All 0 by default.
 */
export interface SimulationSettings {
  delayTimeMs: number;
  processingTimeMs: number;
  failureRate: number;
  failureSeed: string;
}

export async function simulateWork(
  config: SimulationSettings,
  resourceId: string,
  attempt: number,
): Promise<void> {
  if (config.delayTimeMs > 0) await sleep(Math.random() * config.delayTimeMs);
  if (config.processingTimeMs > 0) await sleep(Math.random() * config.processingTimeMs);
  if (config.failureRate > 0 && failureDraw(config.failureSeed, resourceId, attempt) < config.failureRate) {
    throw new SimulatedFailureError(`simulated processing failure (FAILURE_RATE=${config.failureRate})`);
  }
}
