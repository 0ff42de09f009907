// Receives every task change over Postgres LISTEN (whichever process made it) and republishes it
// in-process. Even in a single process the path is the same: NOTIFY → LISTEN → local pub/sub.
import { setMaxListeners } from 'node:events';
import { createPubSub } from 'graphql-yoga';
import pg from 'pg';
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
  private client: pg.Client | null = null;
  private stopped = false;
  private reconnectTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly databaseUrl: string,
    readonly pubsub: TaskPubSub,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    client.on('notification', (message) => this.deliver(message.payload));
    client.on('error', (error) => this.handleLoss(client, error));
    client.on('end', () => this.handleLoss(client, new Error('connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${taskChangeChannel}`);
    } catch (error) {
      client.removeAllListeners();
      client.on('error', () => {});
      client.end().catch(() => {});
      throw error;
    }
    this.client = client;
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
    this.pubsub.publish('tasks:changed', change);
  }

  private handleLoss(client: pg.Client, error: Error): void {
    // Only the live connection counts (an 'error' is often followed by 'end').
    if (this.stopped || this.client !== client) return;
    this.client = null;
    client.removeAllListeners();
    client.on('error', () => {});
    client.end().catch(() => {});
    this.scheduleReconnect(1, error);
  }

  private scheduleReconnect(attempt: number, error: Error): void {
    const delay = Math.min(5000, 100 * 2 ** attempt);
    this.logger.warn({ err: error, delay }, 'task change listener disconnected; reconnecting');
    this.reconnectTimer = setTimeout(() => {
      if (this.stopped) return;
      this.connect().then(
        () => this.pubsub.publish('tasks:resync'),
        (connectError: Error) => this.scheduleReconnect(attempt + 1, connectError),
      );
    }, delay);
  }
}
