// Hears pg-boss's own job NOTIFYs (a notify-enabled queue's send publishes the queue's name, in the
// sender's transaction) on a session of its own, and hands each to the SlotWaker. pg-boss's
// listener is off (useListenNotify: false): it would wake every worker of the queue.
import { LastingConnection } from '../db/lasting-connection.js';
import type { Logger } from '../logger.js';

/**
 * pg-boss's channel for a schema, the same expression its producer inlines (plans.notifyChannelSql);
 * test/job-wakeups.test.ts checks that a send is heard on it.
 */
export const jobChannelExpression = (schema: string) => `('pgboss_' || left(encode(sha224('${schema}'::bytea), 'hex'), 24))`;
export const jobChannelSql = (schema: string) => `SELECT ${jobChannelExpression(schema)} AS channel`;

export class JobArrivals {
  private readonly connection: LastingConnection;

  constructor(databaseUrl: string, logger: Logger, handlers: { onJob(queue: string): void; onReconnected(): void }, schema = 'pgboss') {
    this.connection = new LastingConnection({
      databaseUrl, logger, name: 'job arrivals listener',
      setUp: async (client) => {
        const { rows: [{ channel }] } = await client.query<{ channel: string }>(jobChannelSql(schema));
        await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
      },
      // pg-boss's payload is the queue's name; TaskQueue.announceMore's is "<queue>#<n>".
      onNotification: (payload) => {
        if (payload) handlers.onJob(payload.split('#', 1)[0]!);
      },
      onReconnected: () => handlers.onReconnected(),
    });
  }

  start(): Promise<void> {
    return this.connection.start();
  }

  stop(): Promise<void> {
    return this.connection.stop();
  }
}
