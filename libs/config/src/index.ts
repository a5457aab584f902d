export * from './config.module';
export * from './env.schema';
export * from './namespaces';
