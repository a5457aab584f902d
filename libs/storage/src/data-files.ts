import { isAbsolute, relative, resolve } from 'node:path';

/** Thrown when an input names something the caller cannot have: a path outside DATA_PATH, a missing object. */
export class StorageInputError extends Error {
  override readonly name = 'StorageInputError';
}

/** Resolves a path given by a user inside `base`; refuses anything that would escape it. */
export function resolveInside(base: string, userPath: string): string {
  const root = resolve(base);
  const target = resolve(root, userPath);
  const fromRoot = relative(root, target);
  if (fromRoot === '' || fromRoot.startsWith('..') || isAbsolute(fromRoot)) {
    throw new StorageInputError(`input.path "${userPath}" must name a file inside DATA_PATH`);
  }
  return target;
}
