// One pg pool per process, shared by Prisma (through its driver adapter) and the lifecycle SQL.
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.js';

export type { PrismaClient };

export interface Database {
  url: string;
  pool: pg.Pool;
  prisma: PrismaClient;
  close(): Promise<void>;
}

export function connectDatabase(url: string, options: { maxConnections?: number; onConnectionLost?: (error: Error) => void } = {}): Database {
  // keepAlive: a database host that vanished is noticed in seconds, not at the next query's timeout.
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 20, keepAlive: true });
  const connectionLost = (error: Error) => options.onConnectionLost?.(error);
  // An idle client losing its connection: the pool removes and later replaces it.
  pool.on('error', connectionLost);
  // A client checked out of the pool (inside a transaction, between two statements) has no pool
  // listener: a FATAL then (57P01 when Postgres restarts) would be an unhandled 'error' event and
  // end the process (node-postgres #2762). With this one its query fails instead, and the pool
  // discards the broken client when it is released.
  pool.on('connect', (client) => client.on('error', connectionLost));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    url,
    pool,
    prisma,
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
