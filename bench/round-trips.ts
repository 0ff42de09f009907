// Section "roundtrips": what one tiny task costs the database, counted by PostgreSQL itself.
// The server runs on a PostgreSQL of this section's own (the embedded binaries) with
// pg_stat_statements preloaded, which the shared server must never get (it needs a restart).
// After warm-up tasks the statistics are reset, BENCH_ROUNDTRIP_TASKS tiny image tasks run one
// after another, and every statement of every connection (app pool, Prisma, pg-boss, the listener)
// is counted: round trips (statements, BEGIN/COMMIT included), their execution time, the server's
// CPU and the CPU of every PostgreSQL process, per task. Background work (pg-boss polling and
// maintenance, the lost-worker check) runs meanwhile and is counted in: it is part of the cost.
// Settings (env): BENCH_ROUNDTRIP_TASKS (50).
import pg from 'pg';
import { startRestartablePostgres } from '../test/support/restartable-postgres.js';
import { makePng, startInputServer } from './media.js';
import { postgresCpuMs, postmasterPid, readCpuMs } from './proc-stats.js';
import type { BenchScope } from './scope.js';
import { TaskClient } from './task-client.js';

const tasks = Number(process.env.BENCH_ROUNDTRIP_TASKS ?? 50);
const warmup = 10;

interface StatementRow {
  query: string;
  calls: number;
  totalMs: number;
  /** Sent by a client (a round trip), or run inside another statement (a foreign-key check, a trigger). */
  toplevel: boolean;
}

export async function runRoundTripsSection(scope: BenchScope): Promise<void> {
  const postgres = await startRestartablePostgres({ flags: ['-c', 'shared_preload_libraries=pg_stat_statements', '-c', 'pg_stat_statements.track=all', '-c', 'pg_stat_statements.max=10000'] });
  scope.defer(() => postgres.destroy());
  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  scope.defer(() => admin.end());
  await admin.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  const postmaster = await postmasterPid(admin);

  const png = await makePng(64, 64);
  const input = await startInputServer(png);
  scope.defer(() => input.close());
  const server = await scope.startServer({ DATABASE_URL: postgres.url });
  const client = new TaskClient(server.url);
  scope.defer(() => client.close());
  const taskInput = { kind: 'IMAGE', url: `${input.url}/input.png`, options: { image: { width: 32, format: 'webp' } } };

  scope.log(`${warmup} warm-up tasks, then ${tasks} counted`);
  for (let index = 0; index < warmup; index++) await client.run(taskInput);
  await admin.query('SELECT pg_stat_statements_reset()');
  const serverCpu = readCpuMs(server.pid);
  const postgresCpu = postgresCpuMs(postmaster);
  const started = performance.now();
  for (let index = 0; index < tasks; index++) await client.run(taskInput);
  const elapsedMs = performance.now() - started;
  const serverCpuMs = readCpuMs(server.pid) - serverCpu;
  const postgresCpuUsedMs = postgresCpuMs(postmaster) - postgresCpu;

  const { rows } = await admin.query<StatementRow>(
    `SELECT query, calls::float8 AS calls, total_exec_time AS "totalMs", toplevel FROM pg_stat_statements
     WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
       AND query NOT LIKE '%pg_stat_statements%' ORDER BY calls DESC`);
  // Foreign-key checks are run by PostgreSQL itself, inside a statement or (deferred ones, such as
  // pg-boss's job → queue key) at COMMIT, where pg_stat_statements files them as top-level.
  const foreignKeyCheck = (row: StatementRow) => row.query.startsWith('SELECT 1 FROM ONLY');
  const sent = rows.filter((row) => row.toplevel && !foreignKeyCheck(row));
  const calls = sent.reduce((sum, row) => sum + row.calls, 0);
  const nested = rows.filter((row) => !row.toplevel || foreignKeyCheck(row)).reduce((sum, row) => sum + row.calls, 0);
  const jobFetches = sent.filter((row) => /WITH\s+next\s+AS/.test(row.query)).reduce((sum, row) => sum + row.calls, 0);
  // Nested statements run inside their top-level one, whose time includes theirs.
  const totalMs = sent.reduce((sum, row) => sum + row.totalMs, 0);
  const perTask = (value: number) => (value / tasks).toFixed(1);
  const short = (query: string) => query.replace(/\s+/g, ' ').trim().slice(0, 90).replace(/\|/g, '\\|');
  console.log([
    '',
    `Database cost of a tiny task (image 64x64 PNG → 32 px WebP), ${tasks} tasks one after another after ${warmup} warm-up, counted by pg_stat_statements on the section's own PostgreSQL (every connection of the server process, background work included); ${(elapsedMs / tasks).toFixed(1)} ms per task`,
    '',
    '| per task | value |',
    '|---|---|',
    `| round trips (statements sent, BEGIN/COMMIT included) | ${perTask(calls)} |`,
    `| of which pg-boss job fetches | ${perTask(jobFetches)} |`,
    `| statements run inside them (foreign-key checks) | ${perTask(nested)} |`,
    `| database execution time | ${perTask(totalMs)} ms |`,
    `| server process CPU | ${perTask(serverCpuMs)} ms |`,
    `| PostgreSQL CPU (every backend and background process) | ${perTask(postgresCpuUsedMs)} ms |`,
    '',
    'The statements, most frequent first (calls per task):',
    '',
    '| calls/task | ms/task | statement |',
    '|---|---|---|',
    ...sent.filter((row) => row.calls / tasks >= 0.1).map((row) => `| ${perTask(row.calls)} | ${perTask(row.totalMs)} | \`${short(row.query)}\` |`),
    '',
  ].join('\n'));
}
