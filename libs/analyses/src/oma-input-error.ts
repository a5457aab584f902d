import { OmaInputError } from '@modalflow/oma';
import { fieldError } from '@modalflow/contracts';

/** Runs an OMA check; its OmaInputError becomes a 400 naming the field at fault. */
export function asBadRequest<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof OmaInputError)) throw error;
    if (error.field && error.problem) throw fieldError(error.field, error.problem);
    throw fieldError('params', error.message);
  }
}
