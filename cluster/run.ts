// `npm run cluster` (root, Linux): the server as a cluster of hosts, each a network namespace of
// its own: `s3` (s3rver), `api` (ROLE=api) and `worker1..N` (ROLE=worker), talking over a bridge
// to a PostgreSQL and a media file server in the root namespace. A batch of mixed tasks is created
// over HTTP, the worker host running the most tasks is SIGKILLed (every process in its namespace)
// mid-run, and the table says who finished what and how the killed host's tasks recovered.
//   CLUSTER_WORKERS (default 3), CLUSTER_TASKS (default 30)
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { runIn, s3rverArgs, serverArgs, waitForLine, type HostProcess } from './hosts.js';
import { batch, submit, type Submitted } from './load.js';
import { prepareMedia, serveMedia } from './media.js';
import { bridgeAddress, killNamespace, setup, subnet, teardown } from './netns.js';
import { startPostgres, type ClusterPostgres } from './postgres.js';
import { report } from './report.js';

if (process.platform !== 'linux' || process.getuid?.() !== 0) {
  console.error('npm run cluster needs Linux and root (it creates network namespaces with `ip netns`).');
  process.exit(2);
}
const workerCount = Number(process.env.CLUSTER_WORKERS ?? 3);
const taskCount = Number(process.env.CLUSTER_TASKS ?? 30);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const work = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-cluster-'));
await fs.chmod(work, 0o755); // postgres (another user) reaches its data folder under it
let postgres: ClusterPostgres | undefined;
let media: Awaited<ReturnType<typeof serveMedia>> | undefined;
const processes: HostProcess[] = [];
let cleaned = false;
async function cleanup(): Promise<void> {
  if (cleaned) return;
  cleaned = true;
  for (const entry of processes) entry.child.kill('SIGTERM');
  await Promise.race([Promise.all(processes.map((entry) => entry.exited)), sleep(10_000)]);
  teardown(); // kills whatever is left in the namespaces
  await media?.close();
  await postgres?.stop().catch(() => {});
  await fs.rm(work, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void cleanup().finally(() => process.exit(130)));
}

