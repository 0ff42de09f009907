// Counters and histograms of the task changes this process makes, fed by TaskLifecycle's
// observers. Every change is made by exactly one process, so each process counts its own and a
// sum over processes is the deployment's. Stage times come from the change itself (its time minus
// that of the task's previous event, read by the same statement), so they are right whichever
// process made the earlier transition: an API creates, one worker validates, another runs.
import { Counter, Histogram, type Registry } from 'prom-client';
import type { TaskChange } from '../tasks/task-change.js';
import type { TaskLifecycle } from '../tasks/task-lifecycle.js';
import { isTerminal } from '../tasks/task-status.js';

// From an image's tenth of a second to a long transcode's hours.
const durationBuckets = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200, 14_400];
// Stages are shorter: a validation or a queue wait of milliseconds to a backlog of an hour.
const stageBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];

export function observeTaskMetrics(registry: Registry, lifecycle: TaskLifecycle, kinds: readonly string[]): void {
  const created = new Counter({
    name: 'mediatasks_tasks_created_total',
    help: 'Tasks created by this process (createTask, workflow steps), by kind.',
    labelNames: ['kind'],
    registers: [registry],
  });
  const finished = new Counter({
    name: 'mediatasks_tasks_finished_total',
    help: 'Tasks this process moved to SUCCEEDED, FAILED or CANCELLED, by kind, status and error code ("" without one). A retried task counts again when it ends again.',
    labelNames: ['kind', 'status', 'error_code'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'mediatasks_task_duration_seconds',
    help: 'Time from a task\'s creation to its end (SUCCEEDED, FAILED, CANCELLED), for the tasks this process ended.',
    labelNames: ['kind', 'status'],
    buckets: durationBuckets,
    registers: [registry],
  });
  const stage = new Histogram({
    name: 'mediatasks_task_stage_seconds',
    help: 'Time a task spent in a status (the stage) before its next transition, observed by the process that made that transition. stage="QUEUED" is the queue wait.',
    labelNames: ['kind', 'stage'],
    buckets: stageBuckets,
    registers: [registry],
  });
  // Zero from the start: a counter's first increase is then visible to rate().
  for (const kind of kinds) created.inc({ kind }, 0);

  lifecycle.observe((change: TaskChange) => {
    if (change.eventId === null) return; // progress, not a transition
    const at = Date.parse(change.updatedAt);
    const labels = { kind: change.kind };
    if (change.previousStatus === null) created.inc(labels);
    if (change.previousStatus && change.previousAt && !isTerminal(change.previousStatus)) {
      stage.observe({ ...labels, stage: change.previousStatus }, seconds(at - Date.parse(change.previousAt)));
    }
    if (isTerminal(change.status)) {
      finished.inc({ ...labels, status: change.status, error_code: change.errorCode ?? '' });
      if (change.createdAt) duration.observe({ ...labels, status: change.status }, seconds(at - Date.parse(change.createdAt)));
    }
  });
}

// One database clock stamps both ends; never below zero all the same.
const seconds = (milliseconds: number) => Math.max(0, milliseconds) / 1000;
