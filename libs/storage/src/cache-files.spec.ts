import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CacheFiles } from './cache-files';
import { ObjectStore } from './object-store';
import { type OmaConfig, type StorageConfig } from '@modalflow/config';

/** The CACHE_PATH side of the cache (the bucket side runs in the e2e suites against real S3). */
describe('CacheFiles under CACHE_PATH', () => {
  const storage = { enabled: false } as StorageConfig;
  const root = mkdtempSync(join(tmpdir(), 'cache-files-'));
  const cache = new CacheFiles(new ObjectStore(storage), storage, {
    cachePath: join(root, 'cache'),
  } as OmaConfig);

  it('moves a file in under its key and gives the kept file itself back, not a copy', async () => {
    const file = join(root, 'output.mfds');
    writeFileSync(file, 'record');
    await cache.moveIn('7/s1/a1.mfds', file);
    expect(existsSync(file)).toBe(false);
    const kept = await cache.localFile('7/s1/a1.mfds', join(root, 'copy.mfds'));
    expect(kept).toBe(join(root, 'cache', '7/s1/a1.mfds'));
    expect(readFileSync(kept!, 'utf8')).toBe('record');
    expect(existsSync(join(root, 'copy.mfds'))).toBe(false);
  });

  it('answers undefined for a key nothing is kept under', async () => {
    await expect(cache.localFile('7/s1/none.mfds', join(root, 'copy.mfds'))).resolves.toBeUndefined();
  });
});
