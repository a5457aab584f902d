export * from './resource-index';
