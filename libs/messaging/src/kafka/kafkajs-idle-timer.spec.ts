/**
 * patches/kafkajs+2.2.4.patch (applied by `npm install`/`npm ci`): without it every idle KafkaJS
 * connection re-arms a timer with a negative delay for ever (tulios/kafkajs#1556), ~3% of a core per
 * idle app here.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const RequestQueue = require('kafkajs/src/network/requestQueue') as new (options: object) => {
  pending: unknown[];
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
};

describe('KafkaJS request queue (patched)', () => {
  const logger = { debug: () => undefined, warn: () => undefined, error: () => undefined };

  it('arms no timer when nothing is pending', () => {
    const queue = new RequestQueue({ maxInFlightRequests: 1, requestTimeout: 1000, logger });
    queue.checkPendingRequests();
    const armed = queue.throttleCheckTimeoutId;
    clearTimeout(armed ?? undefined); // unpatched, it would re-arm itself for ever
    expect(armed).toBeNull();
  });

  it('still checks again later while requests are pending', () => {
    const queue = new RequestQueue({ maxInFlightRequests: 0, requestTimeout: 1000, logger });
    queue.pending.push({});
    queue.checkPendingRequests();
    expect(queue.throttleCheckTimeoutId).not.toBeNull();
    clearTimeout(queue.throttleCheckTimeoutId!);
  });
});
