// What `mediatasks` exits with; scripts branch on these (README: Client and CLI).
import { MediaTasksError } from '../errors.js';
import { UsageError } from './usage-error.js';

export const exitCodes = {
  /** The command did what it was asked; a watched task SUCCEEDED. */
  success: 0,
  /** A watched (or downloaded) task ended FAILED or CANCELLED. */
  taskFailed: 1,
  /** The command line is wrong, or the server refused the input (BAD_USER_INPUT). */
  usage: 2,
  /** The server could not be reached or refused the request (unauthenticated, conflict, unavailable, …). */
  server: 3,
  /** No such task. */
  notFound: 4,
  /** The task has not ended yet (download of a task still running): try again later. */
  notFinished: 5,
} as const;

export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError) return exitCodes.usage;
  if (error instanceof MediaTasksError) {
    if (error.code === 'NOT_FOUND') return exitCodes.notFound;
    if (error.code === 'BAD_USER_INPUT') return exitCodes.usage;
  }
  return exitCodes.server;
}
