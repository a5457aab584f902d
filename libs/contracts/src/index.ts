export * from './queues';
export * from './status-event';
export * from './tenant';
export * from './messages';
export * from './fetch-job';
export * from './analysis';
export * from './upload';
export * from './monitoring';
