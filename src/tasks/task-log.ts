// The task log: one line per status change (debug) and one when a task ends (info), with the time
// it spent in each stage. It follows the changes this process makes (TaskLifecycle.observe): every
// change is made by one process, so every line is written once, by the process that made it.
import type pg from 'pg';
import type { Logger } from '../logger.js';
import type { TaskChange } from './task-change.js';
import type { TaskLifecycle } from './task-lifecycle.js';
import { selectTaskRun, type TaskRunRow } from './task-sql.js';
import { activeStatuses, isTerminal, type TaskStatus } from './task-status.js';

type Stage = (typeof activeStatuses)[number];

export function logTaskChanges(lifecycle: TaskLifecycle, pool: pg.Pool, logger: Logger, options: { workerKey: number | null }): void {
  lifecycle.observe((change) => {
    if (change.eventId === null) return; // progress, not a status change
    logger.debug({ taskId: change.taskId, kind: change.kind, owner: change.owner ?? null, ...(change.parentId && { parentId: change.parentId }), status: change.status }, 'task status');
    if (!isTerminal(change.status) || !logger.isLevelEnabled('info')) return;
    // The stage times come from the task's history, which another process may have written.
    pool.query<TaskRunRow>(selectTaskRun(change.taskId, change.eventId)).then(({ rows }) => {
      const run = rows[0];
      if (!run) return; // deleted meanwhile
      logger.info({
        taskId: change.taskId, kind: change.kind, owner: change.owner ?? null, ...(change.parentId && { parentId: change.parentId }),
        status: change.status, errorCode: change.status === 'FAILED' ? run.errorCode : null,
        attempt: run.events.at(-1)?.attempt ?? 0,
        // A worker clears its key as it ends the task: then it is this process's.
        workerKey: run.workerKey ?? options.workerKey,
        ...timesOf(run.events),
      }, 'task ended');
    }, (error: unknown) => logger.debug({ err: error, taskId: change.taskId }, 'task end not logged: its history could not be read'));
  });
}

/**
 * Milliseconds from the run's start (WAITING) to its end, and in each stage: the time from
 * entering a status to the next transition, summed when a stage came twice (a worker lost and
 * its job retried: PROCESSING → PROCESSING).
 */
export function timesOf(events: TaskRunRow['events']): { ms: number; stageMs: Partial<Record<Stage, number>> } {
  const stageMs: Partial<Record<Stage, number>> = {};
  for (let index = 0; index + 1 < events.length; index++) {
    const status = events[index].status as TaskStatus;
    if (isTerminal(status)) continue;
    const spent = Date.parse(events[index + 1].at) - Date.parse(events[index].at);
    stageMs[status as Stage] = (stageMs[status as Stage] ?? 0) + spent;
  }
  const ms = events.length > 1 ? Date.parse(events.at(-1)!.at) - Date.parse(events[0].at) : 0;
  return { ms, stageMs };
}
