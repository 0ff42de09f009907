// A worker process's presence in Postgres: one session of its own holding an advisory lock on
// the process's random key, which the tasks it runs record (task.worker_key). Postgres releases
// the lock the moment that session ends, so when the process dies (SIGKILL, OOM, a crash) its
// tasks are seen to be orphaned within seconds instead of after missed heartbeats. A dead host
// leaves a half-open connection: the TCP keepalives and user timeout set on the session make
// Postgres end it within about ten seconds.
import { randomInt } from 'node:crypto';
import { LastingConnection } from '../db/lasting-connection.js';
import type { Logger } from '../logger.js';

/** The advisory lock class of worker presence (the first int of pg_advisory_lock(int, int)). */
export const presenceLockClass = 0x6d74; // "mt"

export class WorkerPresence {
  /** This process's key: a positive int4, so pg_locks.objid shows it as it is. */
  readonly key = randomInt(1, 2 ** 31 - 1);
  private readonly connection: LastingConnection;

  constructor(databaseUrl: string, logger: Logger) {
    this.connection = new LastingConnection({
      databaseUrl, logger, name: 'worker presence',
      clientConfig: { keepAlive: true, application_name: `mediatasks-worker-${this.key}` },
      setUp: async (client) => {
        // Server side: probe an idle peer after 5 s, every 2 s, give up after 3 misses; data
        // unacknowledged for 10 s also ends the session.
        await client.query('SET tcp_keepalives_idle = 5; SET tcp_keepalives_interval = 2; SET tcp_keepalives_count = 3; SET tcp_user_timeout = 10000');
        await client.query('SELECT pg_advisory_lock($1, $2)', [presenceLockClass, this.key]);
      },
    });
  }

  start(): Promise<void> {
    return this.connection.start();
  }

  stop(): Promise<void> {
    return this.connection.stop();
  }
}
