import { Controller, UseFilters } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { QUEUES } from '@modalflow/contracts';
import { StartFetchMessage, FetchSourceService } from '@modalflow/fetch-jobs';
import { messageValidationPipe, RethrowRpcErrorsFilter, WorkMessageContext } from '@modalflow/messaging';

@Controller()
@UseFilters(RethrowRpcErrorsFilter)
export class StartFetchHandler {
  constructor(private readonly fetchSource: FetchSourceService) {}

  @EventPattern(QUEUES.START_FETCH)
  handle(
    @Payload(messageValidationPipe) message: StartFetchMessage,
    @Ctx() context: WorkMessageContext,
  ): Promise<void> {
    return this.fetchSource.run(message, context);
  }
}
