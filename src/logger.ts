// Structured JSON logs (pino). One root logger; modules take child loggers with their name.
import { pino, type Logger as PinoLogger } from 'pino';
import type { Config } from './config.js';

export type Logger = PinoLogger;

export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, base: { pid: process.pid } });
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
