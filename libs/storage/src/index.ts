export * from './data-files';
export * from './object-store';
export * from './dataset-cache';
export * from './storage.module';
export * from './object-keys';
export * from './cache-files';
