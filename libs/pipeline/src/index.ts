export * from './database-outages';
export * from './fetch-job-cache';
export * from './fetch-job-progress';
export * from './pipeline.module';
export * from './upload-status';
