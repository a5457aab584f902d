export * from './bootstrap';
export * from './health-registry';
export * from './logger.options';
export * from './observability.module';
export * from './retry';
