// Prints the benchmark results as markdown. A phase that failed shows its error instead.
import os from 'node:os';
import type { StageGap } from './stages.js';
import type { Summary } from './stats.js';

export interface LoadSummary {
  clients: number;
  seconds: number;
  tasks: number;
  elapsedSeconds: number;
  tasksPerSecond: number;
  latency: Summary;
  cpuMsPerTask: number;
  /** Every PostgreSQL process's CPU, and the load generator's own (the bench process), per task. */
  postgresCpuMsPerTask: number;
  generatorCpuMsPerTask: number;
}

export interface BenchReport {
  command: string;
  server: string;
  workload: string;
  sharpMs: number;
  sequential: Summary & { cpuMsPerTask: number; postgresCpuMsPerTask: number; generatorCpuMsPerTask: number };
  load: LoadSummary | { error: string };
  memory: { afterStartMb: number; sampledMaxMb: number; sampledMeanMb: number; peakMb: number };
  stages: { gaps: StageGap[]; tasks: number };
  goals: { p50Ms: number; tasksPerSecond: number; stretchTasksPerSecond: number; loadP50Ms: number };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const times = (value: number, base: number) => `${(value / base).toFixed(1)}×`;
const check = (ok: boolean, goal: string) => `${ok ? '✅' : '❌'} ${goal}`;

export function printReport(report: BenchReport): void {
  const { sequential: seq, memory, sharpMs, goals } = report;
  const cpus = os.cpus();
  const lines = [
    '# Media task pipeline benchmark',
    '',
    `- Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GB RAM, ${os.type()} ${os.release()}; client, server and Postgres share it`,
    `- Node: ${process.version} (benchmark client and server)`,
    `- Command: \`${report.command}\``,
    `- Server: \`${report.server}\``,
    `- Workload: ${report.workload}`,
    '',
    '| metric | result | goal | × sharp alone |',
    '|---|---|---|---|',
    `| sequential latency p50 (${seq.count} tasks, one at a time) | ${ms(seq.p50)} | ${check(seq.p50 <= goals.p50Ms, `≤ ${goals.p50Ms} ms`)} | ${times(seq.p50, sharpMs)} |`,
    `| sequential latency p95 | ${ms(seq.p95)} | | ${times(seq.p95, sharpMs)} |`,
    `| sequential latency p99 | ${ms(seq.p99)} | | ${times(seq.p99, sharpMs)} |`,
    `| sequential latency mean | ${ms(seq.mean)} | | ${times(seq.mean, sharpMs)} |`,
    `| sequential latency max | ${ms(seq.max)} | | ${times(seq.max, sharpMs)} |`,
    `| CPU per task, sequential: server / PostgreSQL / load generator | ${ms(seq.cpuMsPerTask)} / ${ms(seq.postgresCpuMsPerTask)} / ${ms(seq.generatorCpuMsPerTask)} | | ${times(seq.cpuMsPerTask, sharpMs)} (server) |`,
    ...loadRows(report.load, sharpMs, goals),
    `| server RSS after start | ${memory.afterStartMb.toFixed(0)} MB | | |`,
    `| server RSS sampled during run: mean / max | ${memory.sampledMeanMb.toFixed(0)} / ${memory.sampledMaxMb.toFixed(0)} MB | | |`,
    `| server peak RSS (VmHWM) | ${memory.peakMb.toFixed(0)} MB | | |`,
    `| sharp alone: 64x64 PNG file → 32 px WebP file, in-process | ${sharpMs.toFixed(2)} ms/op | | 1.0× |`,
    '',
    `## Where a sequential task's time goes (${report.stages.tasks} tasks, from the server's event timestamps)`,
    '',
    '| stage | mean | p50 | p95 | share of mean latency |',
    '|---|---|---|---|---|',
    ...report.stages.gaps.map((gap) => `| ${gap.stage} | ${ms(gap.meanMs)} | ${ms(gap.p50Ms)} | ${ms(gap.p95Ms)} | ${((100 * gap.meanMs) / seq.mean).toFixed(0)}%${gap.count === report.stages.tasks ? '' : ` (${gap.count} tasks)`} |`),
    '',
  ];
  console.log(lines.join('\n'));
}

function loadRows(load: BenchReport['load'], sharpMs: number, goals: BenchReport['goals']): string[] {
  const goal = goals.tasksPerSecond;
  if ('error' in load) {
    return [`| throughput | **FAILED**: ${load.error.replaceAll('\n', ' ').replaceAll('|', '\\|')} | ❌ ≥ ${goal} tasks/s | |`];
  }
  const sharpRate = 1000 / sharpMs;
  return [
    `| throughput (${load.clients} clients, ${load.seconds} s window, ${load.tasks} tasks done in ${load.elapsedSeconds.toFixed(1)} s) | ${load.tasksPerSecond.toFixed(1)} tasks/s | ${check(load.tasksPerSecond >= goal, `≥ ${goal} tasks/s`)} (stretch ≥ ${goals.stretchTasksPerSecond} ${load.tasksPerSecond >= goals.stretchTasksPerSecond ? '✅' : '❌'}) | ${(load.tasksPerSecond / sharpRate).toFixed(2)}× sharp's ${sharpRate.toFixed(0)} ops/s on one thread |`,
    `| latency under load p50 | ${ms(load.latency.p50)} | ${check(load.latency.p50 <= goals.loadP50Ms, `≤ ${goals.loadP50Ms} ms`)} | ${times(load.latency.p50, sharpMs)} |`,
    `| latency under load p95 | ${ms(load.latency.p95)} | | ${times(load.latency.p95, sharpMs)} |`,
    `| CPU per task, under load: server / PostgreSQL / load generator | ${ms(load.cpuMsPerTask)} / ${ms(load.postgresCpuMsPerTask)} / ${ms(load.generatorCpuMsPerTask)} | | ${times(load.cpuMsPerTask, sharpMs)} (server) |`,
  ];
}
