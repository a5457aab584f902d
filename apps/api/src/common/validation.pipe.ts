import {
  ArgumentMetadata,
  BadRequestException,
  PipeTransform,
  ValidationError,
  ValidationPipe,
} from '@nestjs/common';

export interface FieldError {
  field: string;
  errors: string[];
}

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, errors: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

function validationPipe(forbidUnknown: boolean): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: forbidUnknown,
    transform: true,
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      return new BadRequestException({
        error: 'Bad Request',
        message: fields.map((f) => `${f.field}: ${f.errors.join(', ')}`).join('; '),
        fields,
      });
    },
  });
}

const strict = validationPipe(true);
const lenient = validationPipe(false);

/**
 * Whitelists and transforms input; a 400 names every field at fault. An unknown field of a body is
 * refused (the OpenAPI document closes bodies); an unknown query parameter is dropped, as the
 * document cannot forbid them and clients add their own (cache busters, tracking).
 */
export const apiValidationPipe: PipeTransform = {
  transform: (value: unknown, metadata: ArgumentMetadata) =>
    (metadata.type === 'query' ? lenient : strict).transform(value, metadata),
};
