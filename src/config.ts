// Reads and validates the environment once; everything else receives a typed Config.
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const commaList = z
  .string()
  .optional()
  .transform((value) => (value ?? '').split(',').map((item) => item.trim()).filter(Boolean));

const positiveInt = z.coerce.number().int().positive();
const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .optional()
  .transform((value) => value === undefined ? undefined : ['true', '1', 'yes'].includes(value));

const cores = Math.max(1, os.availableParallelism());

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  ROLE: z.enum(['all', 'api', 'worker']).default('all'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** Base of the absolute output URLs; defaults to http://HOST:PORT. */
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),

  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().default('./data'),
  EMBEDDED_POSTGRES_PORT: positiveInt.default(54329),

  STORAGE_DIR: z.string().optional(),

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

  /** Signs webhook bodies (HMAC-SHA256); tasks can only ask for webhooks when it is set. */
  WEBHOOK_SECRET: z.string().min(16, 'use at least 16 characters').optional(),
  WEBHOOK_TIMEOUT_MS: positiveInt.default(10_000),
  WEBHOOK_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  WEBHOOK_RETRY_DELAY_SECONDS: positiveInt.default(5),

  /** `owner:key` pairs, comma-separated. Set, every request needs one of the keys and sees only its owner's tasks. */
  API_KEYS: commaList,
  /** createTask calls per minute per caller (API key owner, or client address); 0 turns it off. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(0),

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
  GRAPHIQL: booleanFlag,
});

export type Role = 'all' | 'api' | 'worker';

export interface Config {
  env: 'development' | 'production' | 'test';
  role: Role;
  /** Seconds a stop waits for HTTP requests in flight. */
  shutdownGraceSeconds: number;
  http: { host: string; port: number; publicUrl?: string };
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  database: { url?: string; embeddedDataDir: string; embeddedPort: number };
  storageDir: string;
  media: { ffmpegPath?: string; ffprobePath?: string; ffmpegThreads: number };
  fetch: { allowList: string[]; connectTimeoutMs: number; totalTimeoutMs: number; idleTimeoutMs: number; perHostConcurrency: number };
  limits: { maxInputBytes: number; maxUploadBytes: number; maxImagePixels: number; maxOutputPixels: number; maxInputDurationSeconds: number };
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
  graphql: { maxDepth: number; maxMessageBytes: number; maxSubscriptionsPerSocket: number; graphiql: boolean; createTasksPerMinute: number };
  webhooks: { secret?: string; timeoutMs: number; attempts: number; retryDelaySeconds: number };
  /** API key → owner; empty means no authentication (every task is visible to every caller). */
  apiKeys: Map<string, string>;
  ai: AiConfig;
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
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  const env = parsed.data;
  const dataDir = path.resolve(env.DATA_DIR);
  return {
    env: env.NODE_ENV,
    role: env.ROLE,
    shutdownGraceSeconds: env.SHUTDOWN_GRACE_SECONDS,
    http: { host: env.HOST, port: env.PORT, publicUrl: env.PUBLIC_URL?.replace(/\/$/, '') },
    logLevel: env.LOG_LEVEL,
    database: { url: env.DATABASE_URL || undefined, embeddedDataDir: path.join(dataDir, 'postgres'), embeddedPort: env.EMBEDDED_POSTGRES_PORT },
    storageDir: path.resolve(env.STORAGE_DIR ?? path.join(dataDir, 'storage')),
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
    graphql: { maxDepth: env.GRAPHQL_MAX_DEPTH, maxMessageBytes: env.WS_MAX_MESSAGE_BYTES, maxSubscriptionsPerSocket: env.WS_MAX_SUBSCRIPTIONS_PER_SOCKET, graphiql: env.GRAPHIQL ?? env.NODE_ENV !== 'production', createTasksPerMinute: env.RATE_LIMIT_PER_MINUTE },
    apiKeys: readApiKeys(env.API_KEYS),
    webhooks: { secret: env.WEBHOOK_SECRET, timeoutMs: env.WEBHOOK_TIMEOUT_MS, attempts: env.WEBHOOK_ATTEMPTS, retryDelaySeconds: env.WEBHOOK_RETRY_DELAY_SECONDS },
    ai: readAiConfig(env),
  };
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

function readApiKeys(entries: string[]): Map<string, string> {
  const keys = new Map<string, string>();
  for (const entry of entries) {
    const separator = entry.indexOf(':');
    const owner = entry.slice(0, separator);
    const key = entry.slice(separator + 1);
    if (separator < 1 || key.length < 16) {
      throw new ConfigError('Invalid configuration:\n  API_KEYS: expected owner:key pairs, each key at least 16 characters');
    }
    keys.set(key, owner);
  }
  return keys;
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
