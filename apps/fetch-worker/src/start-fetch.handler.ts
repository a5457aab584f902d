import { Controller, UseFilters } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { QUEUES, StartFetchMessage } from '@modalflow/contracts';
import { messageValidationPipe, RethrowRpcErrorsFilter, WorkMessageContext } from '@modalflow/messaging';
import { FetchSourceService } from './fetch-source.service';

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
