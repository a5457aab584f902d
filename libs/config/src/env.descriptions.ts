/**
 * What each environment variable is for, in the words of docs/environment.md, which is generated
 * from these and the schema's defaults (`npm run docs:env`; env.docs.spec.ts fails when they differ).
 */
export const ENVIRONMENT_DESCRIPTIONS: Record<string, string> = {
  NODE_ENV: '`development`, `production` or `test`',
  LOG_LEVEL: '`fatal` `error` `warn` `info` `debug` `trace` `silent`; logs are JSON on stdout',
  LOGS_PATH: 'when set, logs also go to `LOGS_PATH/<app>.log`',
  API_PORT: 'HTTP port of the API',
  FETCH_WORKER_PORT: 'health and metrics port of the fetch worker',
  PROCESSING_WORKER_PORT: 'health and metrics port of the processing worker',
  OMA_WORKER_PORT: 'health and metrics port of the OMA worker',
  STARTUP_TIMEOUT: 'seconds to wait for MongoDB, RabbitMQ and Kafka at start (with back-off)',
  SHUTDOWN_GRACE_PERIOD: 'seconds in-flight work may finish after SIGTERM before it returns to its queue',
  JWT_SECRET: 'HS256 secret (16+ characters): set your own outside development',
  JWT_EXPIRES_IN: 'lifetime of minted tokens (`3600`, `30m`, `12h`, `7d`)',
  JWT_MAX_LIFETIME: 'longest lifetime a token may have (`exp - iat`); tokens without `exp` are refused',
  API_MAX_BODY_BYTES: 'largest JSON body the API reads (413 above it)',
  MONGODB_PREFIX: '`mongodb` or `mongodb+srv`',
  MONGODB_DOMAIN: 'MongoDB host',
  MONGODB_PORT: 'MongoDB port (ignored for `mongodb+srv`)',
  MONGODB_USERNAME: 'user, when the database needs one',
  MONGODB_PASSWORD: 'password',
  MONGODB_OPTIONS: 'connection options, e.g. `authSource=admin`',
  MONGODB_DATABASE: 'database of structures, jobs, analyses and results',
  MONGODB_DATABASE_MEASURES: 'separate database of measures',
  MONGODB_QUEUE_COLLECTION: 'the OMA run queue',
  MONGODB_STRUCTURE_COLLECTION: 'structures',
  MONGODB_RUN_COLLECTION: 'prefix of `<prefix>_<structure_id>` analyses collections',
  MONGODB_RES_COLLECTION: 'prefix of results collections',
  MONGODB_MEASURE_COLLECTION: 'prefix of `<prefix>_<id>` measures collections',
  RABBITMQ_HOST: 'RabbitMQ host',
  RABBITMQ_PORT: 'RabbitMQ port',
  RABBITMQ_USER: 'user',
  RABBITMQ_PASSWORD: 'password',
  RABBITMQ_VHOST: 'virtual host',
  RABBITMQ_HEARTBEAT: 'heartbeat in seconds (detects a dead broker)',
  KAFKA_BROKER: '`host:port[,host:port...]`',
  KAFKA_CLIENT_ID: 'Kafka client id',
  KAFKA_TOPIC_OUTPUT:
    'topic of status changes; must have one partition (the apps create it so; the API refuses more): its offsets are the replay sequence',
  EVENTS_RETENTION_HOURS: 'how long status events are kept for replay',
  KAFKA_TOPIC_BROADCAST: 'topic of abort requests read by the OMA worker',
  KAFKA_LIVE_GROUP_PREFIX:
    'consumer group prefix of each API replica on the status topic (`<prefix>-<random>`: every replica sees every event)',
  KAFKA_CONSUMER_GROUP:
    'consumer group prefix of the OMA worker on the broadcast topic: each replica reads in `<group>.<worker id>`, so every replica sees every abort',
  KAFKA_NOTIFY_GROUP:
    'consumer group of the fetch workers on the status topic for webhooks (shared: each event is dispatched once)',
  WEBHOOK_TIMEOUT: 'seconds a webhook receiver may take to answer one delivery attempt',
  WEBHOOK_MAX_ATTEMPTS:
    'attempts of one webhook delivery before it is FAILED (retried with back-off: RETRY_DELAY_MS, doubling, at most 10 minutes apart)',
  WEBHOOK_DISABLE_AFTER:
    'failed deliveries in a row after which a webhook is disabled, with the reason shown',
  FETCH_TIMEOUT: 'seconds a source or resource download may take',
  FETCH_MAX_BYTES: 'largest source or resource body accepted (bytes)',
  FETCH_ALLOWED_HOSTS:
    'comma-separated `host`, `host:port` or CIDR that sources and resource URLs may reach although not public (loopback, private, link-local, ...); see Security',
  SLEEP_TIME: 'seconds between polls of the OMA run queue when it is empty',
  DATA_PATH: 'folder of input CSV files for analyses (an input path cannot leave it)',
  CACHE_PATH:
    'folder where PREPROCESSING outputs are kept (under the tenant) when no `CACHE_BUCKET` is set; never readable as a `file` input',
  LEASE_TIME: "seconds an OMA worker's claim on a run lasts without renewal (renewed every third of it)",
  RUN_TIME_LIMIT:
    'seconds an analysis may run before it ends in `ERROR`; a run estimated to take longer is refused before it starts',
  ANALYSIS_MAX_MEMORY_MB:
    'memory one analysis run may need by its estimate (record, spectra, Toeplitz matrix); over it the run is refused with what to lower',
  AWS_ACCESS_KEY_ID: 'S3 access key; with a bucket, enables object storage',
  AWS_SECRET_ACCESS_KEY: 'S3 secret key',
  AWS_REGION: 'S3 region',
  S3_ENDPOINT: 'endpoint of an S3-compatible store (MinIO, ...); empty for AWS',
  FILE_BUCKET: 'bucket of raw CSV files (`input.source: "bucket"`)',
  CACHE_BUCKET: 'bucket where PREPROCESSING outputs are kept',
  UPLOAD_BUCKET:
    'staging bucket of uploads while they arrive and are checked (docs/uploads.md); uploads need it and FILE_BUCKET',
  UPLOAD_MAX_BYTES: 'largest upload accepted (413 beyond it, nothing kept)',
  UPLOAD_STALE_HOURS:
    'an upload that receives nothing for this long is abandoned: its multipart upload aborted, its parts removed, the upload ERROR',
  S3_PUBLIC_ENDPOINT: 'the S3 endpoint as clients reach it, for presigned part URLs (default: `S3_ENDPOINT`)',
  USE_S3_STRING_PATHS:
    "store uploads in FILE_BUCKET under the structure's name instead of its id (`structures/<name>/uploads/...`)",
  WORKERS: 'messages a worker processes at once (RabbitMQ prefetch)',
  MAX_ATTEMPTS: 'attempts before a message is dead-lettered',
  RETRY_DELAY_MS: 'first retry delay; doubles with each attempt',
  WORK_STALL_TIMEOUT:
    'a worker holding messages that settles none and reports no progress for this long answers /health 503 (an orchestrator restarts it)',
  FAILURE_RATE: '0..1: random processing failures, for demos and tests',
  FAILURE_SEED:
    'when set, which resources fail is a hash of the seed, resource and attempt: the same on every run',
  PROCESSING_TIME: 'seconds: simulated processing time per resource',
  DELAY_TIME: 'seconds: simulated delay before a resource is processed',
};

/** Variables the apps do not read themselves but that the launchers set. */
export const LAUNCHER_VARIABLES: Record<string, { default: string; description: string }> = {
  NODE_OPTIONS: {
    default: '--max-semi-space-size=64',
    description:
      "Node's own variable; docker-compose.yml, `npm start` and the test and bench launcher set this value for the three workers (unless it is set): a larger young generation lets a worker's in-flight messages die young instead of being copied and promoted (a tenth of a processing worker's CPU at `WORKERS=1000`). The API keeps V8's defaults",
  },
};
