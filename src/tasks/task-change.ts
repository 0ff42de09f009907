// What crosses processes on every task change: small enough for a NOTIFY payload (< 8000 bytes);
// receivers load the rest of the row.
import type { TaskStatus } from './task-status.js';

export const taskChangeChannel = 'task_changes';

export interface TaskChange {
  taskId: string;
  kind: string;
  parentId: string | null;
  status: TaskStatus;
  progress: number;
  estimatedTime: string | null;
  updatedAt: string;
  /** The task_event row of a status transition; null for a progress update. */
  eventId: number | null;
  /** The transition put a webhook delivery in the outbox. */
  webhook?: boolean;
  /** The API key owner of the task (null without API keys): subscriptions filter on it. */
  owner?: string | null;
  /** When the task was created (metrics: the time to its end). */
  createdAt?: string;
  /** The error code the row holds: set by a FAILED transition, cleared by a retry. */
  errorCode?: string | null;
  /**
   * Transitions only: the status the task left (null for a new task) and when it entered that
   * status (its event's time), so a stage's length is updatedAt - previousAt.
   */
  previousStatus?: TaskStatus | null;
  previousAt?: string | null;
}
