// One taskEvents subscription for the whole console. Screens add listeners; a dropped socket
// is subscribed again with a growing pause, and `onResume` listeners then re-read what they
// show (changes made while the socket was down are not replayed by taskEvents).
import type { MediaTasksClient } from '@mediatasks/client';
import { ConsoleTaskEventsDocument, type ConsoleTaskRowFragment } from '../generated/graphql.js';

export type FeedState = 'connecting' | 'live' | 'reconnecting';

export interface TaskFeed {
  start(): void;
  stop(): void;
  /** Every change of every task of this owner (workflow steps too). Returns the unsubscribe. */
  onChange(listener: (task: ConsoleTaskRowFragment) => void): () => void;
  /** After a reconnect: re-read. Returns the unsubscribe. */
  onResume(listener: () => void): () => void;
  onState(listener: (state: FeedState) => void): () => void;
  readonly state: FeedState;
}

export function createTaskFeed(client: MediaTasksClient<Blob>): TaskFeed {
  const changes = new Set<(task: ConsoleTaskRowFragment) => void>();
  const resumes = new Set<() => void>();
  const states = new Set<(state: FeedState) => void>();
  let state: FeedState = 'connecting';
  let running = false;
  let unsubscribe: (() => void) | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let everLive = false;

  const setState = (next: FeedState) => {
    if (next === state) return;
    state = next;
    for (const listener of states) listener(next);
  };

  const again = (reason: string) => {
    unsubscribe = null;
    if (!running) return;
    // In the browser's console for whoever wonders why the list went quiet.
    console.warn(`taskEvents: ${reason}; subscribing again`);
    setState('reconnecting');
    failures++;
    retryTimer = setTimeout(subscribe, Math.min(10_000, 250 * 2 ** Math.min(failures, 6)));
  };

  const subscribe = () => {
    if (!running) return;
    unsubscribe = client.subscribe(ConsoleTaskEventsDocument, {}, {
      next: ({ taskEvents }) => {
        failures = 0;
        for (const listener of changes) listener(taskEvents);
      },
      error: (error) => again(`${error.code}: ${error.message}`),
      // taskEvents never ends by itself: the server ended it (it is stopping).
      complete: () => again('the server ended it'),
      // Live once the socket is acknowledged; what changed while it was down is re-read then.
      connected: () => {
        const resumed = everLive;
        everLive = true;
        setState('live');
        if (resumed) for (const listener of resumes) listener();
      },
    });
  };

  return {
    start() {
      if (running) return;
      running = true;
      subscribe();
    },
    stop() {
      running = false;
      clearTimeout(retryTimer);
      unsubscribe?.();
      unsubscribe = null;
    },
    onChange(listener) {
      changes.add(listener);
      return () => changes.delete(listener);
    },
    onResume(listener) {
      resumes.add(listener);
      return () => resumes.delete(listener);
    },
    onState(listener) {
      states.add(listener);
      return () => states.delete(listener);
    },
    get state() { return state; },
  };
}
