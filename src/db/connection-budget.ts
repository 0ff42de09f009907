// How one process spends its DATABASE_POOL_SIZE connections to Postgres: every session it keeps
// for itself, pg-boss's pool and the app's pool, so that N processes never open more than
// N × DATABASE_POOL_SIZE and a pool that is full makes a request wait, not fail.
import type { Role } from '../config.js';

export interface ConnectionBudget {
  /** DATABASE_POOL_SIZE: the most this process opens at once. */
  total: number;
  /**
   * Sessions held for as long as the process runs: the task change listener's LISTEN, and in a
   * process that runs workers the job arrivals LISTEN (it wakes them) and the worker presence lock.
   */
  sessions: number;
  /** pg-boss's pool (its `max`): job fetches, completions, heartbeats, maintenance. */
  queue: number;
  /** The app's pool, shared by Prisma and the lifecycle SQL: every GraphQL request and task transaction. */
  app: number;
}

/** The smallest budget every role can run on: its sessions, one queue connection, two app connections. */
export const smallestPoolSize = 6;

export function connectionBudget(poolSize: number, role: Role): ConnectionBudget {
  const runsWorker = role !== 'api';
  const sessions = runsWorker ? 3 : 1;
  const pooled = poolSize - sessions;
  // A worker's queue fetches and completes jobs (a third of what is left); an API process's only
  // creates its queues at start and answers readiness: its job sends go through the app's own
  // transactions, on the app pool.
  const queue = runsWorker ? Math.max(1, Math.ceil(pooled / 3)) : 1;
  return { total: poolSize, sessions, queue, app: pooled - queue };
}
