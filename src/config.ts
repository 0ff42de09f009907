// Reads and validates the environment once; everything else receives a typed Config.
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { smallestPoolSize } from './db/connection-budget.js';
import { webhookSigningKey } from './webhooks/webhook-secrets.js';

const commaList = z
  .string()
  .optional()
  .transform((value) => (value ?? '').split(',').map((item) => item.trim()).filter(Boolean));

const positiveInt = z.coerce.number().int().positive();
const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .optional()
  .transform((value) => value === undefined ? undefined : ['true', '1', 'yes'].includes(value));

const otlpProtocol = z
  .enum(['http/json'], { message: 'this server sends OTLP as http/json (a collector takes it on its HTTP port, 4318, as it does protobuf); set http/json or leave it unset' })
  .optional();

const cores = Math.max(1, os.availableParallelism());

const environmentSchema = z.object({
  ROLE: z.enum(['all', 'api', 'worker']).default('all'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** Base of the absolute output URLs; defaults to http://HOST:PORT. */
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** `pretty` (human-readable) or `json` (one object a line); unset: pretty when stdout is a terminal, JSON otherwise. */
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),

  DATABASE_URL: z.string().optional(),
  /** Connections to Postgres one process opens at most, its LISTEN sessions included (see db/connection-budget.ts). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(smallestPoolSize, `at least ${smallestPoolSize}: a process keeps up to 3 sessions of its own (LISTENs, the worker presence) and needs 1 queue and 2 app connections beside them`).default(20),
  DATA_DIR: z.string().default('./data'),
  EMBEDDED_POSTGRES_PORT: positiveInt.default(54329),

  STORAGE_DIR: z.string().optional(),
  /** `s3://bucket/prefix` keeps files in an S3-compatible bucket; unset or `file:`, the local folder (STORAGE_DIR). */
  STORAGE_URL: z.string().optional(),
  /** The S3 API's address for MinIO, Garage, R2, Ceph…; unset, AWS's own for S3_REGION. */
  S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  /** Both or neither: unset, the SDK's default chain (AWS_* variables, profile, instance role). */
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Bucket in the path (`endpoint/bucket/key`) rather than the host name; most self-hosted stores need it. */
  S3_FORCE_PATH_STYLE: booleanFlag,
  /** when_supported sends the SDK's checksum trailers; older S3 implementations refuse them. */
  S3_CHECKSUMS: z.enum(['when_required', 'when_supported']).default('when_required'),
  /** Output URLs point here (the bucket's prefix, or a CDN in front of it) instead of the server's /files/. */
  FILES_PUBLIC_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Bytes of downloaded objects a worker keeps for its next tasks (S3 storage). */
  STORAGE_CACHE_BYTES: positiveInt.default(4 * 1024 ** 3),

  FFMPEG_PATH: z.string().optional(),
  FFPROBE_PATH: z.string().optional(),
  /** ffmpeg threads per job; 0 means the cores divided by the kind's concurrency. */
  FFMPEG_THREADS: z.coerce.number().int().min(0).default(0),

  FETCH_ALLOW_HOSTS: commaList,
  FETCH_CONNECT_TIMEOUT_MS: positiveInt.default(15_000),
  FETCH_TOTAL_TIMEOUT_MS: positiveInt.default(600_000),
  /** A download that receives nothing for this long fails: a stalled source frees its slot. */
  FETCH_IDLE_TIMEOUT_MS: positiveInt.default(30_000),
  /** Downloads from one host at once per worker process; more wait without holding a slot. */
  FETCH_PER_HOST_CONCURRENCY: positiveInt.default(8),
  MAX_INPUT_BYTES: positiveInt.default(2 * 1024 ** 3),
  MAX_UPLOAD_BYTES: positiveInt.optional(),
  /** A resumable upload no task took is removed, bytes and all, this long after its creation. */
  UPLOAD_EXPIRY_HOURS: z.coerce.number().positive().max(24 * 365).default(24),
  /** Where resumable uploads collect their bytes until a task takes them (default: STORAGE_DIR/.uploads). */
  UPLOADS_DIR: z.string().optional(),
  MAX_IMAGE_PIXELS: positiveInt.default(100_000_000),
  /** The largest picture a task may make (8192 x 8192); video is also capped at 8K UHD. */
  MAX_OUTPUT_PIXELS: positiveInt.default(8192 * 8192),
  MAX_INPUT_DURATION_SECONDS: positiveInt.default(4 * 3600),

  /** Longest a task may process before pg-boss expires the job and it fails with TIMEOUT. */
  TASK_TIMEOUT_SECONDS: positiveInt.default(3600),
  /** A worker that stops sending heartbeats this long loses its job to another worker (min 10). */
  JOB_HEARTBEAT_SECONDS: z.coerce.number().int().min(10).default(30),
  JOB_RETRY_LIMIT: z.coerce.number().int().min(0).default(2),
  /** How often pg-boss looks for expired jobs and missed heartbeats. */
  QUEUE_MONITOR_INTERVAL_SECONDS: positiveInt.default(30),
  /** How often idle workers look for jobs that came without a NOTIFY (retries after a lost worker). */
  QUEUE_POLL_INTERVAL_SECONDS: z.coerce.number().min(0.5).default(2),
  /** Downloads and probes wait on the network, not the cores: many run at once. */
  VALIDATE_CONCURRENCY: positiveInt.default(Math.max(16, cores * 4)),
  /** Applies to every kind without its own WORKER_CONCURRENCY_<KIND>; unset, each kind picks its default. */
  WORKER_CONCURRENCY: positiveInt.optional(),

  /**
   * Without API_KEYS: the Standard Webhooks secret(s) (`whsec_…`, comma-separated, current first:
   * each signs, for a rotation) of every webhook. With API_KEYS each owner makes its own through the API.
   */
  WEBHOOK_SECRET: commaList,
  WEBHOOK_TIMEOUT_MS: positiveInt.default(10_000),
  WEBHOOK_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  WEBHOOK_RETRY_DELAY_SECONDS: positiveInt.default(5),

  /** `owner:key` pairs, comma-separated. Set, every request needs one of the keys and sees only its owner's tasks. */
  API_KEYS: commaList,
  /** createTask calls per minute per caller (API key owner, or client address); 0 turns it off. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(0),
  /** How long after its task was created an idempotencyKey keeps answering with that task; later it makes a new one. */
  IDEMPOTENCY_KEY_TTL_HOURS: z.coerce.number().positive().max(24 * 365).default(24),
  /** Finished tasks older than this many days are deleted with their files; unset, nothing is (fractions allowed). */
  TASK_RETENTION_DAYS: z.coerce.number().positive().max(36_500).optional(),
  /** Workflows and lone tasks deleted per statement by retention. */
  TASK_RETENTION_BATCH: positiveInt.max(10_000).default(500),

  /** OpenAI-compatible API (OpenAI, Ollama, LocalAI, vLLM, a whisper.cpp server…) for the capabilities set to `openai`. */
  OPENAI_BASE_URL: z.url().optional(),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_TRANSCRIPTION_MODEL: z.string().default('whisper-1'),
  OPENAI_MODERATION_MODEL: z.string().default('omni-moderation-latest'),
  /** Chat model for prompts, descriptions and chapter titles; it must accept images for descriptions. */
  OPENAI_CHAT_MODEL: z.string().default('gpt-4o-mini'),
  OPENAI_TIMEOUT_MS: positiveInt.default(120_000),
  /** Which implementation serves each capability: the embedded models, or the OpenAI-compatible API. */
  SPEECH_PROVIDER: z.enum(['embedded', 'openai']).default('embedded'),
  MODERATION_PROVIDER: z.enum(['embedded', 'openai']).default('embedded'),
  DESCRIPTION_PROVIDER: z.enum(['embedded', 'openai']).default('embedded'),
  /** Answers prompts; there is no embedded language model, so `openai` needs OPENAI_BASE_URL. Default: openai when OPENAI_BASE_URL is set. */
  CHAT_PROVIDER: z.enum(['none', 'openai']).optional(),
  /** Intra-op threads of each embedded model; 0 means half the cores. */
  MODEL_THREADS: z.coerce.number().int().min(0).default(0),
  /** Where `npm install` put the speech models (scripts/install-models.mjs); default ./models. */
  MODELS_DIR: z.string().optional(),

  GRAPHQL_MAX_DEPTH: positiveInt.default(12),
  /** How long a stop waits for HTTP requests in flight; below the 10 s container runtimes allow. */
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).max(300).default(8),
  /** A WebSocket message larger than this closes its socket (1009). */
  WS_MAX_MESSAGE_BYTES: positiveInt.default(64 * 1024),
  /** Subscriptions one WebSocket may hold at once; one more is refused on its own (LIMIT_EXCEEDED). */
  WS_MAX_SUBSCRIPTIONS_PER_SOCKET: positiveInt.default(100),
  /** GraphiQL at /graphql; default on when HOST is a loopback address, off otherwise. */
  GRAPHIQL: booleanFlag,
  /** Schema introspection (and "Did you mean" suggestions); default: as GRAPHIQL. */
  INTROSPECTION: booleanFlag,
  /** The web console at / (console/dist, built at install); default on. It uses the public API only, with the caller's key. */
  CONSOLE: booleanFlag,
  /** Errors keep their message, stack and path in extensions.originalError: for debugging only. */
  DEBUG_ERRORS: booleanFlag,
  /** Foreign origins whose pages may call the API (`https://app.example.com`, or `*` for any); the server's own origin always may. */
  CORS_ORIGINS: commaList,
  /** Which peers' X-Forwarded-For/-Host/-Proto count: `loopback`, addresses and CIDR ranges, or `true` for any peer. */
  TRUST_PROXY: z.string().optional(),
  /** Serve without API keys on a non-loopback address: everyone who reaches the port sees every task. */
  ALLOW_OPEN: booleanFlag,
  /** Bearer token for /metrics; without it /metrics answers only in open mode (no API_KEYS). */
  METRICS_TOKEN: z.string().min(16, 'use at least 16 characters').optional(),
  /** The operations listener (/health/live, /health/ready, /metrics) of any role; unset, none. 0 takes a free port. */
  OPS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  OPS_HOST: z.string().default('127.0.0.1'),

  /** Traces go out over OTLP/HTTP to this collector (`/v1/traces` is appended); unset, tracing is off. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  /** The full traces URL, over OTEL_EXPORTER_OTLP_ENDPOINT. */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  /** The exporter sends JSON, which collectors take on the same port as protobuf (4318). */
  OTEL_EXPORTER_OTLP_PROTOCOL: otlpProtocol,
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: otlpProtocol,
  OTEL_SERVICE_NAME: z.string().min(1).default('mediatasks'),
  /** `key=value` pairs, comma-separated, added to every span's resource (deployment.environment=prod). */
  OTEL_RESOURCE_ATTRIBUTES: commaList,
  OTEL_SDK_DISABLED: booleanFlag,
  /** Milliseconds finished spans wait to be sent in a batch; all are sent at a stop. */
  OTEL_BSP_SCHEDULE_DELAY: positiveInt.default(5000),
});

