// A store that cannot be reached (S3 down, a network fault) is the server's trouble, not the
// client's: SERVICE_UNAVAILABLE, retryable, naming the store rather than the database.
import { RequestError } from '../tasks/request-error.js';

const networkErrnos = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);
const retrySeconds = 2;

/** Runs a storage call; a network failure or a 5xx answer becomes a retryable SERVICE_UNAVAILABLE. */
export async function reachingStorage<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const reason = unavailableReason(error);
    if (reason) throw new RequestError('SERVICE_UNAVAILABLE', `The file storage cannot be reached (${reason}); retry in a few seconds.`, undefined, retrySeconds);
    throw error;
  }
}

/** Why the store is out of reach (an errno, an HTTP status), or null when the error is another. */
export function unavailableReason(error: unknown): string | null {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const { code, $metadata, name } = current as { code?: unknown; $metadata?: { httpStatusCode?: number }; name?: unknown };
    if (typeof code === 'string' && networkErrnos.has(code)) return code;
    if (($metadata?.httpStatusCode ?? 0) >= 500) return `HTTP ${$metadata!.httpStatusCode}`;
    if (name === 'TimeoutError') return 'timeout';
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}
