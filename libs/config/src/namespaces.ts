import { ConfigType, registerAs } from '@nestjs/config';

import { loadEnvironment } from './env.schema';

/*
 * Typed configuration, one namespace per area, read from the validated environment (the casts
 * below only restate the schema).
 */
const env = (name: string): string => String((loadEnvironment()[name] as string | number | undefined) ?? '');
const num = (name: string): number => Number(loadEnvironment()[name]);

export const appConfig = registerAs('app', () => ({
  nodeEnv: env('NODE_ENV'),
  logLevel: env('LOG_LEVEL'),
  logsPath: env('LOGS_PATH'),
  startupTimeoutMs: num('STARTUP_TIMEOUT') * 1000,
  /** Largest JSON body the API reads (413 above it). */
  apiMaxBodyBytes: num('API_MAX_BODY_BYTES'),
  shutdownGraceMs: num('SHUTDOWN_GRACE_PERIOD') * 1000,
  ports: {
    api: num('API_PORT'),
    fetchWorker: num('FETCH_WORKER_PORT'),
    processingWorker: num('PROCESSING_WORKER_PORT'),
    omaWorker: num('OMA_WORKER_PORT'),
  },
}));

const SECONDS_PER_UNIT: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

/** `12h`, `30d`, `90` (seconds): the duration form of JWT_EXPIRES_IN and JWT_MAX_LIFETIME, in seconds. */
export function durationSeconds(text: string): number {
  const unit = /[smhd]$/.test(text) ? text.slice(-1) : '';
  return Number(unit ? text.slice(0, -1) : text) * SECONDS_PER_UNIT[unit];
}

export const authConfig = registerAs('auth', () => ({
  jwtSecret: env('JWT_SECRET'),
  jwtExpiresIn: env('JWT_EXPIRES_IN'),
  /** Tokens must expire, at most this long after they were issued. */
  maxLifetimeSeconds: durationSeconds(env('JWT_MAX_LIFETIME')),
}));

export const mongoConfig = registerAs('mongo', () => {
  const user = env('MONGODB_USERNAME');
  const credentials = user
    ? `${encodeURIComponent(user)}:${encodeURIComponent(env('MONGODB_PASSWORD'))}@`
    : '';
  const port = env('MONGODB_PREFIX') === 'mongodb+srv' ? '' : `:${env('MONGODB_PORT')}`;
  const host = `${env('MONGODB_DOMAIN')}${port}`;
  const options = env('MONGODB_OPTIONS');
  return {
    /** Without credentials, safe to log. */
    address: `${env('MONGODB_PREFIX')}://${host}`,
    uri: `${env('MONGODB_PREFIX')}://${credentials}${host}/${options ? `?${options}` : ''}`,
    database: env('MONGODB_DATABASE'),
    measuresDatabase: env('MONGODB_DATABASE_MEASURES'),
    collections: {
      queue: env('MONGODB_QUEUE_COLLECTION'),
      structures: env('MONGODB_STRUCTURE_COLLECTION'),
      analysisPrefix: env('MONGODB_RUN_COLLECTION'),
      resultPrefix: env('MONGODB_RES_COLLECTION'),
      measurePrefix: env('MONGODB_MEASURE_COLLECTION'),
    },
  };
});

export const rabbitmqConfig = registerAs('rabbitmq', () => ({
  address: `amqp://${env('RABBITMQ_HOST')}:${env('RABBITMQ_PORT')}`,
  url: {
    protocol: 'amqp',
    hostname: env('RABBITMQ_HOST'),
    port: num('RABBITMQ_PORT'),
    username: env('RABBITMQ_USER'),
    password: env('RABBITMQ_PASSWORD'),
    vhost: env('RABBITMQ_VHOST'),
    heartbeat: num('RABBITMQ_HEARTBEAT'),
  },
}));

export const kafkaConfig = registerAs('kafka', () => ({
  brokers: env('KAFKA_BROKER').split(','),
  clientId: env('KAFKA_CLIENT_ID'),
  topics: { output: env('KAFKA_TOPIC_OUTPUT'), broadcast: env('KAFKA_TOPIC_BROADCAST') },
  consumerGroup: env('KAFKA_CONSUMER_GROUP'),
  /** Each API replica reads the status topic in `<prefix>-<random>`, so every replica sees every event. */
  liveGroupPrefix: env('KAFKA_LIVE_GROUP_PREFIX'),
  /** The fetch workers' shared group on the status topic: each event is turned into webhook deliveries once. */
  notifyGroup: env('KAFKA_NOTIFY_GROUP'),
  /** How long status events are kept for replay. */
  eventsRetentionMs: num('EVENTS_RETENTION_HOURS') * 3600 * 1000,
}));

