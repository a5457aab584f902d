import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { omaConfig, OmaConfig } from '@modalflow/config';

/** A spool file untouched this long belongs to no run (its worker stopped mid-run): removed at start. */
const STALE_AFTER_MS = 24 * 3600 * 1000;

/**
 * Where a run's record files are written (its input as read, its PREPROCESSING output): CACHE_PATH/spool,
 * beside the cache so a finished output moves into it by a rename. Files are named per run and removed
 * when the run ends.
 */
@Injectable()
export class RecordSpool implements OnModuleInit {
  private readonly logger = new Logger(RecordSpool.name);
  private readonly directory: string;

  constructor(@Inject(omaConfig.KEY) config: OmaConfig) {
    this.directory = join(config.cachePath, 'spool');
    mkdirSync(this.directory, { recursive: true });
  }

  async onModuleInit(): Promise<void> {
    const now = Date.now();
    for (const name of await readdir(this.directory)) {
      const path = join(this.directory, name);
      const found = await stat(path).catch(() => undefined);
      if (found && now - found.mtimeMs > STALE_AFTER_MS) {
        await this.remove(path);
        this.logger.warn(`removed ${name}, a record file left by a run that did not finish`);
      }
    }
  }

  /** A new file name for one run's record (`purpose`: input, output). */
  newPath(analysisId: string, purpose: string): string {
    return join(this.directory, `${analysisId}-${purpose}-${randomUUID()}.mfds`);
  }

  async remove(path: string): Promise<void> {
    await unlink(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
}
