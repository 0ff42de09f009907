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

/** What each code means and what to do about it: shown in the API's TaskErrorCode enum. */
export const taskErrorMeanings: Record<TaskErrorCode, string> = {
  INPUT_UNREACHABLE: 'The input URL could not be fetched (DNS, connection, HTTP error or a stalled download). Check the URL from the server\'s network and retry.',
  INPUT_FORBIDDEN: 'The input address is not allowed (a private or loopback address, or a host outside FETCH_ALLOW_HOSTS).',
  INPUT_TOO_LARGE: 'The input is over MAX_INPUT_BYTES, or its picture over the pixel limit.',
  INPUT_UNSUPPORTED: 'Not media, or no stream the kind can use (e.g. speech on a silent video): pick another kind or input.',
  INPUT_INVALID: 'The input is corrupt or truncated.',
  OUTPUT_TOO_LARGE: 'The options would make an output over MAX_OUTPUT_PIXELS: ask for a smaller size.',
  TIMEOUT: 'The work ran past the kind\'s time limit, or its worker stopped responding, on every attempt.',
  PROCESSING_FAILED: 'The media tool or model failed on this input; the message says how. Retrying rarely helps.',
  INTERNAL: 'A bug or a misconfiguration on the server; its log has the details.',
};

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