export const workerConfig = registerAs('worker', () => ({
  sleepTimeMs: num('SLEEP_TIME') * 1000,
  dataPath: env('DATA_PATH'),
  concurrency: num('WORKERS'),
  maxAttempts: num('MAX_ATTEMPTS'),
  retryDelayMs: num('RETRY_DELAY_MS'),
  stallTimeoutMs: num('WORK_STALL_TIMEOUT') * 1000,
  failureRate: num('FAILURE_RATE'),
  failureSeed: env('FAILURE_SEED'),
  processingTimeMs: num('PROCESSING_TIME') * 1000,
  delayTimeMs: num('DELAY_TIME') * 1000,
  download: {
    timeoutMs: num('FETCH_TIMEOUT') * 1000,
    maxBytes: num('FETCH_MAX_BYTES'),
    allowedHosts: env('FETCH_ALLOWED_HOSTS'),
  },
}));

export const omaConfig = registerAs('oma', () => ({
  sleepTimeMs: num('SLEEP_TIME') * 1000,
  leaseMs: num('LEASE_TIME') * 1000,
  runTimeLimitMs: num('RUN_TIME_LIMIT') * 1000,
  dataPath: env('DATA_PATH'),
  /** Where PREPROCESSING outputs are kept when no CACHE_BUCKET is set; never readable as a `file` input. */
  cachePath: env('CACHE_PATH'),
  /** What one run may cost; estimated before it starts (libs/oma run-cost). */
  budget: {
    maxMemoryBytes: num('ANALYSIS_MAX_MEMORY_MB') * 2 ** 20,
    maxSeconds: num('RUN_TIME_LIMIT'),
  },
}));

/** Webhook deliveries (outbound under FETCH_ALLOWED_HOSTS, like sources). */
export const webhookConfig = registerAs('webhook', () => ({
  timeoutMs: num('WEBHOOK_TIMEOUT') * 1000,
  maxAttempts: num('WEBHOOK_MAX_ATTEMPTS'),
  disableAfter: num('WEBHOOK_DISABLE_AFTER'),
  allowedHosts: env('FETCH_ALLOWED_HOSTS'),
}));
/** S3-compatible object storage; `enabled` only when a bucket and credentials are given. */
export const storageConfig = registerAs('storage', () => ({
  enabled: Boolean(
    env('AWS_ACCESS_KEY_ID') && (env('FILE_BUCKET') || env('CACHE_BUCKET') || env('UPLOAD_BUCKET')),
  ),
  endpoint: env('S3_ENDPOINT') || undefined,
  region: env('AWS_REGION'),
  accessKeyId: env('AWS_ACCESS_KEY_ID'),
  secretAccessKey: env('AWS_SECRET_ACCESS_KEY'),
  fileBucket: env('FILE_BUCKET'),
  cacheBucket: env('CACHE_BUCKET'),
  uploadBucket: env('UPLOAD_BUCKET'),
  maxUploadBytes: num('UPLOAD_MAX_BYTES'),
  useStringPaths: env('USE_S3_STRING_PATHS') === 'true',
  staleUploadMs: num('UPLOAD_STALE_HOURS') * 3600 * 1000,
  publicEndpoint: env('S3_PUBLIC_ENDPOINT') || env('S3_ENDPOINT') || undefined,
}));

export type AppConfig = ConfigType<typeof appConfig>;
export type AuthConfig = ConfigType<typeof authConfig>;
export type MongoConfig = ConfigType<typeof mongoConfig>;
export type RabbitmqConfig = ConfigType<typeof rabbitmqConfig>;
export type KafkaConfig = ConfigType<typeof kafkaConfig>;
export type WorkerConfig = ConfigType<typeof workerConfig>;
export type OmaConfig = ConfigType<typeof omaConfig>;
export type StorageConfig = ConfigType<typeof storageConfig>;
export type WebhookConfig = ConfigType<typeof webhookConfig>;
