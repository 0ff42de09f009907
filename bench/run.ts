// `npm run bench`: the core pipeline end to end against the real server in a child process.
// 1. sequential latency createTask → SUCCEEDED (taskUpdated over graphql-ws), 2. throughput with
// concurrent clients, 3. the server's RSS, 4. sharp alone for the same work, for scale.
// Settings (env): BENCH_WARMUP, BENCH_TASKS, BENCH_CLIENTS, BENCH_SECONDS, BENCH_SERVER_DIR to
// benchmark another checkout of the server (default: this one), BENCH_SERVER_NODE_ARGS.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBenchDatabase } from './database.js';
import { runLoad } from './load.js';
import { makePng, startInputServer } from './media.js';
import { printReport, type LoadSummary } from './report.js';
import { readCpuMs, readMemoryMb, watchMemory } from './proc-stats.js';
import { serverArgs, startServerProcess, type ServerProcess } from './server-process.js';
import { measureSharp } from './sharp-baseline.js';
import { stageBreakdown } from './stages.js';
import { mean, summarize } from './stats.js';
import { TaskClient, type TaskRun } from './task-client.js';

const setting = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const settings = {
  warmup: setting('BENCH_WARMUP', 20),
  tasks: setting('BENCH_TASKS', 200),
  clients: setting('BENCH_CLIENTS', 16),
  seconds: setting('BENCH_SECONDS', 15),
  taskTimeoutMs: 30_000,
};
const goals = { p50Ms: 50, tasksPerSecond: 100 };
const serverDir = process.env.BENCH_SERVER_DIR ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const cleanups: Array<() => Promise<unknown>> = [];
let server: ServerProcess | null = null;

let cleaning: Promise<void> | null = null;
let interrupted = false;

/** Undoes the setup in reverse order, once, however many callers ask. */
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (let step = cleanups.pop(); step; step = cleanups.pop()) {
      await step().catch((error: unknown) => console.error('cleanup failed:', error));
    }
  })();
  return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    console.error(`\n[bench] ${signal}: stopping the server, dropping the database`);
    void cleanup().finally(() => process.exit(130));
  });
}

const log = (message: string) => console.error(`[bench] ${message}`);

async function main(): Promise<void> {
  const png = await makePng(64, 64);
  log('sharp alone (before the server starts, on an idle machine)');
  const sharpMs = await measureSharp(png);

  const input = await startInputServer(png);
  cleanups.push(() => input.close());
  const database = await createBenchDatabase();
  cleanups.push(() => database.drop());
  const storageDir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-storage-'));
  cleanups.push(() => fs.rm(storageDir, { recursive: true, force: true }));
  const serverEnv = { HOST: '127.0.0.1', LOG_LEVEL: 'warn', FETCH_ALLOW_HOSTS: '127.0.0.1', STORAGE_DIR: storageDir, DATABASE_URL: database.url };
  log('starting the server');
  server = await startServerProcess(serverEnv, serverDir);
  cleanups.push(() => server!.stop());
  const afterStartMb = readMemoryMb(server.pid, 'VmRSS');
  const memoryWatch = watchMemory(server.pid);
  cleanups.push(async () => memoryWatch.stop());

  const taskInput = { kind: 'IMAGE', url: `${input.url}/input.png`, options: { image: { width: 32, format: 'webp' } } };
  const client = new TaskClient(server.url);
  cleanups.push(() => client.close());

  log(`sequential: ${settings.warmup} warm-up tasks, then ${settings.tasks}`);
  for (let index = 0; index < settings.warmup; index++) await client.run(taskInput, settings.taskTimeoutMs);
  const sequential: TaskRun[] = [];
  const cpuBefore = readCpuMs(server.pid);
  for (let index = 0; index < settings.tasks; index++) sequential.push(await client.run(taskInput, settings.taskTimeoutMs));
  const sequentialCpuMs = readCpuMs(server.pid) - cpuBefore;
  log(`sequential done: mean ${mean(sequential.map((run) => run.latencyMs)).toFixed(1)} ms`);
  const stages = await stageBreakdown(client, sequential);

  log(`load: ${settings.clients} clients for ${settings.seconds} s`);
  const load = await loadPhase(server.pid, server.url, taskInput);

  const { samplesMb, peakMb } = memoryWatch.stop();
  printReport({
    command: `npm run bench  (${process.env.npm_lifecycle_script ?? 'tsx bench/run.ts'})`,
    server: `${process.env.BENCH_SERVER_DIR ? `cd ${serverDir} && ` : ''}${Object.entries({ ...serverEnv, STORAGE_DIR: '<tmp>', DATABASE_URL: '<fresh bench_* database>' })
      .map(([key, value]) => `${key}=${value}`).join(' ')} ${path.basename(process.execPath)} ${serverArgs.join(' ')}`,
    workload: `image task, a 64x64 PNG (${png.length} bytes) fetched from http://127.0.0.1, options { image: { width: 32, format: webp } }`,
    sharpMs,
    sequential: { ...summarize(sequential.map((run) => run.latencyMs)), cpuMsPerTask: sequentialCpuMs / sequential.length },
    load,
    memory: { afterStartMb, sampledMaxMb: Math.max(...samplesMb), sampledMeanMb: mean(samplesMb), peakMb },
    stages,
    goals,
  });
  if ('error' in load) throw new Error(`the load phase failed (results above are partial):\n${load.error}`);
}

/** The throughput phase; its failure is reported in the table (and fails the run) rather than hiding the rest. */
async function loadPhase(pid: number, url: string, taskInput: Record<string, unknown>): Promise<LoadSummary | { error: string }> {
  const cpuBefore = readCpuMs(pid);
  try {
    const load = await runLoad(url, taskInput, { clients: settings.clients, seconds: settings.seconds, timeoutMs: settings.taskTimeoutMs });
    log(`load done: ${load.runs.length} tasks in ${(load.elapsedMs / 1000).toFixed(1)} s`);
    return {
      clients: settings.clients,
      seconds: settings.seconds,
      tasks: load.runs.length,
      elapsedSeconds: load.elapsedMs / 1000,
      tasksPerSecond: load.runs.length / (load.elapsedMs / 1000),
      latency: summarize(load.runs.map((run) => run.latencyMs)),
      cpuMsPerTask: (readCpuMs(pid) - cpuBefore) / load.runs.length,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const exit = server?.exitStatus();
    return { error: exit ? `the server process died (${exit}); first client error: ${message}` : message };
  }
}

main().then(cleanup, async (error: unknown) => {
  if (interrupted) return; // the signal handler cleans up and exits
  console.error('\nBENCHMARK FAILED:', error instanceof Error ? error.message : error);
  if (server) {
    console.error(`--- server process: ${server.exitStatus() ?? 'still running'}; its last output ---\n${server.output() || '(none)'}`);
  }
  await cleanup();
  process.exitCode = 1;
});
