// A worker process's presence in Postgres: one session of its own holding an advisory lock on
// the process's random key, which the tasks it runs record (task.worker_key). Postgres releases
// the lock the moment that session ends, so when the process dies (SIGKILL, OOM, a crash) its
// tasks are seen to be orphaned within seconds instead of after missed heartbeats. A dead host
// leaves a half-open connection: the TCP keepalives and user timeout set on the session make
// Postgres end it within about ten seconds.
import { randomInt } from 'node:crypto';
import pg from 'pg';
import type { Logger } from '../logger.js';

/** The advisory lock class of worker presence (the first int of pg_advisory_lock(int, int)). */
export const presenceLockClass = 0x6d74; // "mt"

export class WorkerPresence {
  /** This process's key: a positive int4, so pg_locks.objid shows it as it is. */
  readonly key = randomInt(1, 2 ** 31 - 1);
  private client: pg.Client | null = null;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(private readonly databaseUrl: string, private readonly logger: Logger) {}

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl, keepAlive: true, application_name: `mediatasks-worker-${this.key}` });
    client.on('error', (error) => this.handleLoss(client, error));
    client.on('end', () => this.handleLoss(client, new Error('presence connection ended')));
    try {
      await client.connect();
      // Server-side: probe an idle peer after 5 s, every 2 s, give up after 3 misses; unacknowledged
      // data for 10 s also ends the session.
      await client.query(`SET tcp_keepalives_idle = 5; SET tcp_keepalives_interval = 2; SET tcp_keepalives_count = 3; SET tcp_user_timeout = 10000`);
      await client.query('SELECT pg_advisory_lock($1, $2)', [presenceLockClass, this.key]);
    } catch (error) {
      client.removeAllListeners();
      client.on('error', () => {});
      client.end().catch(() => {});
      throw error;
    }
    this.client = client;
  }

  private handleLoss(client: pg.Client, error: Error): void {
    if (this.stopped || this.client !== client) return;
    this.client = null;
    client.removeAllListeners();
    client.on('error', () => {});
    client.end().catch(() => {});
    this.logger.warn({ reason: error.message }, 'worker presence lost; taking it again');
    this.retry(1);
  }

  private retry(attempt: number): void {
    this.retryTimer = setTimeout(() => {
      if (this.stopped) return;
      this.connect().catch(() => this.retry(attempt + 1));
    }, Math.min(2000, 100 * 2 ** attempt));
  }
}
