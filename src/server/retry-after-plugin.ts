// Tells HTTP clients when to come back: a response whose errors say SERVICE_UNAVAILABLE or
// RATE_LIMITED carries a Retry-After header, the same seconds as the errors' extensions.retryAfter.
import type { Plugin } from 'graphql-yoga';

/** The retryAfter (seconds) of a result's retryable errors, the longest one. */
function retryAfterOf(result: unknown): number | null {
  const results = Array.isArray(result) ? result : [result];
  let seconds: number | null = null;
  for (const single of results) {
    for (const error of (single as { errors?: Array<{ extensions?: Record<string, unknown> }> } | null)?.errors ?? []) {
      const value = error.extensions?.retryAfter;
      if (typeof value === 'number' && error.extensions?.retryable === true) seconds = Math.max(seconds ?? 0, value);
    }
  }
  return seconds;
}

export function useRetryAfter(): Plugin {
  const retryAfterByRequest = new WeakMap<Request, number>();
  return {
    onResultProcess: ({ request, result }) => {
      const seconds = retryAfterOf(result);
      if (seconds !== null) retryAfterByRequest.set(request, seconds);
    },
    onResponse: ({ request, response }) => {
      const seconds = retryAfterByRequest.get(request);
      if (seconds !== undefined) response.headers.set('retry-after', String(Math.ceil(seconds)));
    },
  };
}
