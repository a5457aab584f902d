import { Controller, Logger, UseFilters } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { DataProcessingMessage, QUEUES } from '@modalflow/contracts';
import { messageValidationPipe, RethrowRpcErrorsFilter, WorkMessageContext } from '@modalflow/messaging';

@Controller()
@UseFilters(RethrowRpcErrorsFilter)
export class DataProcessingHandler {
  private readonly logger = new Logger(DataProcessingHandler.name);

  @EventPattern(QUEUES.DATA_PROCESSING)
  handle(
    @Payload(messageValidationPipe) message: DataProcessingMessage,
    @Ctx() context: WorkMessageContext,
  ): void {
    this.logger.log(
      `resource ${message.resource_id} of job ${message.job_id} received (attempt ${context.attempt})`,
    );
  }
}
