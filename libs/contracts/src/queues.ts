/** Durable RabbitMQ work queues (names from the pipeline seed). */
export const QUEUES = {
  START_FETCH: 'start_fetch',
  DATA_PROCESSING: 'data_processing',
  /** Uploaded recordings to check, summarise and store (the fetch worker). */
  UPLOAD: 'upload',
  /** Webhook deliveries to send, retried with back-off (the fetch worker). */
  WEBHOOK_DELIVERY: 'webhook_delivery',
} as const;

/** Per-queue companions declared by the RabbitMQ transport: delayed retries and dead letters. */
export const retryQueueName = (queue: string, attempt: number): string => `${queue}.retry.${attempt}`;
export const deadLetterQueueName = (queue: string): string => `${queue}.dead`;

/** Message headers the transport sets. */
export const HEADERS = {
  ATTEMPT: 'x-modalflow-attempt',
  LAST_ERROR: 'x-modalflow-last-error',
  DEAD_REASON: 'x-modalflow-dead-reason',
  /** Overrides MAX_ATTEMPTS for one message (a fetch job's maxAttempts). */
  MAX_ATTEMPTS: 'x-modalflow-max-attempts',
} as const;
