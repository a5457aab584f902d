/**
 * The fields of a checked body that the client gave: a DTO instance has every declared field as an
 * own property, undefined when absent, which would override defaults in a spread.
 */
export function givenFields<T extends object>(dto: T): Partial<T> {
  return Object.fromEntries(Object.entries(dto).filter(([, value]) => value !== undefined)) as Partial<T>;
}
