// `npm run chaos`: faults at random moments while clients create tasks, then a count of what
// broke. An api process and two worker processes (src/main.ts, as `npm start` runs them) share a
// PostgreSQL of the script's own (embedded, on a free port), which the script restarts. Each
// round waits a random 1–3 s, then one fault: a database restart (down 1–4 s), a worker SIGKILLed
// or a worker SIGTERMed (each replaced by a new worker). Clients create image tasks (one in ten a
// video transcode) with idempotency keys, retrying retryable errors with the same key.
// Throughout, 20 downloads from a source that stalls are in flight (renewed as each times out), and
// a canary creates an image task every 2 s and times it to SUCCEEDED: a stalled source must not
// starve intake. Afterwards it waits for every task to end and prints: process exits nobody asked for, tasks lost
// (acknowledged but absent), stuck (not ended), committed without acknowledgement, and the time
// from a worker's SIGKILL to its tasks' next PROCESSING (p50/p95). Not part of `npm test`.
//   CHAOS_ROUNDS (default 8), CHAOS_CLIENTS (default 8), CHAOS_SEED (default: the time)
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { writeTestImage, writeTestVideo } from '../test/support/fixtures.js';
import { startMediaServer } from '../test/support/media-server.js';
import { startRestartablePostgres } from '../test/support/restartable-postgres.js';
import { startServerProcess, type ServerProcess } from '../test/support/server-process.js';

const rounds = Number(process.env.CHAOS_ROUNDS ?? 8);
const clients = Number(process.env.CHAOS_CLIENTS ?? 8);
let seed = Number(process.env.CHAOS_SEED ?? Date.now() % 100_000);
const firstSeed = seed;
/** Deterministic per seed (mulberry32), so a bad run can be replayed. */
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const between = (low: number, high: number) => low + random() * (high - low);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const work = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-chaos-'));
await fs.chmod(work, 0o755);
await writeTestImage(path.join(work, 'photo.png'), 160, 120);
await writeTestVideo(path.join(work, 'clip.mp4'), { width: 640, height: 360, seconds: 6 });
// Headers and a few bytes, then nothing: each such download ends at FETCH_IDLE_TIMEOUT_MS.
const media = await startMediaServer(work, {
  '/stall.png': (_request, response) => void response.writeHead(200, { 'content-type': 'image/png', 'content-length': 100_000 }).write(Buffer.alloc(16)),
});
const postgres = await startRestartablePostgres();
const storageDir = path.join(work, 'storage');
const common = { DATABASE_URL: postgres.url, STORAGE_DIR: storageDir, FETCH_ALLOW_HOSTS: '127.0.0.1,localhost', LOG_LEVEL: 'info', QUEUE_MONITOR_INTERVAL_SECONDS: '2' };

interface Managed { process: ServerProcess; role: 'api' | 'worker'; key: number | null; expectedEnd: boolean }
const managed: Managed[] = [];
let apiUrl = '';
async function start(role: 'api' | 'worker'): Promise<Managed> {
  const environment = role === 'api'
    ? { ...common, ROLE: 'api', HOST: '127.0.0.1', PORT: '0' }
    // Heartbeats are the backstop only: a SIGKILLed worker's tasks come back through its presence.
    : { ...common, ROLE: 'worker', JOB_HEARTBEAT_SECONDS: '120' };
  const child = startServerProcess(environment);
  const url = await child.started;
  if (role === 'api') apiUrl = url!;
  const key = Number(/"workerKey":(\d+)/.exec(child.output.join(''))?.[1] ?? NaN);
  const entry: Managed = { process: child, role, key: Number.isNaN(key) ? null : key, expectedEnd: false };
  managed.push(entry);
  return entry;
}
const exitStatus = (child: ServerProcess) => child.child.exitCode !== null ? `exit code ${child.child.exitCode}` : child.child.signalCode ? `signal ${child.child.signalCode}` : null;
await start('api');
await start('worker');
await start('worker');
/** A connection of the script's own; the database restarts under it, which must not end the script. */
const db = () => {
  const connection = new pg.Client({ connectionString: postgres.url });
  connection.on('error', () => {});
  return connection;
};

// --- The clients.
const acknowledged = new Map<string, string>();
const errorCodes = new Map<string, number>();
let stopLoad = false;
async function client(index: number): Promise<void> {
  for (let attempt = 0; !stopLoad; attempt++) {
    const key = `chaos-${index}-${attempt}`;
    const video = random() < 0.1;
    const input = video
      ? { kind: 'VIDEO', url: `${media.url}/clip.mp4`, options: { video: { width: 320 } }, idempotencyKey: key }
      : { kind: 'IMAGE', url: `${media.url}/photo.png`, options: { image: { width: 64 } }, idempotencyKey: key };
    for (;;) {
      const response = await fetch(`${apiUrl}/graphql`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }', variables: { input } }),
      }).then((answer) => answer.json() as Promise<{ data?: { createTask?: { id: string } }; errors?: Array<{ extensions?: { code?: string; retryable?: boolean } }> }>, () => null);
      if (response?.data?.createTask) {
        acknowledged.set(key, Buffer.from(response.data.createTask.id, 'base64').toString().replace(/^Task:/, ''));
        break;
      }
      const code = response?.errors?.[0]?.extensions?.code ?? 'NETWORK';
      errorCodes.set(code, (errorCodes.get(code) ?? 0) + 1);
      if (stopLoad || (response && response.errors?.[0]?.extensions?.retryable !== true)) return;
      await sleep(250);
    }
    // About the rate two workers keep up with on two cores: the faults, not a backlog, are tested.
    await sleep(between(300, 1200));
  }
}
const load = Array.from({ length: clients }, (_, index) => client(index));

