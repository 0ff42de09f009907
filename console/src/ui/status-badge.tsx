import type { TaskStatus } from '../generated/graphql.js';

export const terminal: readonly TaskStatus[] = ['SUCCEEDED', 'FAILED', 'CANCELLED'];
export const lifecycle: readonly TaskStatus[] = ['WAITING', 'VALIDATING', 'QUEUED', 'PROCESSING', 'FINISHING', 'SUCCEEDED', 'FAILED', 'CANCELLED'];

export function isTerminal(status: TaskStatus): boolean {
  return terminal.includes(status);
}

const label: Record<TaskStatus, string> = {
  WAITING: 'Waiting', VALIDATING: 'Validating', QUEUED: 'Queued', PROCESSING: 'Processing',
  FINISHING: 'Finishing', SUCCEEDED: 'Succeeded', FAILED: 'Failed', CANCELLED: 'Cancelled',
};

/** The status as a word with a colour; data-status carries the raw value (tests, styles). */
export function StatusBadge({ status, testId }: { status: TaskStatus; testId?: string }) {
  return <span className={`status status-${status.toLowerCase()}`} data-status={status} data-testid={testId}>{label[status]}</span>;
}