export type Role = 'all' | 'api' | 'worker';

export interface Config {
  role: Role;
  /** Seconds a stop waits for HTTP requests in flight. */
  shutdownGraceSeconds: number;
  http: { host: string; port: number; publicUrl?: string };
  /** OPS_HOST/OPS_PORT: health and metrics on an address of their own; port null: no such listener. */
  operations: { host: string; port: number | null };
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** LOG_FORMAT; unset, the logger picks pretty on a terminal and JSON otherwise. */
  logFormat?: 'json' | 'pretty';
  /** poolSize: DATABASE_POOL_SIZE, split by connectionBudget(). */
  database: { url?: string; poolSize: number; embeddedDataDir: string; embeddedPort: number };
  storageDir: string;
  /** Resumable uploads: UPLOADS_DIR and UPLOAD_EXPIRY_HOURS (in seconds). */
  uploads: { directory: string; expirySeconds: number };
  /** STORAGE_URL: null keeps files in storageDir. */
  s3: S3Config | null;
  /** STORAGE_CACHE_BYTES. */
  storageCacheBytes: number;
  media: { ffmpegPath?: string; ffprobePath?: string; ffmpegThreads: number };
  fetch: { allowList: string[]; connectTimeoutMs: number; totalTimeoutMs: number; idleTimeoutMs: number; perHostConcurrency: number };
  limits: {
    maxInputBytes: number; maxUploadBytes: number; maxImagePixels: number; maxOutputPixels: number; maxInputDurationSeconds: number;
    /** IDEMPOTENCY_KEY_TTL_HOURS, in seconds. */
    idempotencyKeyTtlSeconds: number;
  };
  queue: {
    taskTimeoutSeconds: number;
    heartbeatSeconds: number;
    retryLimit: number;
    monitorIntervalSeconds: number;
    pollIntervalSeconds: number;
    validateConcurrency: number;
    /** WORKER_CONCURRENCY when set; otherwise each kind's default for this machine's cores. */
    workerConcurrency?: number;
    cores: number;
    /** Per-kind overrides from WORKER_CONCURRENCY_<KIND>, e.g. WORKER_CONCURRENCY_IMAGE=4. */
    kindConcurrency: Record<string, number>;
  };
  graphql: { maxDepth: number; maxMessageBytes: number; maxSubscriptionsPerSocket: number; graphiql: boolean; introspection: boolean; createTasksPerMinute: number; console: boolean };
  security: SecurityConfig;
  /** secrets: WEBHOOK_SECRET's values (open mode only); owners' own secrets are in the database. */
  webhooks: { secrets: string[]; timeoutMs: number; attempts: number; retryDelaySeconds: number };
  /** API key → owner; empty means no authentication (every task is visible to every caller). */
  apiKeys: Map<string, string>;
  ai: AiConfig;
  /** TASK_RETENTION_DAYS (in seconds) and TASK_RETENTION_BATCH; null: finished tasks are kept until deleteTask. */
  retention: { ageSeconds: number; batchSize: number } | null;
  /** Where traces go; null (no OTLP endpoint set, or OTEL_SDK_DISABLED) turns tracing off. */
  tracing: TracingConfig | null;
}

