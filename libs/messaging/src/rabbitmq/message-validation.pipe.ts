import { ValidationPipe } from '@nestjs/common';
import { MalformedMessageError } from './malformed-message.error';

/** Validates a message payload against its contract class; a bad shape is dead-lettered, never retried. */
export const messageValidationPipe = new ValidationPipe({
  transform: true,
  whitelist: true,
  exceptionFactory: (errors) =>
    new MalformedMessageError(
      `malformed message: ${errors
        .map(
          (e) => `${e.property}: ${Object.values(e.constraints ?? { invalid: 'invalid value' }).join(', ')}`,
        )
        .join('; ')}`,
    ),
});
