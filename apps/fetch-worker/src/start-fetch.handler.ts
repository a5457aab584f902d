import { Controller, Logger, UseFilters } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { QUEUES, StartFetchMessage } from '@modalflow/contracts';
import { messageValidationPipe, RethrowRpcErrorsFilter, WorkMessageContext } from '@modalflow/messaging';

@Controller()
@UseFilters(RethrowRpcErrorsFilter)
export class StartFetchHandler {
  private readonly logger = new Logger(StartFetchHandler.name);

  @EventPattern(QUEUES.START_FETCH)
  handle(
    @Payload(messageValidationPipe) message: StartFetchMessage,
    @Ctx() context: WorkMessageContext,
  ): void {
    this.logger.log(`fetch job ${message.job_id} received (attempt ${context.attempt})`);
  }
}
