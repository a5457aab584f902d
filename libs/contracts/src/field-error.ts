import { BadRequestException } from '@nestjs/common';

/** A 400 in the validation pipe's shape, for checks done after it: names the field at fault. */
export function fieldError(field: string, problem: string): BadRequestException {
  return new BadRequestException({
    error: 'Bad Request',
    message: `${field}: ${problem}`,
    fields: [{ field, errors: [problem] }],
  });
}