// --- 20 stalled downloads, and the canary.
async function create(input: Record<string, unknown>): Promise<string | null> {
  const response = await fetch(`${apiUrl}/graphql`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }', variables: { input } }),
  }).then((answer) => answer.json() as Promise<{ data?: { createTask?: { id: string } } }>, () => null);
  const id = response?.data?.createTask?.id;
  return id ? Buffer.from(id, 'base64').toString().replace(/^Task:/, '') : null;
}
const stalledIds = new Set<string>();
let stallCount = 0;
async function keepStalling(): Promise<void> {
  const connection = db();
  await connection.connect().catch(() => {});
  while (!stopLoad) {
    const { rows } = await connection.query<{ open: number }>(`SELECT count(*)::int AS open FROM task WHERE id = ANY($1) AND status NOT IN ('SUCCEEDED', 'FAILED', 'CANCELLED')`, [[...stalledIds]]).catch(() => ({ rows: [{ open: 20 }] }));
    for (let missing = 20 - rows[0].open; missing > 0 && !stopLoad; missing--) {
      // Another host name for the media server: the stalling source is a host of its own.
      const id = await create({ kind: 'IMAGE', url: `http://localhost:${media.port}/stall.png?${stallCount++}`, idempotencyKey: `stall-${stallCount}` });
      if (id) {
        stalledIds.add(id);
        acknowledged.set(`stall-${stallCount}`, id);
      }
    }
    await sleep(1000);
  }
  await connection.end().catch(() => {});
}
const canaryMs: number[] = [];
async function canary(): Promise<void> {
  const connection = db();
  await connection.connect().catch(() => {});
  for (let index = 0; !stopLoad; index++) {
    const started = Date.now();
    const id = await create({ kind: 'IMAGE', url: `${media.url}/photo.png`, options: { image: { width: 32 } }, idempotencyKey: `canary-${index}` });
    if (id) {
      acknowledged.set(`canary-${index}`, id);
      for (let waited = 0; waited < 60_000; waited += 50) {
        const { rows } = await connection.query<{ status: string }>('SELECT status FROM task WHERE id = $1', [id]).catch(() => ({ rows: [] as Array<{ status: string }> }));
        if (rows[0]?.status === 'SUCCEEDED') {
          canaryMs.push(Date.now() - started);
          break;
        }
        if (rows[0] && ['FAILED', 'CANCELLED'].includes(rows[0].status)) break;
        await sleep(50);
      }
    }
    await sleep(2000);
  }
  await connection.end().catch(() => {});
}
load.push(keepStalling(), canary());

// --- The faults.
const recoveries: number[] = [];
const faults: string[] = [];
async function tasksOf(workerKey: number): Promise<Array<{ id: string; attempts: number }>> {
  const connection = db();
  try {
    await connection.connect();
    const { rows } = await connection.query<{ id: string; attempts: number }>(`SELECT id, attempts FROM task WHERE worker_key = $1 AND status IN ('PROCESSING', 'FINISHING')`, [workerKey]);
    return rows;
  } catch {
    return [];
  } finally {
    await connection.end().catch(() => {});
  }
}
/** Ms from `since` until every task is PROCESSING on a later attempt, or has ended. */
async function recoveryOf(tasks: Array<{ id: string; attempts: number }>, since: number): Promise<number | null> {
  while (Date.now() - since < 120_000) {
    const connection = db();
    const rows = await connection.connect()
      .then(() => connection.query<{ id: string; status: string; attempts: number }>('SELECT id, status, attempts FROM task WHERE id = ANY($1)', [tasks.map((task) => task.id)]))
      .then((result) => result.rows, () => null)
      .finally(() => connection.end().catch(() => {}));
    const moved = rows?.every((row) => ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(row.status)
      || (row.attempts > tasks.find((task) => task.id === row.id)!.attempts && row.status === 'PROCESSING'));
    if (moved) return Date.now() - since;
    await sleep(100);
  }
  return null;
}

