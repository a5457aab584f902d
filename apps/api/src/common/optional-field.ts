import { ValidateIf } from 'class-validator';

/**
 * A body field that may be left out but, when given, is checked like any other: unlike
 * class-validator's IsOptional, `null` is not taken for "absent" (it would be stored as null).
 */
export const OptionalField = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);
