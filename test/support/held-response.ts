import type http from 'node:http';

/**
 * A media server route answered only once released: a task fetching it waits in VALIDATING until
 * then, so a test can have a subscription live before the rest of the task happens.
 */
export function holdResponse(answer: (response: http.ServerResponse) => void | Promise<void>) {
  const waiting: http.ServerResponse[] = [];
  let released = false;
  let requested!: () => void;
  return {
    /** Resolves once the route was asked for. */
    requested: new Promise<void>((resolve) => { requested = resolve; }),
    release() {
      released = true;
      for (const response of waiting.splice(0)) void answer(response);
    },
    handle(response: http.ServerResponse) {
      if (released) return void answer(response);
      waiting.push(response);
      requested();
    },
  };
}
