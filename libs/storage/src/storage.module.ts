import { Module } from '@nestjs/common';
import { DatasetCache } from './dataset-cache';
import { ObjectStore } from './object-store';

@Module({ providers: [ObjectStore, DatasetCache], exports: [ObjectStore, DatasetCache] })
export class StorageModule {}
