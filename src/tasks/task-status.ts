// The task lifecycle as data: which status may follow which (SPEC §2).
import type { TaskStatus } from '../generated/prisma/enums.js';

export type { TaskStatus };

export const terminalStatuses = ['SUCCEEDED', 'FAILED', 'CANCELLED'] as const satisfies readonly TaskStatus[];
export const activeStatuses = ['WAITING', 'VALIDATING', 'QUEUED', 'PROCESSING', 'FINISHING'] as const satisfies readonly TaskStatus[];

export function isTerminal(status: TaskStatus): boolean {
  return (terminalStatuses as readonly TaskStatus[]).includes(status);
}

/**
 * The statuses a task may be in for a move to the key status. A status that may follow itself
 * (VALIDATING, PROCESSING) is a new attempt after a worker was lost and its job retried; WAITING
 * after FAILED or CANCELLED is a retry requested by the caller.
 */
export const allowedPredecessors: Record<TaskStatus, readonly TaskStatus[]> = {
  // Only a retry moves a finished task back: a new attempt, recorded in the history.
  WAITING: ['FAILED', 'CANCELLED'],
  VALIDATING: ['WAITING', 'VALIDATING'],
  QUEUED: ['VALIDATING'],
  PROCESSING: ['QUEUED', 'PROCESSING', 'FINISHING'],
  FINISHING: ['PROCESSING'],
  SUCCEEDED: ['FINISHING'],
  FAILED: activeStatuses,
  CANCELLED: activeStatuses,
};
