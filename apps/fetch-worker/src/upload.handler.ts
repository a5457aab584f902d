import { Controller, UseFilters } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { QUEUES } from '@modalflow/contracts';
import { messageValidationPipe, RethrowRpcErrorsFilter, WorkMessageContext } from '@modalflow/messaging';
import { ProcessUploadService, UploadMessage } from '@modalflow/uploads';

@Controller()
@UseFilters(RethrowRpcErrorsFilter)
export class UploadHandler {
  constructor(private readonly uploads: ProcessUploadService) {}

  @EventPattern(QUEUES.UPLOAD)
  handle(
    @Payload(messageValidationPipe) message: UploadMessage,
    @Ctx() context: WorkMessageContext,
  ): Promise<void> {
    return this.uploads.process(message, context);
  }
}
