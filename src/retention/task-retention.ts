// TASK_RETENTION_DAYS: finished tasks older than that are deleted with their events, outputs,
// webhook deliveries and files, by a pg-boss schedule (one job per tick for the whole deployment,
// whichever worker takes it). Off unless configured: nothing accepted goes without the operator
// asking. A workflow goes whole, with its steps, once it and every step have ended; a step is never
// removed alone, and nothing still running is touched.
import type { PgBoss } from 'pg-boss';
import type pg from 'pg';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { taskFolders, type Storage } from '../storage/storage.js';
import { deleteExpiredTasks, type ExpiredTaskRow } from '../tasks/task-sql.js';

export const retentionQueue = 'task-retention';

/** Every 10 minutes: a run is bounded (runBudgetMs), so frequent runs keep up with a busy server. */
export const retentionCron = '*/10 * * * *';

/** A run starts no new batch after this; the next tick goes on where it stopped. */
const runBudgetMs = 60_000;

/** Folders removed at once: the storage does the waiting (a remote store more than a disk). */
const folderConcurrency = 16;

/** What a run (or one batch of it) removed. */
export interface RetentionRemoved {
  /** Tasks, workflow steps included. */
  tasks: number;
  events: number;
  deliveries: number;
  /** task_output rows: the files a client was shown (inputs are not counted). */
  outputs: number;
  /** Storage folders removed: two per task, its input's and its outputs'. */
  folders: number;
}

export interface TaskRetentionDeps {
  pool: pg.Pool;
  boss: PgBoss;
  storage: Storage;
  /** Null: retention is off, and a schedule left by an earlier configuration is removed. */
  settings: NonNullable<Config['retention']> | null;
  pollIntervalSeconds: number;
  logger: Logger;
  /** Called after each batch is committed, with what it removed (for metrics). */
  onRemoved?: (removed: RetentionRemoved) => void;
}

export class TaskRetention {
  private stopping = false;
  private working = false;

  constructor(private readonly deps: TaskRetentionDeps) {}

  /** Registers the schedule and this process's worker; with retention off, removes the schedule. */
  async start(): Promise<void> {
    const { boss, settings, logger } = this.deps;
    if (this.working) return;
    this.stopping = false;
    if (!settings) {
      // A worker started without TASK_RETENTION_DAYS turns it off for the deployment: set it on every worker.
      if ((await boss.getSchedules(retentionQueue)).length === 0) return;
      await boss.unschedule(retentionQueue);
      logger.warn('retention off: TASK_RETENTION_DAYS is not set in this worker, so the deployment\'s retention schedule was removed (set it on every worker to keep it)');
      return;
    }
    // One run at a time across the deployment; a run that dies is not retried (the next tick is).
    await boss.createQueue(retentionQueue, { policy: 'singleton', retryLimit: 0, expireInSeconds: 10 * 60 });
    await boss.schedule(retentionQueue, retentionCron, {});
    await boss.work(retentionQueue, { pollingIntervalSeconds: this.deps.pollIntervalSeconds }, async ([job]) => {
      try {
        return await this.run(job.signal);
      } catch (error) {
        logger.warn({ err: error }, 'retention run failed (the batches before it stay done); the next tick tries again');
        throw error;
      }
    });
    this.working = true;
    logger.info({ days: settings.ageSeconds / 86_400, batch: settings.batchSize, cron: retentionCron }, 'retention on: finished tasks older than this are deleted');
  }

  /** Lets a run in progress end its batch and waits for it. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.working) await this.deps.boss.offWork(retentionQueue, { wait: true });
    this.working = false;
  }

  /**
   * One run: batches until none is full, the budget is spent or the process stops. Returns what
   * it removed (pg-boss keeps it as the job's output).
   */
  async run(signal?: AbortSignal): Promise<RetentionRemoved & { batches: number; ms: number }> {
    const { settings, logger } = this.deps;
    if (!settings) throw new Error('retention is off');
    const startedAt = Date.now();
    const total: RetentionRemoved = { tasks: 0, events: 0, deliveries: 0, outputs: 0, folders: 0 };
    let batches = 0;
    let roots: number;
    do {
      if (this.stopping || signal?.aborted) break;
      const batch = await this.removeBatch(settings);
      batches++;
      roots = batch.roots;
      for (const key of Object.keys(total) as (keyof RetentionRemoved)[]) total[key] += batch.removed[key];
      if (batch.removed.tasks > 0) this.deps.onRemoved?.(batch.removed);
    } while (roots === settings.batchSize && Date.now() - startedAt < runBudgetMs);
    const ms = Date.now() - startedAt;
    logger.info({ ...total, batches, ms }, 'retention run: removed the tasks that ended before the retention period');
    return { ...total, batches, ms };
  }

  /**
   * Deletes one batch of rows and their folders in one transaction: the rows go only once their
   * files are gone, so a crash or a storage error leaves the rows for the next run, never files
   * without a task to find them by.
   */
  private async removeBatch(settings: NonNullable<Config['retention']>): Promise<{ roots: number; removed: RetentionRemoved }> {
    const client = await this.deps.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<ExpiredTaskRow>(deleteExpiredTasks(settings.ageSeconds, settings.batchSize));
      const folders = rows.flatMap(taskFolders);
      await this.deleteFolders(folders);
      await client.query('COMMIT');
      return {
        roots: rows.filter((row) => row.parentId === null).length,
        removed: {
          tasks: rows.length,
          events: sum(rows, 'events'),
          deliveries: sum(rows, 'deliveries'),
          outputs: sum(rows, 'outputs'),
          folders: folders.length,
        },
      };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  private async deleteFolders(folders: string[]): Promise<void> {
    for (let start = 0; start < folders.length; start += folderConcurrency) {
      await Promise.all(folders.slice(start, start + folderConcurrency).map((folder) => this.deps.storage.deletePrefix(folder)));
    }
  }
}

function sum(rows: ExpiredTaskRow[], key: 'events' | 'deliveries' | 'outputs'): number {
  return rows.reduce((total, row) => total + row[key], 0);
}
