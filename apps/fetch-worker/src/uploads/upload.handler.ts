import { Controller, UseFilters } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { QUEUES, UploadMessage } from '@modalflow/contracts';
import { messageValidationPipe, RethrowRpcErrorsFilter, WorkMessageContext } from '@modalflow/messaging';
import { ProcessUploadService } from './process-upload.service';

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
