import { setTimeout as sleep } from 'node:timers/promises';

export class ServiceUnavailableError extends Error {
  override name = 'ServiceUnavailableError';
}

/**
 * Calls `attempt` until it succeeds, with exponential back-off (capped at 5 s), while a service is
 * still starting. Past `deadlineMs` it throws one error naming the service and its address.
 */
export async function retryUntilReady<T>(
  service: string,
  address: string,
  deadlineMs: number,
  attempt: () => Promise<T>,
): Promise<T> {
  const giveUpAt = Date.now() + deadlineMs;
  let delay = 250;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      const err = error as Error;
      if (Date.now() + delay > giveUpAt) {
        throw new ServiceUnavailableError(
          `${service} at ${address} is not reachable after ${Math.round(deadlineMs / 1000)}s: ${err.message}`,
        );
      }
      await sleep(delay);
      delay = Math.min(delay * 2, 5000);
    }
  }
}
