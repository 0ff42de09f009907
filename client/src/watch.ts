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
  /**
   * How long (ms) a watch keeps reconnecting without any contact with the server (no change
   * received, no read answered) before it rejects with the last error. 60 000 by default.
   */
  reconnectTimeout?: number;
}

export interface WatchTransports<Task> {
  /** The subscriber to use now (WebSocket until it proved unusable, then SSE). */
  subscriber(): SubscribeToTask;
  /** Reads the whole task (outputs, result) once the changes say it ended. */
  read(id: string, signal?: AbortSignal): Promise<Task & { status: TaskChange['status'] }>;
}

/** Waits between tries in a row that got nothing new: 200 ms doubling up to 2 s, less a random quarter (clients apart after a restart). */
const backoff = (tries: number) => Math.min(2_000, 200 * 2 ** tries) * (1 - Math.random() / 4);

export async function watchTask<Task>(transports: WatchTransports<Task>, id: string, onChange: ((change: TaskChange) => void) | undefined, options: WatchOptions = {}): Promise<Task> {
  const reconnectTimeout = options.reconnectTimeout ?? 60_000;
  let lastChange: TaskChange | null = null;
  let changesReported = 0;
  // The bound is time without contact, not a count: a restart or a network gap of a minute is
  // outlived, and a long task may lose its connection now and then without it adding up.
  let lastContact = Date.now();
  const outOfTime = () => Date.now() - lastContact >= reconnectTimeout;
  const report = (change: TaskChange) => {
    lastContact = Date.now();
    // A resubscription starts with the state already reported: say each state once.
    if (lastChange && lastChange.status === change.status && lastChange.progress === change.progress && lastChange.updatedAt === change.updatedAt) return;
    lastChange = change;
    changesReported++;
    onChange?.(change);
  };
  for (let tries = 0; ; tries++) {
    const subscriber = transports.subscriber();
    const reportedBefore = changesReported;
    const outcome = await followOnce(subscriber, id, report, options.signal);
    if (changesReported > reportedBefore) tries = 0;
    if (outcome.kind === 'ended-early' && outOfTime()) throw outcome.error;
    let task;
    try {
      task = await transports.read(id, options.signal);
      lastContact = Date.now();
    } catch (error) {
      // The connection dropped because the server is away (a restart): wait for it, within bounds.
      if (!isTransient(error) || outOfTime()) throw error;
      await abortableDelay(backoff(tries), options.signal);
      continue;
    }
    if (isTerminal(task.status)) return task;
    // Straight on when the transport changed (WebSocket refused: SSE now); else back off a little.
    if (outcome.kind === 'ended-early' && transports.subscriber() === subscriber) await abortableDelay(backoff(tries), options.signal);
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
      // A dropped connection or a server briefly unavailable (SERVICE_UNAVAILABLE): subscribe again.
      error: (error) => settle(() => (isTransient(error) ? resolve({ kind: 'ended-early', error }) : reject(error))),
      complete: () => settle(() => resolve({ kind: 'ended-early', error: new MediaTasksError('NETWORK_ERROR', `The subscription to task ${id} completed before the task ended.`) })),
    });
  });
}

