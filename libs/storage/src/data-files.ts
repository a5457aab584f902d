import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';

/** Thrown when an input names something the caller cannot have: a path outside DATA_PATH, a missing object. */
export class StorageInputError extends Error {
  override readonly name = 'StorageInputError';
}

function isInside(root: string, target: string): boolean {
  const fromRoot = relative(root, target);
  return fromRoot !== '' && !fromRoot.startsWith('..') && !isAbsolute(fromRoot);
}

/** Resolves a path given by a user inside `base` by its text; refuses anything that would escape it. */
export function resolveInside(base: string, userPath: string): string {
  const root = resolve(base);
  const target = resolve(root, userPath);
  if (!isInside(root, target)) {
    throw new StorageInputError(`input.path "${userPath}" must name a file inside DATA_PATH`);
  }
  return target;
}

/**
 * The real path of a data file a user names: inside `base` once every symlink is followed, a regular
 * file, and not inside any of the `excluded` folders (the analysis cache). Missing, forbidden and
 * not-a-file all answer the same message, which shows no absolute path.
 */
export async function resolveDataFile(
  base: string,
  userPath: string,
  excluded: string[] = [],
): Promise<string> {
  const unavailable = new StorageInputError(
    `input.path "${userPath}" names no readable file under DATA_PATH`,
  );
  try {
    const lexical = resolveInside(base, userPath);
    const [root, target] = await Promise.all([realpath(base), realpath(lexical)]);
    if (!isInside(root, target) || !(await stat(target)).isFile()) throw unavailable;
    const excludedRoots = await Promise.all(
      excluded.map((folder) => realpath(folder).catch(() => undefined)),
    );
    if (excludedRoots.some((folder) => folder && (folder === target || isInside(folder, target))))
      throw unavailable;
    return target;
  } catch {
    throw unavailable;
  }
}