try {
  const names = ['s3', 'api', ...Array.from({ length: workerCount }, (_, index) => `worker${index + 1}`)];
  const hosts = setup(names);
  const [s3Host, apiHost, ...workerHosts] = hosts;
  console.error(`hosts: ${hosts.map((host) => `${host.name} ${host.address}`).join(', ')}; bridge ${bridgeAddress}`);

  await prepareMedia(path.join(work, 'media'));
  media = await serveMedia(path.join(work, 'media'), bridgeAddress, 8099);
  postgres = await startPostgres({ dataDir: path.join(work, 'postgres'), address: bridgeAddress, subnet, port: 55499 });

  await fs.mkdir(path.join(work, 's3'));
  const s3 = runIn(s3Host, [...s3rverArgs, path.join(work, 's3'), s3Host.address, '9000', 'media-bucket'], {}, path.join(work, 's3.log'));
  processes.push(s3);
  // It prints its port: a number, as the JSON line reader reads it.
  await waitForLine(s3, (line) => (line as unknown) === 9000);

  /** Each host its own scratch and data folder, as on a machine of its own; files only in S3. */
  async function environment(name: string, extra: Record<string, string>): Promise<Record<string, string>> {
    const tmp = path.join(work, name, 'tmp');
    const data = path.join(work, name, 'data');
    await fs.mkdir(tmp, { recursive: true });
    await fs.mkdir(data, { recursive: true });
    return {
      DATABASE_URL: postgres!.url, DATABASE_POOL_SIZE: '20', TMPDIR: tmp, DATA_DIR: data, LOG_FORMAT: 'json', LOG_LEVEL: 'info',
      STORAGE_URL: 's3://media-bucket/cluster', S3_ENDPOINT: `http://${s3Host.address}:9000`, S3_FORCE_PATH_STYLE: '1',
      S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER', FETCH_ALLOW_HOSTS: subnet, QUEUE_MONITOR_INTERVAL_SECONDS: '2',
      ...extra,
    };
  }
  // ALLOW_OPEN: a non-loopback HOST needs it (or API_KEYS); only the bridge reaches it.
  const api = runIn(apiHost, serverArgs, await environment('api', { ROLE: 'api', HOST: apiHost.address, PORT: '4000', ALLOW_OPEN: '1' }), path.join(work, 'api.log'));
  processes.push(api);
  const apiUrl = (await waitForLine(api, (line) => line.msg === 'started')).url as string;

  // Heartbeats are the backstop only: a killed host's tasks come back through its presence lock.
  const workers = await Promise.all(workerHosts.map(async (host) => {
    const child = runIn(host, serverArgs, await environment(host.name, { ROLE: 'worker', JOB_HEARTBEAT_SECONDS: '120' }), path.join(work, `${host.name}.log`));
    processes.push(child);
    const key = (await waitForLine(child, (line) => typeof line.workerKey === 'number' && String(line.msg).startsWith('worker presence taken'))).workerKey as number;
    await waitForLine(child, (line) => line.msg === 'started');
    return { host, child, key };
  }));
  console.error(`api ${apiUrl}; workers ${workers.map((worker) => `${worker.host.name} (key ${worker.key})`).join(', ')}`);

  const db = new pg.Client({ connectionString: postgres.url });
  await db.connect();
  const startedAt = Date.now();
  const submitted: Submitted[] = [];
  for (const input of batch(media.url, taskCount)) submitted.push(await submit(apiUrl, input));
  const ids = submitted.map((task) => task.id);
  console.error(`${submitted.length} tasks created in ${Date.now() - startedAt} ms`);

  // Kill once a third of the batch has ended, the host then running the most tasks.
  const ended = async () => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM task WHERE id = ANY($1) AND status IN ('SUCCEEDED','FAILED','CANCELLED')`, [ids])).rows[0].n;
  let victimTasks: Array<{ id: string; attempts: number; kind: string }> = [];
  let victim = workers[0];
  for (;;) {
    if ((await ended()) >= Math.ceil(taskCount / 3)) {
      const { rows } = await db.query<{ id: string; attempts: number; kind: string; worker_key: number }>(
        `SELECT id, attempts, kind, worker_key FROM task WHERE id = ANY($1) AND status IN ('PROCESSING','FINISHING') AND worker_key IS NOT NULL`, [ids]);
      const busiest = workers.map((worker) => ({ worker, tasks: rows.filter((row) => row.worker_key === worker.key) })).sort((a, b) => b.tasks.length - a.tasks.length)[0];
      if (busiest.tasks.length > 0) {
        victim = busiest.worker;
        victimTasks = busiest.tasks;
        break;
      }
    }
    await sleep(200);
  }
  const killedAt = Date.now();
  const killedPids = killNamespace(victim.host.namespace);
  console.error(`${((killedAt - startedAt) / 1000).toFixed(1)} s: SIGKILL ${victim.host.name} (${killedPids.length} processes) running ${victimTasks.length} task(s): ${victimTasks.map((task) => task.kind).join(', ')}`);

  // Recovery: when each of its tasks is PROCESSING again on a later attempt, and when it ends.
  const resumedAt = new Map<string, number>();
  const endedAt = new Map<string, number>();
  const deadline = Date.now() + 600_000;
  let open = Infinity;
  while (Date.now() < deadline) {
    const { rows } = await db.query<{ id: string; status: string; attempts: number }>('SELECT id, status, attempts FROM task WHERE id = ANY($1)', [ids]);
    for (const task of victimTasks) {
      const row = rows.find((one) => one.id === task.id)!;
      if (!resumedAt.has(task.id) && (row.attempts > task.attempts || ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(row.status))) resumedAt.set(task.id, Date.now());
      if (!endedAt.has(task.id) && ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(row.status)) endedAt.set(task.id, Date.now());
    }
    open = rows.filter((row) => !['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(row.status)).length;
    if (open === 0) break;
    await sleep(200);
  }
  const finishedAt = Date.now();
  await sleep(1500); // the last "task ended" log lines
  const { rows: final } = await db.query<{ id: string; kind: string; status: string; attempts: number; error: string | null }>(
    'SELECT id, kind, status, attempts, error_code AS error FROM task WHERE id = ANY($1)', [ids]);
  await db.end();

  const exitCode = report({
    tasks: final, workers, processes, victim, victimTasks, killedAt, startedAt, finishedAt, resumedAt, endedAt, open,
  });
  await cleanup();
  process.exit(exitCode);
} catch (error) {
  console.error(error);
  console.error(`logs were in ${work}`);
  await cleanup();
  process.exit(1);
}
