import { resolveInside } from './data-files';

describe('resolveInside', () => {
  it('resolves a relative path inside the base folder', () => {
    expect(resolveInside('/data', 'bridge/2024.csv')).toBe('/data/bridge/2024.csv');
  });

  it.each(['../etc/passwd', '/etc/passwd', 'a/../../b.csv', '.', ''])('refuses %j', (path) => {
    expect(() => resolveInside('/data', path)).toThrow('inside DATA_PATH');
  });
});
