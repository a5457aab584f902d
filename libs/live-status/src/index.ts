export * from './live-documents';
export * from './live-status.module';
export * from './live-subscribers';
export * from './status-stream.service';
