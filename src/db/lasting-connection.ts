// A Postgres session of its own that a part keeps for as long as it runs (a LISTEN, a session
// advisory lock): when the connection is lost it is opened again, with backoff, and set up again.
import pg from 'pg';
import type { Logger } from '../logger.js';

export interface LastingConnectionOptions {
  databaseUrl: string;
  logger: Logger;
  /** For the log line when the connection is lost: "task change listener", "worker presence". */
  name: string;
  /** Run on every new connection before it counts as up (LISTEN, take a lock, set timeouts). */
  setUp(client: pg.Client): Promise<void>;
  onNotification?(payload: string | undefined): void;
  /** After a lost connection came back (not after the first one): something may have been missed. */
  onReconnected?(): void;
  clientConfig?: pg.ClientConfig;
}

export class LastingConnection {
  private client: pg.Client | null = null;
  private stopped = false;
  private reconnectTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: LastingConnectionOptions) {}

  /** Opens the first connection; rejects if it cannot (start-up should fail loudly). */
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
    const client = new pg.Client({ connectionString: this.options.databaseUrl, ...this.options.clientConfig });
    if (this.options.onNotification) client.on('notification', (message) => this.options.onNotification!(message.payload));
    client.on('error', (error) => this.handleLoss(client, error));
    client.on('end', () => this.handleLoss(client, new Error('connection ended')));
    try {
      await client.connect();
      await this.options.setUp(client);
    } catch (error) {
      client.removeAllListeners();
      client.on('error', () => {});
      client.end().catch(() => {});
      throw error;
    }
    this.client = client;
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
    if (attempt === 1) this.options.logger.warn({ reason: error.message, delay }, `${this.options.name} disconnected; reconnecting`);
    this.reconnectTimer = setTimeout(() => {
      if (this.stopped) return;
      this.connect().then(
        () => this.options.onReconnected?.(),
        (connectError: Error) => this.scheduleReconnect(attempt + 1, connectError),
      );
    }, delay);
  }
}
