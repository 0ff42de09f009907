// Errors of a request (not of a task): the API reports them with extensions.code (SPEC §5).
export type RequestErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'RATE_LIMITED' | 'INPUT_TOO_LARGE' | 'SERVICE_UNAVAILABLE';

export class RequestError extends Error {
  constructor(
    readonly code: RequestErrorCode,
    message: string,
    /** The offending input field, as a dotted path (e.g. `options.image.width`). */
    readonly field?: string,
    /** Seconds after which the same request may succeed: makes the error retryable. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}
