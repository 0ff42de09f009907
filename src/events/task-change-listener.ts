// Receives every task change over Postgres LISTEN (whichever process made it) and republishes it
// in-process. Even in a single process the path is the same: NOTIFY → LISTEN → local pub/sub.
import { setMaxListeners } from 'node:events';
import { createPubSub } from 'graphql-yoga';
import { LastingConnection } from '../db/lasting-connection.js';
import type { Logger } from '../logger.js';
import { taskChangeChannel, type TaskChange } from '../tasks/task-change.js';

export type TaskPubSub = ReturnType<typeof createTaskPubSub>;

export function createTaskPubSub() {
  // Every subscriber listens on one of a few event types: thousands of them are expected, not a leak.
  const eventTarget = new EventTarget();
  setMaxListeners(0, eventTarget);
  return createPubSub<{
    'task:changed': [taskId: string, change: TaskChange];
    'tasks:changed': [change: TaskChange];
    /**
     * The changes of one owner's tasks ('' for tasks without one): a subscriber who may see only
     * its owner's tasks is not handed, and made to drop, every other owner's changes.
     */
    'owner:changed': [owner: string, change: TaskChange];
    /** The listener lost its connection and came back: changes may have been missed. */
    'tasks:resync': [];
  }>({ eventTarget });
}

/**
 * Calls `onChange` for every task change and `onResync` whenever the LISTEN connection came back
 * (changes may have been missed: look in the database). Returns the function that stops both.
 */
export function followTaskChanges(pubsub: TaskPubSub, handlers: { onChange(change: TaskChange): void; onResync(): void | Promise<void> }): () => void {
  const changes = pubsub.subscribe('tasks:changed');
  const resyncs = pubsub.subscribe('tasks:resync');
  void (async () => {
    for await (const change of changes) handlers.onChange(change);
  })();
  void (async () => {
    for await (const _ of resyncs) await handlers.onResync();
  })();
  return () => {
    void changes.return?.();
    void resyncs.return?.();
  };
}

export class TaskChangeListener {
  private readonly connection: LastingConnection;

  constructor(databaseUrl: string, readonly pubsub: TaskPubSub, private readonly logger: Logger) {
    this.connection = new LastingConnection({
      databaseUrl, logger, name: 'task change listener',
      setUp: async (client) => void await client.query(`LISTEN ${taskChangeChannel}`),
      onNotification: (payload) => this.deliver(payload),
      // Changes sent while the connection was down are lost: subscribers look in the database.
      onReconnected: () => this.pubsub.publish('tasks:resync'),
    });
  }

  start(): Promise<void> {
    return this.connection.start();
  }

  stop(): Promise<void> {
    return this.connection.stop();
  }

  private deliver(payload: string | undefined): void {
    if (!payload) return;
    let change: TaskChange;
    try {
      change = JSON.parse(payload) as TaskChange;
    } catch {
      this.logger.warn({ payload }, 'ignoring malformed task change notification');
      return;
    }
    this.pubsub.publish('task:changed', change.taskId, change);
    this.pubsub.publish('owner:changed', change.owner ?? '', change);
    this.pubsub.publish('tasks:changed', change);
  }
}
