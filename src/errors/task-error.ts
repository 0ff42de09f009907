// Task failure codes and the error that carries one: the lowest floor, shared by the media and
// input tools (which raise them) and the lifecycle (which records them).
/** Error codes a task can end with (SPEC §6). */
export const taskErrorCodes = [
  'INPUT_UNREACHABLE',
  'INPUT_FORBIDDEN',
  'INPUT_TOO_LARGE',
  'INPUT_UNSUPPORTED',
  'INPUT_INVALID',
  'OUTPUT_TOO_LARGE',
  'TIMEOUT',
  'PROCESSING_FAILED',
  'INTERNAL',
] as const;

export type TaskErrorCode = (typeof taskErrorCodes)[number];

/**
 * An expected failure of a task: its code and message end up on the task as `error`.
 * Anything else thrown by a handler is reported as PROCESSING_FAILED or INTERNAL.
 */
export class TaskError extends Error {
  constructor(
    readonly code: TaskErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TaskError';
  }
}
