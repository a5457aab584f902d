export * from './field-error';
export * from './given-fields';
export * from './idempotency-key';
export * from './public.decorator';
export * from './queues';
export * from './status-event';
export * from './status-moves';
export * from './tenant';