export interface S3Config {
  bucket: string;
  /** Key prefix inside the bucket, without slashes around it; '' for none. */
  prefix: string;
  endpoint?: string;
  region: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  forcePathStyle: boolean;
  checksums: 'when_required' | 'when_supported';
  publicBaseUrl?: string;
}

export interface TracingConfig {
  /** The OTLP/HTTP traces URL, e.g. http://127.0.0.1:4318/v1/traces. */
  tracesUrl: string;
  serviceName: string;
  /** From OTEL_RESOURCE_ATTRIBUTES. */
  resourceAttributes: Record<string, string>;
  exportDelayMs: number;
}

/** What browsers and proxies may do; see the README's security model. */
export interface SecurityConfig {
  /** Foreign origins allowed by CORS and the WebSocket Origin check; '*' allows any. */
  corsOrigins: string[] | '*';
  /** Peers whose forwarded headers count: 'any', or addresses and CIDR ranges. */
  trustProxy: 'any' | string[];
  /** HOST is a loopback address: Host headers are checked against the loopback names (DNS rebinding). */
  loopbackOnly: boolean;
  debugErrors: boolean;
  metricsToken?: string;
}

export interface AiConfig {
  providers: { speech: 'embedded' | 'openai'; moderation: 'embedded' | 'openai'; description: 'embedded' | 'openai'; chat: 'none' | 'openai' };
  openai?: { baseUrl: string; apiKey?: string; transcriptionModel: string; moderationModel: string; chatModel: string; timeoutMs: number };
  modelThreads: number;
  modelsDir?: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses an environment into a Config, failing with every problem listed at once. */
/** Every variable the configuration reads (the container files are checked against it). */
export const configVariables: readonly string[] = Object.keys(environmentSchema.shape);

export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  const env = parsed.data;
  const dataDir = path.resolve(env.DATA_DIR);
  const apiKeys = readApiKeys(env.API_KEYS);
  const loopbackOnly = isLoopbackHost(env.HOST);
  if (!loopbackOnly && apiKeys.size === 0 && env.ROLE !== 'worker' && !env.ALLOW_OPEN) {
    throw new ConfigError(`Invalid configuration:\n  HOST: ${env.HOST} is reachable from other machines, and without API_KEYS everyone who reaches the port can read, create and delete every task. Set API_KEYS, or ALLOW_OPEN=1 if that is what you mean.`);
  }
  if (env.OPS_PORT && env.OPS_PORT === env.PORT && env.ROLE !== 'worker') {
    throw new ConfigError(`Invalid configuration:\n  OPS_PORT: ${env.OPS_PORT} is PORT too; give the operations listener a port of its own, or leave OPS_PORT unset (the API port serves /health and /metrics as well)`);
  }
  const graphiql = env.GRAPHIQL ?? loopbackOnly;
  const introspection = env.INTROSPECTION ?? graphiql;
  if (graphiql && !introspection) {
    throw new ConfigError('Invalid configuration:\n  GRAPHIQL: GraphiQL needs introspection to show the schema; with INTROSPECTION=0 also set GRAPHIQL=0.');
  }
  return {
    role: env.ROLE,
    shutdownGraceSeconds: env.SHUTDOWN_GRACE_SECONDS,
    http: { host: env.HOST, port: env.PORT, publicUrl: env.PUBLIC_URL?.replace(/\/$/, '') },
    operations: { host: env.OPS_HOST, port: env.OPS_PORT ?? null },
    logLevel: env.LOG_LEVEL,
    logFormat: env.LOG_FORMAT,
    database: { url: env.DATABASE_URL || undefined, poolSize: env.DATABASE_POOL_SIZE, embeddedDataDir: path.join(dataDir, 'postgres'), embeddedPort: env.EMBEDDED_POSTGRES_PORT },
    storageDir: path.resolve(env.STORAGE_DIR ?? path.join(dataDir, 'storage')),
    uploads: {
      // Beside the stored files when they are local (a task's input is then a rename away).
      directory: path.resolve(env.UPLOADS_DIR ?? (env.STORAGE_URL ? path.join(dataDir, 'uploads') : path.join(env.STORAGE_DIR ?? path.join(dataDir, 'storage'), '.uploads'))),
      expirySeconds: Math.round(env.UPLOAD_EXPIRY_HOURS * 3600),
    },
    s3: readS3Config(env),
    storageCacheBytes: env.STORAGE_CACHE_BYTES,
    media: { ffmpegPath: env.FFMPEG_PATH, ffprobePath: env.FFPROBE_PATH, ffmpegThreads: env.FFMPEG_THREADS },
    fetch: {
      allowList: env.FETCH_ALLOW_HOSTS, connectTimeoutMs: env.FETCH_CONNECT_TIMEOUT_MS, totalTimeoutMs: env.FETCH_TOTAL_TIMEOUT_MS,
      idleTimeoutMs: env.FETCH_IDLE_TIMEOUT_MS, perHostConcurrency: env.FETCH_PER_HOST_CONCURRENCY,
    },
    limits: {
      maxInputBytes: env.MAX_INPUT_BYTES,
      maxUploadBytes: env.MAX_UPLOAD_BYTES ?? env.MAX_INPUT_BYTES,
      maxImagePixels: env.MAX_IMAGE_PIXELS,
      maxOutputPixels: env.MAX_OUTPUT_PIXELS,
      maxInputDurationSeconds: env.MAX_INPUT_DURATION_SECONDS,
      idempotencyKeyTtlSeconds: env.IDEMPOTENCY_KEY_TTL_HOURS * 3600,
    },
    queue: {
      taskTimeoutSeconds: env.TASK_TIMEOUT_SECONDS,
      heartbeatSeconds: env.JOB_HEARTBEAT_SECONDS,
      retryLimit: env.JOB_RETRY_LIMIT,
      monitorIntervalSeconds: env.QUEUE_MONITOR_INTERVAL_SECONDS,
      pollIntervalSeconds: env.QUEUE_POLL_INTERVAL_SECONDS,
      validateConcurrency: env.VALIDATE_CONCURRENCY,
      workerConcurrency: env.WORKER_CONCURRENCY,
      cores,
      kindConcurrency: readKindConcurrency(environment),
    },
    graphql: { maxDepth: env.GRAPHQL_MAX_DEPTH, maxMessageBytes: env.WS_MAX_MESSAGE_BYTES, maxSubscriptionsPerSocket: env.WS_MAX_SUBSCRIPTIONS_PER_SOCKET, graphiql, introspection, createTasksPerMinute: env.RATE_LIMIT_PER_MINUTE, console: env.CONSOLE ?? true },
    security: {
      corsOrigins: readCorsOrigins(env.CORS_ORIGINS),
      trustProxy: readTrustProxy(env.TRUST_PROXY),
      loopbackOnly,
      debugErrors: env.DEBUG_ERRORS ?? false,
      metricsToken: env.METRICS_TOKEN,
    },
    apiKeys,
    webhooks: { secrets: readWebhookSecrets(env.WEBHOOK_SECRET, env.API_KEYS.length > 0), timeoutMs: env.WEBHOOK_TIMEOUT_MS, attempts: env.WEBHOOK_ATTEMPTS, retryDelaySeconds: env.WEBHOOK_RETRY_DELAY_SECONDS },
    ai: readAiConfig(env),
    retention: env.TASK_RETENTION_DAYS === undefined ? null : { ageSeconds: env.TASK_RETENTION_DAYS * 86_400, batchSize: env.TASK_RETENTION_BATCH },
    tracing: readTracingConfig(env),
  };
}

