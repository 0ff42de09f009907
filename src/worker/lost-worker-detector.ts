// Hands the tasks of a dead worker process to the others within seconds. A PROCESSING or
// FINISHING task whose worker's presence lock (worker-presence.ts) is gone has lost its worker:
// its job is failed on its current attempt, so pg-boss retries it on a live worker at once,
// instead of after heartbeats missed for JOB_HEARTBEAT_SECONDS (which stays as the backstop).
//
// A database restart ends every session and so releases every lock: nothing is judged until the
// server has run for a while (live workers take their locks again within a couple of seconds),
// and a task must look orphaned on two checks in a row. A worker wrongly judged dead cannot
// harm the next attempt: its writes are fenced by its attempt number.
import type pg from 'pg';
import type { Logger } from '../logger.js';
import type { TaskQueue } from '../queue/task-queue.js';
import { presenceLockClass } from './worker-presence.js';

/** Seconds the database must have been up before a missing lock means a dead worker. */
const databaseSettleSeconds = 10;

interface OrphanedTask {
  id: string;
  kind: string;
  jobId: string;
  workerKey: number;
  attempts: number;
}

const selectOrphanedTasks = {
  text: `SELECT t.id, t.kind, t.job_id AS "jobId", t.worker_key AS "workerKey", t.attempts
    FROM task t
    WHERE t.status IN ('PROCESSING', 'FINISHING') AND t.worker_key IS NOT NULL AND t.job_id IS NOT NULL
      AND pg_postmaster_start_time() < now() - make_interval(secs => $2)
      AND NOT EXISTS (
        SELECT 1 FROM pg_locks l
        WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1 AND l.objid = t.worker_key::oid AND l.objsubid = 2
          AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()))`,
  values: [presenceLockClass, databaseSettleSeconds],
};

export class LostWorkerDetector {
  private timer: NodeJS.Timeout | null = null;
  /** When each task was first seen orphaned: acted on only when still so a check later. */
  private readonly orphanedSince = new Map<string, number>();
  private checking = false;

  constructor(private readonly deps: { pool: pg.Pool; queue: TaskQueue; logger: Logger; intervalMs: number }) {}

  start(): void {
    this.timer = setInterval(() => void this.check(), this.deps.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async check(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      const { rows } = await this.deps.pool.query<OrphanedTask>(selectOrphanedTasks);
      const now = Date.now();
      const current = new Set(rows.map((row) => row.id));
      for (const id of this.orphanedSince.keys()) if (!current.has(id)) this.orphanedSince.delete(id);
      for (const task of rows) {
        const since = this.orphanedSince.get(task.id);
        if (since === undefined) this.orphanedSince.set(task.id, now);
        else if (now - since >= this.deps.intervalMs) await this.handOver(task);
      }
    } catch (error) {
      // The database being away is reported elsewhere; the next check tries again.
      this.deps.logger.debug({ err: error }, 'lost worker check failed');
    } finally {
      this.checking = false;
    }
  }

  private async handOver(task: OrphanedTask): Promise<void> {
    this.orphanedSince.delete(task.id);
    // One detector wins the claim (every worker process runs one).
    const { rowCount } = await this.deps.pool.query(
      'UPDATE task SET worker_key = NULL WHERE id = $1 AND worker_key = $2 AND attempts = $3', [task.id, task.workerKey, task.attempts]);
    if (!rowCount) return;
    const released = await this.deps.queue.releaseLostRun(task.kind, task.jobId);
    this.deps.logger.warn({ taskId: task.id, workerKey: task.workerKey, attempt: task.attempts, released }, 'the worker of a task died: its job is retried on another worker');
  }
}
