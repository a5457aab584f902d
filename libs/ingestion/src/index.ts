export * from './resource-data';
export * from './download';
export * from './resource-index';
export * from './summary';
export * from './simulated-work';
export * from './outbound/outbound-policy';
export * from './recording-scan';
export * from './recording-summary';