function readS3Config(env: z.output<typeof environmentSchema>): S3Config | null {
  const url = env.STORAGE_URL?.trim() ?? '';
  if (url === '' || url === 'file:') {
    if (env.FILES_PUBLIC_BASE_URL) throw new ConfigError('Invalid configuration:\n  FILES_PUBLIC_BASE_URL: files in the local folder are served by this server only (under PUBLIC_URL); it applies to STORAGE_URL=s3://…');
    return null;
  }
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(url);
  if (!match) throw new ConfigError(`Invalid configuration:\n  STORAGE_URL: expected s3://bucket or s3://bucket/prefix (a valid bucket name: 3-63 lower-case letters, digits, dots, hyphens), or file: for the local folder; got "${url}"`);
  const prefix = (match[2] ?? '').replace(/^\/+|\/+$/g, '');
  if (prefix.split('/').some((segment) => segment === '.' || segment === '..') || prefix.includes('//')) {
    throw new ConfigError(`Invalid configuration:\n  STORAGE_URL: the prefix "${prefix}" has an empty, . or .. segment`);
  }
  if (Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY)) {
    throw new ConfigError('Invalid configuration:\n  S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: set both, or neither (then the SDK\'s default credential chain applies)');
  }
  return {
    bucket: match[1],
    prefix,
    endpoint: env.S3_ENDPOINT,
    region: env.S3_REGION,
    credentials: env.S3_ACCESS_KEY_ID ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY! } : undefined,
    forcePathStyle: env.S3_FORCE_PATH_STYLE ?? false,
    checksums: env.S3_CHECKSUMS,
    publicBaseUrl: env.FILES_PUBLIC_BASE_URL?.replace(/\/+$/, ''),
  };
}

