import { setTimeout as sleep } from 'node:timers/promises';
import type { WorkerConfig } from '@modalflow/config';

export class SimulatedFailureError extends Error {
  override name = 'SimulatedFailureError';
}

/**
 * DELAY_TIME, PROCESSING_TIME and FAILURE_RATE, as in the ETL worker example: a random wait of up to
 * each time, then a failure with probability FAILURE_RATE. All 0 by default.
 */
export async function simulateWork(config: WorkerConfig, random: () => number = Math.random): Promise<void> {
  if (config.delayTimeMs > 0) await sleep(random() * config.delayTimeMs);
  if (config.processingTimeMs > 0) await sleep(random() * config.processingTimeMs);
  if (config.failureRate > 0 && random() < config.failureRate) {
    throw new SimulatedFailureError(`simulated processing failure (FAILURE_RATE=${config.failureRate})`);
  }
}
