import Joi from 'joi';

const port = Joi.number().integer().min(1).max(65535);
const seconds = Joi.number().min(0);
const allowedHost = String.raw`(?:[0-9a-fA-F:.]+/\d{1,3}|\[[0-9a-fA-F:.]+\](?::\d+)?|[\w.-]+(?::\d+)?)`;
const allowedHostList = new RegExp(String.raw`^\s*${allowedHost}(?:\s*,\s*${allowedHost})*\s*$`);

/**
 * Every environment variable ModalFlow reads, with its default. Names follow the seed documents.
 * Validated once at boot (see validateEnvironment); apps read values through the typed namespaces.
 */
export const environmentSchema = Joi.object({
  NODE_ENV: Joi.string().valid('development', 'production', 'test').default('development'),
  LOG_LEVEL: Joi.string().valid('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent').default('info'),
  LOGS_PATH: Joi.string().allow('').default(''),

  API_PORT: port.default(3000),
  FETCH_WORKER_PORT: port.default(3001),
  PROCESSING_WORKER_PORT: port.default(3002),
  OMA_WORKER_PORT: port.default(3003),
  API_MAX_BODY_BYTES: Joi.number()
    .integer()
    .min(1024)
    .default(1024 * 1024),
  STARTUP_TIMEOUT: seconds.default(60),
  SHUTDOWN_GRACE_PERIOD: seconds.default(20),

  JWT_SECRET: Joi.string().min(16).default('modalflow-local-development-secret'),
  JWT_EXPIRES_IN: Joi.string()
    .pattern(/^\d+[smhd]?$/)
    .default('12h'),
  JWT_MAX_LIFETIME: Joi.string()
    .pattern(/^\d+[smhd]?$/)
    .default('30d'),

  MONGODB_PREFIX: Joi.string().valid('mongodb', 'mongodb+srv').default('mongodb'),
  MONGODB_DOMAIN: Joi.string().hostname().default('127.0.0.1'),
  MONGODB_PORT: port.default(27017),
  MONGODB_USERNAME: Joi.string().allow('').default(''),
  MONGODB_PASSWORD: Joi.string().allow('').default(''),
  MONGODB_OPTIONS: Joi.string().allow('').default(''),
  MONGODB_DATABASE: Joi.string().default('modalflow'),
  MONGODB_DATABASE_MEASURES: Joi.string().default('modalflow_measures'),
  MONGODB_QUEUE_COLLECTION: Joi.string().default('modals_queue'),
  MONGODB_STRUCTURE_COLLECTION: Joi.string().default('structures'),
  MONGODB_RUN_COLLECTION: Joi.string().default('modals_analysis'),
  MONGODB_RES_COLLECTION: Joi.string().default('modals_analysis_results'),
  MONGODB_MEASURE_COLLECTION: Joi.string().default('measures'),

  RABBITMQ_HOST: Joi.string().hostname().default('127.0.0.1'),
  RABBITMQ_PORT: port.default(5672),
  RABBITMQ_USER: Joi.string().default('modalflow'),
  RABBITMQ_PASSWORD: Joi.string().default('modalflow'),
  RABBITMQ_VHOST: Joi.string().default('/'),
  RABBITMQ_HEARTBEAT: seconds.default(10),

  KAFKA_BROKER: Joi.string()
    .pattern(/^[\w.-]+:\d+(,[\w.-]+:\d+)*$/)
    .default('127.0.0.1:9092')
    .messages({ 'string.pattern.base': '"KAFKA_BROKER" must be host:port[,host:port...]' }),
  KAFKA_CLIENT_ID: Joi.string().default('modalflow'),
  KAFKA_TOPIC_OUTPUT: Joi.string().default('output'),
  KAFKA_TOPIC_BROADCAST: Joi.string().default('broadcast'),
  KAFKA_CONSUMER_GROUP: Joi.string().default('modalflow-oma-worker'),
  KAFKA_LIVE_GROUP_PREFIX: Joi.string().default('modalflow-api-live'),
  KAFKA_NOTIFY_GROUP: Joi.string().default('modalflow-notifications'),

  FETCH_TIMEOUT: Joi.number().positive().default(30),
  FETCH_MAX_BYTES: Joi.number()
    .integer()
    .min(1)
    .default(50 * 1024 * 1024),
  FETCH_ALLOWED_HOSTS: Joi.string().allow('').pattern(allowedHostList).default('').messages({
    'string.pattern.base': '"FETCH_ALLOWED_HOSTS" must be comma-separated host, host:port or CIDR',
  }),
  WEBHOOK_TIMEOUT: Joi.number().positive().max(60).default(10),
  WEBHOOK_MAX_ATTEMPTS: Joi.number().integer().min(1).max(20).default(12),
  WEBHOOK_DISABLE_AFTER: Joi.number().integer().min(1).max(1000).default(5),
  SLEEP_TIME: seconds.default(2),
  DATA_PATH: Joi.string().default('./data'),
  WORKERS: Joi.number().integer().min(1).max(1000).default(10),
  MAX_ATTEMPTS: Joi.number().integer().min(1).max(20).default(3),
  RETRY_DELAY_MS: Joi.number().integer().min(0).default(1000),
  WORK_STALL_TIMEOUT: Joi.number().positive().default(600),
  FAILURE_RATE: Joi.number().min(0).max(1).default(0),
  FAILURE_SEED: Joi.string().allow('').default(''),
  PROCESSING_TIME: seconds.default(0),
  DELAY_TIME: seconds.default(0),

  EVENTS_RETENTION_HOURS: Joi.number().positive().default(24),
  LEASE_TIME: Joi.number().min(1).default(30),
  RUN_TIME_LIMIT: Joi.number().min(1).default(3600),
  ANALYSIS_MAX_MEMORY_MB: Joi.number().integer().min(64).default(2048),
  CACHE_PATH: Joi.string().default('./cache'),
  AWS_ACCESS_KEY_ID: Joi.string().allow('').default(''),
  AWS_SECRET_ACCESS_KEY: Joi.string().allow('').default(''),
  AWS_REGION: Joi.string().default('us-east-1'),
  S3_ENDPOINT: Joi.string().uri().allow('').default(''),
  FILE_BUCKET: Joi.string().allow('').default(''),
  CACHE_BUCKET: Joi.string().allow('').default(''),
  UPLOAD_BUCKET: Joi.string().allow('').default(''),
  UPLOAD_MAX_BYTES: Joi.number()
    .integer()
    .min(1)
    .default(2 * 1024 ** 3),
  UPLOAD_STALE_HOURS: Joi.number().positive().default(24),
  S3_PUBLIC_ENDPOINT: Joi.string().uri().allow('').default(''),
  USE_S3_STRING_PATHS: Joi.boolean().truthy('1').falsy('0').default(false),
});

/** Validates and normalises the environment; throws one line naming every variable at fault. */
export function validateEnvironment(env: Record<string, unknown>): Record<string, unknown> {
  const result: Joi.ValidationResult<Record<string, unknown>> = environmentSchema.validate(env, {
    allowUnknown: true,
    abortEarly: false,
    convert: true,
  });
  if (result.error) {
    const problems = result.error.details.map((d) => {
      const got: unknown = d.context?.value;
      return `${d.message.replace(/"/g, '')}${got === undefined ? '' : ` (got ${JSON.stringify(got)})`}`;
    });
    throw new InvalidEnvironmentError(`Invalid environment: ${problems.join('; ')}`);
  }
  return result.value;
}

let loaded: Record<string, unknown> | undefined;

/**
 * Validates process.env once and writes the defaults back into it, so every reader sees the same
 * values. Apps call it first thing (see runApp), so a bad variable stops them with one line.
 */
export function loadEnvironment(): Record<string, unknown> {
  if (!loaded) {
    loaded = validateEnvironment(process.env);
    for (const [key, value] of Object.entries(loaded)) process.env[key] = String(value);
  }
  return loaded;
}

export class InvalidEnvironmentError extends Error {
  override name = 'InvalidEnvironmentError';
}