function readTracingConfig(env: z.output<typeof environmentSchema>): TracingConfig | null {
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const tracesUrl = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (base ? `${base.replace(/\/$/, '')}/v1/traces` : undefined);
  if (!tracesUrl || env.OTEL_SDK_DISABLED) return null;
  const resourceAttributes: Record<string, string> = {};
  for (const pair of env.OTEL_RESOURCE_ATTRIBUTES) {
    const separator = pair.indexOf('=');
    if (separator < 1) throw new ConfigError(`Invalid configuration:\n  OTEL_RESOURCE_ATTRIBUTES: "${pair}" is not key=value`);
    const [key, value] = [pair.slice(0, separator), pair.slice(separator + 1)].map(percentDecoded);
    resourceAttributes[key] = value;
  }
  return { tracesUrl, serviceName: env.OTEL_SERVICE_NAME, resourceAttributes, exportDelayMs: env.OTEL_BSP_SCHEDULE_DELAY };
}

/** OTEL_RESOURCE_ATTRIBUTES values are percent-encoded; a stray % is kept as written. */
function percentDecoded(text: string): string {
  try {
    return decodeURIComponent(text.trim());
  } catch {
    return text.trim();
  }
}

function readAiConfig(env: z.output<typeof environmentSchema>): AiConfig {
  const providers = {
    speech: env.SPEECH_PROVIDER,
    moderation: env.MODERATION_PROVIDER,
    description: env.DESCRIPTION_PROVIDER,
    chat: env.CHAT_PROVIDER ?? (env.OPENAI_BASE_URL ? 'openai' : 'none'),
  } as const;
  const remote = Object.entries(providers).filter(([, provider]) => provider === 'openai').map(([capability]) => `${capability.toUpperCase()}_PROVIDER`);
  if (remote.length > 0 && !env.OPENAI_BASE_URL) {
    throw new ConfigError(`Invalid configuration:\n  OPENAI_BASE_URL: required by ${remote.join(', ')}=openai`);
  }
  return {
    providers,
    openai: env.OPENAI_BASE_URL ? {
      baseUrl: env.OPENAI_BASE_URL.replace(/\/$/, ''),
      apiKey: env.OPENAI_API_KEY,
      transcriptionModel: env.OPENAI_TRANSCRIPTION_MODEL,
      moderationModel: env.OPENAI_MODERATION_MODEL,
      chatModel: env.OPENAI_CHAT_MODEL,
      timeoutMs: env.OPENAI_TIMEOUT_MS,
    } : undefined,
    modelThreads: env.MODEL_THREADS || Math.max(1, Math.floor(cores / 2)),
    modelsDir: env.MODELS_DIR ? path.resolve(env.MODELS_DIR) : undefined,
  };
}

