import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveDataFile, resolveInside } from './data-files';

describe('resolveInside', () => {
  it('resolves a relative path inside the base folder', () => {
    expect(resolveInside('/data', 'bridge/2024.csv')).toBe('/data/bridge/2024.csv');
  });

  it.each(['../etc/passwd', '/etc/passwd', 'a/../../b.csv', '.', ''])('refuses %j', (path) => {
    expect(() => resolveInside('/data', path)).toThrow('inside DATA_PATH');
  });
});

describe('resolveDataFile', () => {
  const top = mkdtempSync(join(tmpdir(), 'modalflow-files-'));
  const data = join(top, 'data');
  const outside = join(top, 'outside');
  const cache = join(data, 'cache');
  mkdirSync(join(data, 'bridge'), { recursive: true });
  mkdirSync(outside);
  mkdirSync(cache);
  writeFileSync(join(data, 'bridge', 'a.csv'), 'a,b\n1,2\n');
  writeFileSync(join(outside, 'secret.csv'), 'a,b\n1,2\n');
  writeFileSync(join(cache, 'other-tenant.mfds'), 'x');
  symlinkSync(join(outside, 'secret.csv'), join(data, 'escape.csv'));
  symlinkSync(join(data, 'bridge', 'a.csv'), join(data, 'inside-link.csv'));

  it('gives the real path of a file inside DATA_PATH, through links that stay inside', async () => {
    await expect(resolveDataFile(data, 'bridge/a.csv', [cache])).resolves.toBe(join(data, 'bridge', 'a.csv'));
    await expect(resolveDataFile(data, 'inside-link.csv', [cache])).resolves.toBe(
      join(data, 'bridge', 'a.csv'),
    );
  });

  it('answers the same when DATA_PATH itself is missing', async () => {
    await expect(resolveDataFile(join(top, 'nowhere'), '../etc/passwd')).rejects.toThrow(
      'input.path "../etc/passwd" names no readable file under DATA_PATH',
    );
    await expect(resolveDataFile(join(top, 'nowhere'), 'a.csv')).rejects.toThrow('names no readable file');
  });

  it.each([
    ['missing.csv', 'a file that does not exist'],
    ['escape.csv', 'a symlink to a file outside'],
    ['bridge', 'a folder'],
    ['cache/other-tenant.mfds', 'a file of the analysis cache'],
    ['../outside/secret.csv', 'a path that escapes by its text'],
  ])('answers %j (%s) with the one message, and no absolute path', async (path) => {
    const error = await resolveDataFile(data, path, [cache]).catch((e: Error) => e);
    expect((error as Error).message).toBe(`input.path "${path}" names no readable file under DATA_PATH`);
    expect((error as Error).message).not.toContain(top);
  });
});
