/**
 * FerretDB (SQLite) cannot store arrays of arrays, which results have (MAC matrices, spectra per
 * singular value), nor NaN. Such inner arrays are stored as `{ __row: [...] }` and restored on read;
 * a number that is not finite is stored as null.
 */
const ROW = '__row';

export function encodeNestedArrays(value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  if (Array.isArray(value)) {
    return value.map((item) =>
      Array.isArray(item) ? { [ROW]: encodeNestedArrays(item) } : encodeNestedArrays(item),
    );
  }
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, encodeNestedArrays(item)]));
  }
  return value;
}

export function decodeNestedArrays(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map((item) =>
      isPlainObject(item) && Object.keys(item).length === 1 && Array.isArray(item[ROW])
        ? decodeNestedArrays(item[ROW])
        : decodeNestedArrays(item),
    );
  }
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, decodeNestedArrays(item)]));
  }
  return value;
}

/** A plain object of any realm (a test sandbox receives the analysis thread's results in the main one). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as object | null;
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}
