import type { TaskStatus } from '../generated/graphql.js';

// The client's own definition of an ended task, so the console and its callers never disagree.
export { isTerminal } from '@mediatasks/client';

export const lifecycle: readonly TaskStatus[] = ['WAITING', 'VALIDATING', 'QUEUED', 'PROCESSING', 'FINISHING', 'SUCCEEDED', 'FAILED', 'CANCELLED'];


const label: Record<TaskStatus, string> = {
  WAITING: 'Waiting', VALIDATING: 'Validating', QUEUED: 'Queued', PROCESSING: 'Processing',
  FINISHING: 'Finishing', SUCCEEDED: 'Succeeded', FAILED: 'Failed', CANCELLED: 'Cancelled',
};

/** The status as a word with a colour; data-status carries the raw value (tests, styles). */
export function StatusBadge({ status, testId }: { status: TaskStatus; testId?: string }) {
  return <span className={`status status-${status.toLowerCase()}`} data-status={status} data-testid={testId}>{label[status]}</span>;
}
