// Section "pipeline": the core pipeline end to end on tiny images. 1. sequential latency
// createTask → SUCCEEDED (taskUpdated over graphql-ws), 2. throughput with concurrent clients,
// 3. the server's RSS, 4. sharp alone for the same work, for scale.
// Settings (env): BENCH_WARMUP, BENCH_TASKS, BENCH_CLIENTS, BENCH_SECONDS.
import { runLoad } from './load.js';
import { makePng, startInputServer } from './media.js';
import { databaseServerUrl } from '../test/support/database.js';
import { postgresCpuMeter, readCpuMs, readMemoryMb, watchMemory } from './proc-stats.js';
import { printReport, type LoadSummary } from './report.js';
import type { BenchScope, BenchServer } from './scope.js';
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
// Issue 16's goals: p50 ≤ 20 ms is its stretch for the sequential latency, ≤ 50 ms the earlier one.
const goals = { p50Ms: 20, tasksPerSecond: 100, stretchTasksPerSecond: 150, loadP50Ms: 100 };

export async function runPipelineSection(scope: BenchScope): Promise<void> {
  const png = await makePng(64, 64);
  scope.log('sharp alone (before the server starts, on an idle machine)');
  const sharpMs = await measureSharp(png);

  const input = await startInputServer(png);
  scope.defer(() => input.close());
  const server = await scope.startServer();
  const afterStartMb = readMemoryMb(server.pid, 'VmRSS');
  const memoryWatch = watchMemory(server.pid);
  scope.defer(async () => memoryWatch.stop());

  const taskInput = { kind: 'IMAGE', url: `${input.url}/input.png`, options: { image: { width: 32, format: 'webp' } } };
  const client = new TaskClient(server.url);
  scope.defer(() => client.close());

  scope.log(`sequential: ${settings.warmup} warm-up tasks, then ${settings.tasks}`);
  for (let index = 0; index < settings.warmup; index++) await client.run(taskInput, settings.taskTimeoutMs);
  const sequential: TaskRun[] = [];
  const cpuBefore = readCpuMs(server.pid);
  const postgresCpu = await postgresCpuMeter(databaseServerUrl);
  const generatorCpu = process.cpuUsage();
  for (let index = 0; index < settings.tasks; index++) sequential.push(await client.run(taskInput, settings.taskTimeoutMs));
  const sequentialCpuMs = readCpuMs(server.pid) - cpuBefore;
  const sequentialPostgresCpuMs = postgresCpu.read();
  const sequentialGeneratorCpuMs = cpuMsOf(process.cpuUsage(generatorCpu));
  scope.log(`sequential done: mean ${mean(sequential.map((run) => run.latencyMs)).toFixed(1)} ms`);
  const stages = await stageBreakdown(client, sequential);

  scope.log(`load: ${settings.clients} clients for ${settings.seconds} s`);
  const load = await loadPhase(scope, server, taskInput);

  const { samplesMb, peakMb } = memoryWatch.stop();
  printReport({
    command: `npm run bench  (${process.env.npm_lifecycle_script ?? 'tsx bench/run.ts'})`,
    server: server.commandLine,
    workload: `image task, a 64x64 PNG (${png.length} bytes) fetched from http://127.0.0.1, options { image: { width: 32, format: webp } }`,
    sharpMs,
    sequential: {
      ...summarize(sequential.map((run) => run.latencyMs)), cpuMsPerTask: sequentialCpuMs / sequential.length,
      postgresCpuMsPerTask: sequentialPostgresCpuMs / sequential.length, generatorCpuMsPerTask: sequentialGeneratorCpuMs / sequential.length,
    },
    load,
    memory: { afterStartMb, sampledMaxMb: Math.max(...samplesMb), sampledMeanMb: mean(samplesMb), peakMb },
    stages,
    goals,
  });
  if ('error' in load) throw new Error(`the load phase failed (results above are partial):\n${load.error}`);
}

/** The throughput phase; its failure is reported in the table (and fails the run) rather than hiding the rest. */
async function loadPhase(scope: BenchScope, server: BenchServer, taskInput: Record<string, unknown>): Promise<LoadSummary | { error: string }> {
  const cpuBefore = readCpuMs(server.pid);
  const postgresCpu = await postgresCpuMeter(databaseServerUrl);
  const generatorCpu = process.cpuUsage();
  try {
    const load = await runLoad(server.url, taskInput, { clients: settings.clients, seconds: settings.seconds, timeoutMs: settings.taskTimeoutMs });
    scope.log(`load done: ${load.runs.length} tasks in ${(load.elapsedMs / 1000).toFixed(1)} s`);
    return {
      clients: settings.clients,
      seconds: settings.seconds,
      tasks: load.runs.length,
      elapsedSeconds: load.elapsedMs / 1000,
      tasksPerSecond: load.runs.length / (load.elapsedMs / 1000),
      latency: summarize(load.runs.map((run) => run.latencyMs)),
      cpuMsPerTask: (readCpuMs(server.pid) - cpuBefore) / load.runs.length,
      postgresCpuMsPerTask: postgresCpu.read() / load.runs.length,
      generatorCpuMsPerTask: cpuMsOf(process.cpuUsage(generatorCpu)) / load.runs.length,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const exit = server.exitStatus();
    return { error: exit ? `the server process died (${exit}); first client error: ${message}` : message };
  }
}

const cpuMsOf = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;