for (let round = 1; round <= rounds; round++) {
  await sleep(between(1000, 3000));
  const fault = ['db-restart', 'worker-sigkill', 'worker-sigterm'][Math.floor(random() * 3)];
  faults.push(fault);
  const workers = managed.filter((entry) => entry.role === 'worker' && !entry.expectedEnd);
  if (fault === 'db-restart') {
    await postgres.stop();
    await sleep(between(1000, 4000));
    await postgres.start();
  } else {
    // The worker with the most running tasks, so a kill interrupts real work.
    const counts = await Promise.all(workers.map(async (entry) => (entry.key === null ? [] : await tasksOf(entry.key))));
    const victimIndex = counts.reduce((best, tasks, index) => (tasks.length > counts[best].length ? index : best), 0);
    const victim = workers[victimIndex];
    victim.expectedEnd = true;
    const killedAt = Date.now();
    if (fault === 'worker-sigkill') {
      victim.process.child.kill('SIGKILL');
      if (counts[victimIndex].length > 0) {
        void recoveryOf(counts[victimIndex], killedAt).then((ms) => { if (ms !== null) recoveries.push(ms); });
      }
    } else {
      await victim.process.stop('SIGTERM');
    }
    await start('worker');
  }
  console.error(`round ${round}: ${fault}`);
}

stopLoad = true;
await Promise.all(load);
// Every acknowledged task must end.
const check = db();
await check.connect();
const loadEndedAt = Date.now();
// Generous: the backlog of transcodes left by the load drains at two workers' pace.
const endBy = loadEndedAt + 600_000;
let open = Infinity;
while (Date.now() < endBy) {
  ({ rows: [{ open }] } = await check.query<{ open: number }>(`SELECT count(*)::int AS open FROM task WHERE status NOT IN ('SUCCEEDED', 'FAILED', 'CANCELLED')`));
  if (open === 0) break;
  await sleep(500);
}
const drainedAt = Date.now();
const { rows } = await check.query<{ id: string; key: string; status: string; error: string | null; message: string | null }>(`SELECT id, idempotency_key AS key, status, error_code AS error, error_message AS message FROM task`);
await check.end();
await sleep(1500); // recoveries still being measured
const inDatabase = new Set(rows.map((row) => row.id));
const acknowledgedIds = new Set(acknowledged.values());
const lost = [...acknowledgedIds].filter((id) => !inDatabase.has(id)).length;
const unacknowledged = rows.filter((row) => !acknowledgedIds.has(row.id)).length;
const exits = managed.filter((entry) => !entry.expectedEnd && exitStatus(entry.process) !== null);
const outcomes = Object.entries(Object.groupBy(rows, (row) => (row.error ? `${row.status} ${row.error}` : row.status))).map(([name, list]) => `${name} ${list!.length}`).join(', ');
const percentile = (values: number[], p: number) => {
  if (values.length === 0) return '–';
  const sorted = [...values].sort((a, b) => a - b);
  const ms = sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
};

console.log(`\n| measure | value |\n|---|---|`);
console.log(`| rounds (faults) | ${rounds} (${Object.entries(Object.groupBy(faults, (fault) => fault)).map(([fault, list]) => `${fault} ${list!.length}`).join(', ')}) |`);
console.log(`| unexpected process exits | ${exits.length}${exits.length ? ` (${exits.map((entry) => `${entry.role}: ${exitStatus(entry.process)}`).join(', ')})` : ''} |`);
console.log(`| tasks acknowledged / in the database | ${acknowledgedIds.size} / ${rows.length} |`);
console.log(`| lost (acknowledged, absent) | ${lost} |`);
console.log(`| committed but never acknowledged | ${unacknowledged} |`);
console.log(`| stuck (not ended 600 s after the load) | ${open} |`);
console.log(`| every task ended, after the load stopped | ${open === 0 ? `${((drainedAt - loadEndedAt) / 1000).toFixed(1)} s` : 'no'} |`);
console.log(`| outcomes | ${outcomes} |`);
console.log(`| create errors seen by clients | ${[...errorCodes].map(([code, count]) => `${code} ${count}`).join(', ') || 'none'} |`);
console.log(`| canary image task, create → SUCCEEDED beside 20 stalled downloads, p50 / p95 (n) | ${percentile(canaryMs, 50)} / ${percentile(canaryMs, 95)} (${canaryMs.length}) |`);
console.log(`| SIGKILL → next PROCESSING, p50 / p95 (n) | ${percentile(recoveries, 50)} / ${percentile(recoveries, 95)} (${recoveries.length}) |`);
// What the failures said, once each (a stalled source's INPUT_UNREACHABLE is expected).
const failures = [...new Set(rows.filter((row) => row.error && !row.key.startsWith('stall-')).map((row) => `${row.error}: ${row.message?.slice(0, 240)}`))];
if (failures.length > 0) console.log(`\nfailures:\n${failures.map((failure) => `- ${failure}`).join('\n')}`);
console.log(`\nseed ${firstSeed}; ${clients} clients; api + 2 workers; JOB_HEARTBEAT_SECONDS=120`);

for (const entry of managed) await entry.process.stop('SIGTERM').catch(() => {});
await media.close();
await postgres.destroy();
await fs.rm(work, { recursive: true, force: true });
process.exit(exits.length + lost + unacknowledged + (open > 0 ? 1 : 0) > 0 ? 1 : 0);
