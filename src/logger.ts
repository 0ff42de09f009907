// Structured logs (pino). One root logger; modules take child loggers with their name. JSON, one
// object a line, unless stdout is a terminal (or LOG_FORMAT=pretty): then human-readable lines.
import { pino, type Logger as PinoLogger } from 'pino';
import pinoPretty from 'pino-pretty';
import type { Config } from './config.js';

export type Logger = PinoLogger;

export function createLogger(config: Pick<Config, 'logLevel'> & Partial<Pick<Config, 'logFormat'>>): Logger {
  const options = { level: config.logLevel, base: { pid: process.pid }, serializers: { err: serializeError } };
  const format = config.logFormat ?? (process.stdout.isTTY ? 'pretty' : 'json');
  if (format === 'json') return pino(options);
  // Synchronous, like pino's own JSON destination: the lines written just before process.exit
  // (the last one of a stop, a fatal start error) are not lost in a buffer.
  return pino(options, pinoPretty({
    sync: true,
    translateTime: 'SYS:HH:MM:ss.l',
    singleLine: true,
    ignore: 'hostname,module',
    messageFormat: '{if module}{module}: {end}{msg}',
  }));
}

/** How deep `cause` (or a GraphQL error's originalError) is followed. */
const maxCauseDepth = 3;
const maxFieldLength = 2000;
const handledFields = new Set(['message', 'stack', 'cause', 'originalError', 'errors', 'extensions']);

/**
 * An error as a log field: its type, message, code, stack and the other plain fields (a pg
 * error's severity, detail, routine), with its causes, a bounded chain. Object-valued fields are
 * dropped: node-postgres hangs the whole `pg.Client` on some errors (`client`, with connection
 * parameters and backend cancel keys), others carry sockets, `_events` or request options.
 */
export function serializeError(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  const error = value as Record<string, unknown>;
  const serialized: Record<string, unknown> = { type: error.constructor?.name ?? 'Object' };
  if (typeof error.name === 'string' && error.name !== serialized.type) serialized.name = error.name;
  if (error.message !== undefined) serialized.message = String(error.message);
  for (const [key, field] of Object.entries(error)) {
    if (handledFields.has(key) || key.startsWith('_') || field === undefined) continue;
    if (typeof field === 'string') serialized[key] = field.length > maxFieldLength ? `${field.slice(0, maxFieldLength)}…` : field;
    else if (typeof field === 'number' || typeof field === 'boolean') serialized[key] = field;
    else if (typeof field === 'bigint') serialized[key] = String(field);
    // A GraphQL error's path: short lists of plain values.
    else if (Array.isArray(field) && field.length <= 10 && field.every((item) => ['string', 'number'].includes(typeof item))) serialized[key] = field;
  }
  // A GraphQL error's code lives in its extensions.
  const extensionCode = (error.extensions as { code?: unknown } | undefined)?.code;
  if (serialized.code === undefined && typeof extensionCode === 'string') serialized.code = extensionCode;
  if (typeof error.stack === 'string') serialized.stack = error.stack;
  const cause = error.cause ?? error.originalError;
  if (cause !== undefined && cause !== null) {
    serialized.cause = depth < maxCauseDepth ? serializeError(cause, depth + 1) : '(more causes left out)';
  }
  if (Array.isArray(error.errors) && depth < maxCauseDepth) {
    serialized.errors = error.errors.slice(0, 5).map((inner) => serializeError(inner, depth + 1));
  }
  return serialized;
}

/**
 * A gate for log lines that would otherwise repeat with every connection or poll while one
 * cause lasts (a database outage): true at most once per `intervalMs`.
 */
export function oncePer(intervalMs: number): () => boolean {
  let lastAt = -Infinity;
  return () => {
    if (Date.now() - lastAt < intervalMs) return false;
    lastAt = Date.now();
    return true;
  };
}
