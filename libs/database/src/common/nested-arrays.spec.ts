import { decodeNestedArrays, encodeNestedArrays } from './nested-arrays';

describe('nested arrays for FerretDB', () => {
  it('stores no array directly inside an array, and restores the original', () => {
    const result = {
      mac: [
        [1, 0.2],
        [0.2, 1],
      ],
      modes: [{ shape: [1, -0.5] }],
      deep: [[[1], [2]]],
      n: 3,
    };
    const encoded = encodeNestedArrays(result);
    const hasArrayInArray = (value: unknown): boolean =>
      Array.isArray(value)
        ? value.some((item) => Array.isArray(item) || hasArrayInArray(item))
        : typeof value === 'object' && value !== null && Object.values(value).some(hasArrayInArray);
    expect(hasArrayInArray(encoded)).toBe(false);
    expect(decodeNestedArrays(encoded)).toEqual(result);
  });

  it('stores a number that is not finite as null', () => {
    expect(encodeNestedArrays({ a: [1, NaN], b: Infinity })).toEqual({ a: [1, null], b: null });
  });
});
