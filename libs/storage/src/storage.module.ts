import { Module } from '@nestjs/common';
import { CacheFiles } from './cache-files';
import { DatasetCache } from './dataset-cache';
import { ObjectStore } from './object-store';

@Module({
  providers: [ObjectStore, CacheFiles, DatasetCache],
  exports: [ObjectStore, CacheFiles, DatasetCache],
})
export class StorageModule {}
