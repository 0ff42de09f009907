// The only code that changes a task's status. Each change is written to Postgres (row + history
// event) and NOTIFYed in the same statement; handlers never touch statuses.
import type pg from 'pg';
import type { TaskChange } from './task-change.js';
import { roundProgress } from './progress.js';
import { insertTask, transitionTask, updateProgress, type NewTaskRow, type OutputRow, type Statement, type TaskPatch, type TaskWorkRow } from './task-sql.js';
import { allowedPredecessors, type TaskStatus } from './task-status.js';

export type Queryable = pg.Pool | pg.PoolClient;

export interface TransitionOptions {
  patch?: TaskPatch;
  message?: string;
  client?: Queryable;
  attempts?: number;
}

/** Told of every change this process makes (logs, metrics); a change inside a transaction once it commits. */
export type TaskChangeObserver = (change: TaskChange) => void;

export class TaskLifecycle {
  private readonly observers: TaskChangeObserver[] = [];
  /** Changes made inside an open transaction, told to observers at its COMMIT (or never). */
  private readonly uncommitted = new WeakMap<pg.PoolClient, TaskChange[]>();

  constructor(private readonly pool: pg.Pool) {}

  observe(observer: TaskChangeObserver): void {
    this.observers.push(observer);
  }

  /** Stores a new WAITING task; null when its idempotency key already names another task. */
  async create(task: NewTaskRow, client: Queryable = this.pool): Promise<TaskChange | null> {
    return (await this.run(insertTask(task), client))?.change ?? null;
  }

  /**
   * Moves a task to `to` if its current status allows it (see allowedPredecessors); returns the
   * change, or null when the task had already moved on (cancelled meanwhile, finished elsewhere,
   * or, with `attempts`, handed to another attempt: a worker's writes are fenced by its attempt).
   * `outputs` are recorded by the same statement, only if the move happens.
   */
  async transition(taskId: string, to: TaskStatus, options: TransitionOptions & { outputs?: OutputRow[] } = {}): Promise<TaskChange | null> {
    const statement = transitionTask(taskId, to, allowedPredecessors[to], options.patch ?? {}, options.message ?? null, options.attempts ?? null, { outputs: options.outputs });
    return (await this.run(statement, options.client ?? this.pool))?.change ?? null;
  }

  /** A transition that also returns what a worker needs of the task, as the move left it (no second read). */
  async transitionForWork(taskId: string, to: TaskStatus, options: TransitionOptions = {}): Promise<TaskWorkRow | null> {
    const statement = transitionTask(taskId, to, allowedPredecessors[to], options.patch ?? {}, options.message ?? null, options.attempts ?? null, { returnWork: true });
    const row = await this.run<TaskWorkRow>(statement, options.client ?? this.pool);
    if (!row) return null;
    const { change: _change, pg_notify: _notified, ...work } = row as TaskWorkRow & { change: unknown; pg_notify: unknown };
    return work;
  }

  /**
   * Progress of a PROCESSING task, rounded to 0.1; with `attempts`, only while the task is on that
   * attempt. Null too when nothing a subscriber sees would change: then nothing is published.
   */
  async reportProgress(taskId: string, progress: number, estimatedTime: Date | null, options: { attempts?: number; client?: Queryable } = {}): Promise<TaskChange | null> {
    return (await this.run(updateProgress(taskId, roundProgress(progress), estimatedTime, options.attempts ?? null), options.client ?? this.pool))?.change ?? null;
  }

  /** Runs `work` in one transaction, so a transition and a job send commit together or not at all. */
  async inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const changes: TaskChange[] = [];
    this.uncommitted.set(client, changes);
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      this.uncommitted.delete(client);
      for (const change of changes) this.tell(change);
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      this.uncommitted.delete(client);
      client.release();
    }
  }

  /** Runs a change statement; its row (the change, and what else it returns), or null when nothing changed. */
  private async run<Extra extends object = object>(statement: Statement, client: Queryable): Promise<(Extra & { change: TaskChange }) | null> {
    const { rows } = await client.query<Extra & { change: TaskChange }>(statement.text, statement.values);
    const row = rows[0] ?? null;
    if (row) {
      const pending = this.uncommitted.get(client as pg.PoolClient);
      if (pending) pending.push(row.change);
      else this.tell(row.change);
    }
    return row;
  }

  /** An observer's failure is its own: the change is made and stays made. */
  private tell(change: TaskChange): void {
    for (const observer of this.observers) {
      try {
        observer(change);
      } catch {
        // Observers log and count; a throw there must not fail the task.
      }
    }
  }
}
