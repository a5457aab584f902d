import { checkResource, parseResourceIndex, UnreadableIndexError } from './resource-index';

describe('parseResourceIndex', () => {
  it('reads a JSON array', () => {
    expect(parseResourceIndex('[{"id":"a"},{"id":"b"}]')).toEqual([{ id: 'a' }, { id: 'b' }]);
  });

  it('reads NDJSON, skipping blank lines', () => {
    expect(parseResourceIndex('{"id":"a"}\n\n{"id":"b"}\r\n')).toEqual([{ id: 'a' }, { id: 'b' }]);
  });

  it('reads an empty source as no resources', () => {
    expect(parseResourceIndex('  \n')).toEqual([]);
  });

  it('rejects a JSON object and a bad NDJSON line, saying where', () => {
    expect(() => parseResourceIndex('{"id":"a"}\nnot json')).toThrow(
      new UnreadableIndexError('source is neither a JSON array nor NDJSON: line 2 is not JSON'),
    );
    expect(() => parseResourceIndex('[1, 2')).toThrow(/source is not valid JSON/);
  });
});

describe('checkResource', () => {
  const good = { id: 'r1', creation_date: '2026-11-23T10:00:00Z', data: [{ x: 1 }] };

  it('accepts a resource with inline data or a url, its date parsed', () => {
    expect(checkResource(good, 0)).toEqual({
      valid: true,
      resource: { id: 'r1', creation_date: new Date('2026-11-23T10:00:00.000Z'), data: [{ x: 1 }] },
    });
    const byUrl = checkResource({ id: 7, creation_date: '2026-11-23', url: 'https://x.org/r.csv' }, 1);
    expect(byUrl).toMatchObject({ valid: true, resource: { id: '7', url: 'https://x.org/r.csv' } });
  });

  it('takes calendar dates that exist, leap days included', () => {
    expect(checkResource({ id: 'a', creation_date: '2024-02-29T12:00:00Z', data: 1 }, 0).valid).toBe(true);
    expect(checkResource({ id: 'a', creation_date: '2023-02-29', data: 1 }, 0).valid).toBe(false);
    expect(checkResource({ id: 'a', creation_date: 1764000000000, data: 1 }, 0).valid).toBe(true);
  });

  it.each([
    [null, 'not an object'],
    [{ creation_date: '2026-11-23', data: 1 }, 'missing id'],
    [{ id: 'a', data: 1 }, 'missing creation_date'],
    [
      { id: 'a', creation_date: 'yesterday', data: 1 },
      'creation_date is not a valid date (ISO 8601 or epoch milliseconds)',
    ],
    [
      { id: 'a', creation_date: '2021-02-30', data: 1 },
      'creation_date is not a valid date (ISO 8601 or epoch milliseconds)',
    ],
    [
      { id: 'a', creation_date: '2021-13-01T00:00:00Z', data: 1 },
      'creation_date is not a valid date (ISO 8601 or epoch milliseconds)',
    ],
    [{ id: 'a', creation_date: '2026-11-23' }, 'has neither data nor url'],
    [{ id: 'a', creation_date: '2026-11-23', data: 1, url: 'http://x' }, 'has both data and url; give one'],
    [{ id: 'a', creation_date: '2026-11-23', url: 'file:///etc/passwd' }, 'url is not an http(s) URL'],
  ])('rejects %j: %s', (entry, reason) => {
    expect(checkResource(entry, 3)).toMatchObject({ valid: false, index: 3, reason });
  });

  it('keeps a checked environment, and refuses one that is not numbers by name', () => {
    const entry = { id: 'r1', creation_date: '2026-11-23T10:00:00Z', data: [{ x: 1 }] };
    expect(checkResource({ ...entry, environment: { temperature_c: 4.5 } }, 0)).toEqual({
      valid: true,
      resource: {
        ...entry,
        creation_date: new Date(entry.creation_date),
        environment: { temperature_c: 4.5 },
      },
    });
    expect(checkResource({ ...entry, environment: { temperature_c: 'cold' } }, 3)).toEqual({
      valid: false,
      id: 'r1',
      index: 3,
      reason: 'environment.temperature_c must be a finite number',
    });
  });
});
