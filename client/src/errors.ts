// Every failure the client reports: a GraphQL error of the server (its extensions.code, field and
// retryAfter), an HTTP refusal before GraphQL (403 CSRF, 401, 413), or the network itself.

/** Codes besides the server's own: the request never got an answer, or not one we could read. */
/** CLIENT_CLOSED: close() was called while the operation (a watch) was in progress, or before it began. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'BAD_RESPONSE' | 'ABORTED' | 'CLIENT_CLOSED';

export class MediaTasksError extends Error {
  override readonly name = 'MediaTasksError';
  /** The server's extensions.code (BAD_USER_INPUT, NOT_FOUND, SERVICE_UNAVAILABLE, …) or a ClientErrorCode. */
  readonly code: string;
  /** The offending input field as a dotted path, e.g. `options.image.width`. */
  readonly field: string | undefined;
  /** Seconds after which the same request may succeed (extensions.retryAfter or Retry-After). */
  readonly retryAfter: number | undefined;
  /** The HTTP status of the response, when there was one. */
  readonly status: number | undefined;

  constructor(code: string, message: string, details: { field?: string; retryAfter?: number; status?: number; cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.field = details.field;
    this.retryAfter = details.retryAfter;
    this.status = details.status;
  }
}

export interface GraphQLErrorShape {
  message: string;
  extensions?: { code?: unknown; field?: unknown; retryAfter?: unknown };
}

export function errorFromGraphQL(error: GraphQLErrorShape, status?: number, retryAfterHeader?: number): MediaTasksError {
  const { code, field, retryAfter } = error.extensions ?? {};
  return new MediaTasksError(typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR', error.message, {
    field: typeof field === 'string' ? field : undefined,
    retryAfter: typeof retryAfter === 'number' ? retryAfter : retryAfterHeader,
    status,
  });
}

/** Worth sending again as it was: the server said so, or it never answered. */
export function isTransient(error: unknown): error is MediaTasksError {
  return error instanceof MediaTasksError && (error.code === 'NETWORK_ERROR' || error.code === 'SERVICE_UNAVAILABLE');
}

/** Why a signal fired: the MediaTasksError it was aborted with (client.close(): CLIENT_CLOSED), else ABORTED. */
export function abortError(signal: AbortSignal | undefined, message = 'Aborted.'): MediaTasksError {
  return signal?.reason instanceof MediaTasksError ? signal.reason : new MediaTasksError('ABORTED', message);
}

/**
 * A signal that fires when any of these does (AbortSignal.any is missing from older browsers);
 * release() drops its listeners on the others, so a long-lived client's signal keeps none per watch.
 */
export function eitherSignal(...signals: Array<AbortSignal | undefined>): { signal: AbortSignal; release(): void } {
  const controller = new AbortController();
  const release = new AbortController();
  for (const signal of signals) {
    if (!signal) continue;
    if (signal.aborted) {
      controller.abort(signal.reason);
      break;
    }
    signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true, signal: release.signal });
  }
  return { signal: controller.signal, release: () => release.abort() };
}
