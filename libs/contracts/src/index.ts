export * from './queues';
export * from './status-event';
export * from './tenant';
export * from './field-error';
export * from './given-fields';
export * from './idempotency-key';
export * from './public.decorator';
export * from './status-moves';
