import { ValidateBy, type ValidationOptions } from 'class-validator';
import { checkEnvironment } from '@modalflow/ingestion';

/**
 * An `environment` of a measurement: numbers by snake_case name, at most 32 (checkEnvironment,
 * the check fetch resources and queued messages get too); the message says what is wrong.
 */
export function IsEnvironment(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isEnvironment',
      validator: {
        validate: (value: unknown) => checkEnvironment(value).valid,
        defaultMessage: (args) => {
          const check = checkEnvironment(args?.value);
          return check.valid ? '' : check.reason.replace(/^environment/, args?.property ?? 'environment');
        },
      },
    },
    options,
  );
}

/** A query parameter given as JSON text (`?environment={"temperature_c":4.5}`), parsed; else kept as it is. */
export function parsedJson({ value }: { value: unknown }): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}
