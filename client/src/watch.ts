// Follows one task to a terminal status. The server's taskUpdated sends the task as it is first,
// then every change, and completes after the terminal one, so a task that ended before the
// subscription started is seen at once. The subscription is never ended from inside its own
// next(), and nothing is thrown from it (an onChange that throws rejects its own watch): with
// graphql-ws either can close the socket every other watch of the client shares.
import { abortableDelay } from './abortable-delay.js';
import { abortError, isTransient, MediaTasksError } from './errors.js';
import type { SubscribeToTask, TaskChange } from './subscriptions.js';
import { isTerminal } from './task-status.js';

export interface WatchOptions {
  signal?: AbortSignal;
}

export interface WatchTransports<Task> {
  /** The subscriber to use now (WebSocket until it proved unusable, then SSE). */
  subscriber(): SubscribeToTask;
  /** Reads the whole task (outputs, result) once the changes say it ended. */
  read(id: string, signal?: AbortSignal): Promise<Task & { status: TaskChange['status'] }>;
}

/** Subscriptions that may end early (a dropped connection) before watching gives up. */
const maxResubscriptions = 5;

export async function watchTask<Task>(transports: WatchTransports<Task>, id: string, onChange: ((change: TaskChange) => void) | undefined, options: WatchOptions = {}): Promise<Task> {
  let lastChange: TaskChange | null = null;
  let changesReported = 0;
  const report = (change: TaskChange) => {
    // A resubscription starts with the state already reported: say each state once.
    if (lastChange && lastChange.status === change.status && lastChange.progress === change.progress && lastChange.updatedAt === change.updatedAt) return;
    lastChange = change;
    changesReported++;
    onChange?.(change);
  };
  for (let attempt = 1; ; attempt++) {
    const subscriber = transports.subscriber();
    const reportedBefore = changesReported;
    const outcome = await followOnce(subscriber, id, report, options.signal);
    // The bound is on drops in a row: a long task may lose its connection now and then.
    if (changesReported > reportedBefore) attempt = 1;
    if (outcome.kind === 'ended-early' && attempt >= maxResubscriptions) throw outcome.error;
    let task;
    try {
      task = await transports.read(id, options.signal);
    } catch (error) {
      // The connection dropped because the server is away (a restart): wait for it, within bounds.
      if (!isTransient(error) || attempt >= maxResubscriptions) throw error;
      await abortableDelay(Math.min(5_000, 200 * 2 ** (attempt - 1)), options.signal);
      continue;
    }
    if (isTerminal(task.status)) return task;
    // Straight on when the transport changed (WebSocket refused: SSE now); else back off a little.
    if (outcome.kind === 'ended-early' && transports.subscriber() === subscriber) await abortableDelay(Math.min(5_000, 200 * 2 ** (attempt - 1)), options.signal);
  }
}

type Outcome = { kind: 'terminal' } | { kind: 'ended-early'; error: MediaTasksError };

function followOnce(subscribe: SubscribeToTask, id: string, report: (change: TaskChange) => void, signal: AbortSignal | undefined): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal, 'Watching was aborted.'));
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      finish();
    };
    // After the current handler has returned, never inside it (see the top of this file).
    const endLater = () => setTimeout(unsubscribe, 0);
    const onAbort = () => settle(() => { endLater(); reject(abortError(signal, 'Watching was aborted.')); });
    signal?.addEventListener('abort', onAbort, { once: true });
    const unsubscribe = subscribe(id, {
      next: (change) => {
        if (settled) return;
        try {
          report(change);
        } catch (error) {
          // The caller's onChange threw: that watch rejects with its error. Nothing is thrown back
          // into the transport: graphql-ws would close the socket every other watch shares (4004).
          settle(() => { endLater(); reject(error); });
          return;
        }
        // The server completes the subscription itself after a terminal change; ending it here
        // as well is only for a server that would not.
        if (isTerminal(change.status)) settle(() => { endLater(); resolve({ kind: 'terminal' }); });
      },
      error: (error) => settle(() => (error.code === 'NETWORK_ERROR' ? resolve({ kind: 'ended-early', error }) : reject(error))),
      complete: () => settle(() => resolve({ kind: 'ended-early', error: new MediaTasksError('NETWORK_ERROR', `The subscription to task ${id} completed before the task ended.`) })),
    });
  });
}

