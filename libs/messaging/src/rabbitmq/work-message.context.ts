import { BaseRpcContext } from '@nestjs/microservices';
import type { ConsumeMessage } from 'amqplib';

/** What domain services need to know of a delivery (WorkMessageContext satisfies it). */
export interface Delivery {
  attempt: number;
  isLastAttempt: boolean;
  /** Tells the worker's stall watch (WorkProgress) that a long handler is still making progress. */
  heartbeat(): void;
}

/** What a handler learns about the delivery it is processing (use with @Ctx()). */
export class WorkMessageContext extends BaseRpcContext<[ConsumeMessage, string, number, number, () => void]> {
  get message(): ConsumeMessage {
    return this.args[0];
  }
  get queue(): string {
    return this.args[1];
  }
  /** 1 on first delivery, counting retries through the retry queues. */
  get attempt(): number {
    return this.args[2];
  }
  get maxAttempts(): number {
    return this.args[3];
  }
  /** True when a failure now sends the message to the dead-letter queue instead of a retry. */
  get isLastAttempt(): boolean {
    return this.attempt >= this.maxAttempts;
  }
  heartbeat(): void {
    this.args[4]();
  }
}
