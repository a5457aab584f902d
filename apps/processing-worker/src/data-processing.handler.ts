import { Controller, UseFilters } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { DataProcessingMessage, ProcessResourceService } from '@modalflow/fetch-jobs';
import { QUEUES } from '@modalflow/contracts';
import { messageValidationPipe, RethrowRpcErrorsFilter, WorkMessageContext } from '@modalflow/messaging';

@Controller()
@UseFilters(RethrowRpcErrorsFilter)
export class DataProcessingHandler {
  constructor(private readonly processResource: ProcessResourceService) {}

  @EventPattern(QUEUES.DATA_PROCESSING)
  handle(
    @Payload(messageValidationPipe) message: DataProcessingMessage,
    @Ctx() context: WorkMessageContext,
  ): Promise<void> {
    return this.processResource.process(message, context);
  }
}
