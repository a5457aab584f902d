import { existsSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname } from 'node:path';
import { RecordSpool } from './record-spool';
import { type OmaConfig } from '@modalflow/config';

describe('RecordSpool', () => {
  it('names a file per run, removes it, and at start removes only files a day old', async () => {
    const spool = new RecordSpool({ cachePath: mkdtempSync(`${tmpdir()}/spool-`) } as OmaConfig);
    const current = spool.newPath('a1', 'input');
    const stale = spool.newPath('a0', 'input');
    expect(current).not.toBe(spool.newPath('a1', 'input'));
    expect(dirname(current)).toMatch(/\/spool$/);
    writeFileSync(current, 'x');
    writeFileSync(stale, 'x');
    const twoDaysAgo = new Date(Date.now() - 48 * 3600 * 1000);
    utimesSync(stale, twoDaysAgo, twoDaysAgo);

    await spool.onModuleInit();
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(current)).toBe(true);
    await spool.remove(current);
    expect(existsSync(current)).toBe(false);
    await expect(spool.remove(current)).resolves.toBeUndefined();
  });
});
