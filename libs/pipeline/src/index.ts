export * from './fetch-job-progress';
export * from './pipeline.module';
