import type { TaskStatus } from './generated/graphql.js';

export const terminalStatuses: readonly TaskStatus[] = ['SUCCEEDED', 'FAILED', 'CANCELLED'];

export const isTerminal = (status: TaskStatus): boolean => terminalStatuses.includes(status);
