// Database-wide gauges: the unfinished tasks by status and the pg-boss jobs by queue and state.
// Every process exports the same values (aggregate them with max, not sum). Each scrape reads
// only live rows through partial or status indexes, never the whole task table, and a short
// cache bounds how often: scrapes of many processes at once cost one read per process per
// cacheMs. With the database away the gauges are left out of the scrape (the process's own
// metrics are still served) and /health/ready says why.
import type pg from 'pg';
import { Gauge, type Registry } from 'prom-client';
import { activeStatuses } from '../tasks/task-status.js';

const taskCounts = `SELECT kind, status::text AS status, count(*)::int AS count FROM task
  WHERE status = ANY($1::"TaskStatus"[]) GROUP BY 1, 2`;

// pg-boss's job table, as pg-boss itself reads its live jobs: the state list implies the predicate
// of its partial index on (name, state, blocked, start_after), so this is an index-only scan of
// the jobs waiting or running, however many finished ones the table retains.
const jobCounts = `SELECT name,
    (count(*) FILTER (WHERE state < 'active' AND start_after <= now()))::int AS ready,
    (count(*) FILTER (WHERE state < 'active' AND start_after > now()))::int AS deferred,
    (count(*) FILTER (WHERE state = 'active'))::int AS active
  FROM pgboss.job WHERE name = ANY($1::text[]) AND state IN ('created', 'retry', 'active') GROUP BY 1`;

interface Backlog {
  tasks: Array<{ kind: string; status: string; count: number }>;
  jobs: Array<{ name: string; ready: number; deferred: number; active: number }>;
}

export function registerBacklogGauges(registry: Registry, options: {
  pool: pg.Pool; kinds: readonly string[]; queues: readonly string[]; cacheMs?: number; timeoutMs?: number; onError?: (error: Error) => void;
}): void {
  const { pool, kinds, queues, cacheMs = 5000, timeoutMs = 2000 } = options;
  let cached: { at: number; read: Promise<Backlog> } | null = null;
  const read = (): Promise<Backlog> => {
    if (cached && Date.now() - cached.at < cacheMs) return cached.read;
    const reading = withTimeout(Promise.all([
      pool.query<Backlog['tasks'][number]>(taskCounts, [activeStatuses]),
      pool.query<Backlog['jobs'][number]>(jobCounts, [queues]),
    ]).then(([tasks, jobs]) => ({ tasks: tasks.rows, jobs: jobs.rows })), timeoutMs);
    cached = { at: Date.now(), read: reading };
    // A failed read is not kept: the next scrape tries again.
    reading.catch((error: Error) => {
      if (cached?.read === reading) cached = null;
      options.onError?.(error);
    });
    return reading;
  };

  new Gauge({
    name: 'mediatasks_tasks_active',
    help: 'Unfinished tasks in the database, by kind and status (WAITING to FINISHING; running = PROCESSING + FINISHING). Database-wide: the same in every process, aggregate with max.',
    labelNames: ['kind', 'status'],
    registers: [registry],
    async collect() {
      this.reset();
      const backlog = await read().catch(() => null);
      if (!backlog) return;
      for (const kind of kinds) for (const status of activeStatuses) this.set({ kind, status }, 0);
      for (const row of backlog.tasks) this.set({ kind: row.kind, status: row.status }, row.count);
    },
  });
  new Gauge({
    name: 'mediatasks_queue_jobs',
    help: 'pg-boss jobs by queue and state: ready (waiting for a worker), deferred (a retry or a later start), active (running). Database-wide: the same in every process, aggregate with max.',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      const backlog = await read().catch(() => null);
      if (!backlog) return;
      const byName = new Map(backlog.jobs.map((row) => [row.name, row]));
      for (const queue of queues) {
        const row = byName.get(queue);
        for (const state of ['ready', 'deferred', 'active'] as const) this.set({ queue, state }, row?.[state] ?? 0);
      }
    },
  });
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the database did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
