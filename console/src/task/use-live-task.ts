// One task, live: read with ConsoleTask, then followed with taskUpdated until it ends (no polling).
// A workflow's own taskUpdated does not fire when a step changes, so the console's taskEvents feed
// tells about steps: their rows are merged at once, and when a step's status moves the task is
// re-read (debounced) for its outputs and results. A dropped subscription re-reads and subscribes again while the task runs.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useConnection } from '../api/connection.js';
import { ConsoleTaskDocument, ConsoleTaskUpdatedDocument } from '../generated/graphql.js';
import { isTerminal } from '../ui/status-badge.js';
import { describeError } from '../ui/format.js';
import { mergeStepChange, mergeTask } from './live-merge.js';
import type { TaskDetail } from './task-types.js';

const stepRereadDelay = 200;

export interface LiveTask {
  /** undefined while the first read runs; null when there is no such task. */
  task: TaskDetail | null | undefined;
  /** The last read's failure, for people. */
  error: string | null;
  /** Read again and follow again (after a retry, the task runs anew). */
  refollow(): void;
}

export function useLiveTask(id: string): LiveTask {
  const { client, feed } = useConnection();
  const [task, setTask] = useState<TaskDetail | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const latest = useRef<TaskDetail | null | undefined>(undefined);
  latest.current = task;

  useEffect(() => {
    let closed = false;
    let unsubscribe: (() => void) | null = null;
    let reading: AbortController | null = null;
    let stepTimer: ReturnType<typeof setTimeout> | undefined;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;

    const accept = (incoming: TaskDetail | null) => {
      if (closed) return;
      setError(null);
      setTask((current) => (incoming ? mergeTask(current, incoming) : null));
    };

    const read = async (): Promise<TaskDetail | null> => {
      reading?.abort();
      const controller = new AbortController();
      reading = controller;
      try {
        const { task: found } = await client.request(ConsoleTaskDocument, { id }, controller.signal);
        if (!controller.signal.aborted) {
          accept(found);
          // Whichever read lands decides whether to follow (an earlier one it aborted cannot).
          if (found && !isTerminal(found.status)) follow();
        }
        return found;
      } catch (failure) {
        if (!controller.signal.aborted && !closed) setError(describeError(failure));
        throw failure;
      }
    };

    const follow = () => {
      if (closed || unsubscribe) return;
      unsubscribe = client.subscribe(ConsoleTaskUpdatedDocument, { id }, {
        next: ({ taskUpdated }) => {
          failures = 0;
          accept(taskUpdated);
        },
        error: () => {
          unsubscribe = null;
          if (closed) return;
          // The socket dropped (or the server ended it): see what changed, then follow again.
          failures++;
          retryTimer = setTimeout(() => {
            read().catch(() => {});
          }, Math.min(10_000, 250 * 2 ** Math.min(failures, 6)));
        },
        complete: () => {
          unsubscribe = null;
          // taskUpdated completes when the task ends; its steps may still be settling: read once more.
          if (!closed && latest.current?.children.length) scheduleStepReread();
        },
      });
    };

    const scheduleStepReread = () => {
      clearTimeout(stepTimer);
      stepTimer = setTimeout(() => { read().catch(() => {}); }, stepRereadDelay);
    };

    read().catch(() => {});

    const stopChanges = feed.onChange((change) => {
      const current = latest.current;
      if (!current) return;
      if (change.parent?.id === current.id) {
        setTask((now) => (now ? mergeStepChange(now, change) : now));
        // Progress is all in the row; outputs and results come with a new status (or a new step).
        const known = current.children.find((child) => child.id === change.id);
        if (!known || known.status !== change.status) scheduleStepReread();
      } else if (change.id === current.id && !unsubscribe) {
        // Not followed (it had ended, or a reconnect is pending): retried elsewhere, or its end; read it.
        read().catch(() => {});
      }
    });
    const stopResume = feed.onResume(() => {
      read().catch(() => {});
    });

    return () => {
      closed = true;
      reading?.abort();
      clearTimeout(stepTimer);
      clearTimeout(retryTimer);
      unsubscribe?.();
      stopChanges();
      stopResume();
    };
  }, [client, feed, id, generation]);

  const refollow = useCallback(() => setGeneration((n) => n + 1), []);
  return { task, error, refollow };
}