/** 127.0.0.0/8, ::1 and localhost: only this machine can connect. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  if (net.isIPv4(bare)) return bare.startsWith('127.');
  return bare === '::1' || bare.startsWith('::ffff:127.');
}

function readCorsOrigins(entries: string[]): string[] | '*' {
  if (entries.includes('*')) return '*';
  return entries.map((entry) => {
    let origin: string;
    try {
      origin = new URL(entry).origin;
    } catch {
      origin = 'null';
    }
    // An origin is scheme://host[:port], nothing more: a path would never match a browser's Origin.
    if (origin === 'null' || origin !== entry.replace(/\/$/, '')) {
      throw new ConfigError(`Invalid configuration:\n  CORS_ORIGINS: "${entry}" is not an origin (scheme://host[:port], e.g. https://app.example.com), nor *`);
    }
    return origin;
  });
}

function readTrustProxy(value: string | undefined): 'any' | string[] {
  const setting = value?.trim().toLowerCase() ?? '';
  if (['', 'false', '0', 'no'].includes(setting)) return [];
  if (['true', '1', 'yes'].includes(setting)) return 'any';
  const entries = setting.split(',').map((entry) => entry.trim()).filter(Boolean);
  for (const entry of entries) {
    const [address, bits] = entry.split('/');
    const family = net.isIP(address);
    const validBits = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (entry !== 'loopback' && (!family || !validBits)) {
      throw new ConfigError(`Invalid configuration:\n  TRUST_PROXY: "${entry}" is not an address, a CIDR range or "loopback" (or set true/false)`);
    }
  }
  return entries;
}

function readApiKeys(entries: string[]): Map<string, string> {
  const keys = new Map<string, string>();
  for (const entry of entries) {
    const separator = entry.indexOf(':');
    const owner = entry.slice(0, separator);
    const key = entry.slice(separator + 1);
    if (separator < 1 || key.length < 16) {
      throw new ConfigError('Invalid configuration:\n  API_KEYS: expected owner:key pairs, each key at least 16 characters');
    }
    if (keys.has(key) && keys.get(key) !== owner) {
      throw new ConfigError(`Invalid configuration:\n  API_KEYS: one key is given to two owners (${keys.get(key)} and ${owner}); each key names one owner`);
    }
    keys.set(key, owner);
  }
  return keys;
}

function readWebhookSecrets(secrets: string[], withApiKeys: boolean): string[] {
  if (secrets.length > 0 && withApiKeys) {
    throw new ConfigError('Invalid configuration:\n  WEBHOOK_SECRET: one secret for every owner would let each forge webhooks to the others; with API_KEYS unset it, each owner creates its own with the rotateWebhookSecret mutation');
  }
  if (secrets.some((secret) => !webhookSigningKey(secret))) {
    throw new ConfigError(`Invalid configuration:\n  WEBHOOK_SECRET: expected Standard Webhooks secrets, whsec_ followed by base64 of 24 to 64 random bytes (make one with: node -e "console.log('whsec_' + require('crypto').randomBytes(32).toString('base64'))")`);
  }
  return secrets;
}

function readKindConcurrency(environment: NodeJS.ProcessEnv): Record<string, number> {
  const overrides: Record<string, number> = {};
  for (const [name, value] of Object.entries(environment)) {
    const match = /^WORKER_CONCURRENCY_([A-Z_]+)$/.exec(name);
    if (!match || value === undefined) continue;
    const concurrency = Number(value);
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new ConfigError(`Invalid configuration:\n  ${name}: expected a positive integer, got "${value}"`);
    }
    overrides[match[1].toLowerCase()] = concurrency;
  }
  return overrides;
}
