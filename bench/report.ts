// Prints the benchmark results as markdown.
import os from 'node:os';
import type { StageGap } from './stages.js';
import type { Summary } from './stats.js';

export interface BenchReport {
  command: string;
  serverCommand: string;
  serverEnv: Record<string, string>;
  workload: string;
  sharpMs: number;
  sequential: Summary;
  load: { clients: number; seconds: number; tasks: number; tasksPerSecond: number; latency: Summary };
  memory: { afterStartMb: number; sampledMaxMb: number; sampledMeanMb: number; peakMb: number };
  stages: { gaps: StageGap[]; tasks: number };
  goals: { p50Ms: number; tasksPerSecond: number };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const times = (value: number, base: number) => `${(value / base).toFixed(1)}×`;
const check = (ok: boolean, goal: string) => `${ok ? '✅' : '❌'} ${goal}`;

export function printReport(report: BenchReport): void {
  const { sequential: seq, load, memory, sharpMs, goals } = report;
  const cpus = os.cpus();
  const lines = [
    '# Media task pipeline benchmark',
    '',
    `- Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GB RAM, ${os.type()} ${os.release()}`,
    `- Node: ${process.version} (benchmark client and server)`,
    `- Command: \`${report.command}\``,
    `- Server: \`${Object.entries(report.serverEnv).map(([key, value]) => `${key}=${value}`).join(' ')} ${report.serverCommand}\``,
    `- Workload: ${report.workload}`,
    '',
    '| metric | result | goal | × sharp alone |',
    '|---|---|---|---|',
    `| sequential latency p50 (${seq.count} tasks, one at a time) | ${ms(seq.p50)} | ${check(seq.p50 <= goals.p50Ms, `≤ ${goals.p50Ms} ms`)} | ${times(seq.p50, sharpMs)} |`,
    `| sequential latency p95 | ${ms(seq.p95)} | | ${times(seq.p95, sharpMs)} |`,
    `| sequential latency p99 | ${ms(seq.p99)} | | ${times(seq.p99, sharpMs)} |`,
    `| sequential latency mean | ${ms(seq.mean)} | | ${times(seq.mean, sharpMs)} |`,
    `| sequential latency max | ${ms(seq.max)} | | ${times(seq.max, sharpMs)} |`,
    `| throughput (${load.clients} clients, ${load.seconds} s, ${load.tasks} tasks) | ${load.tasksPerSecond.toFixed(1)} tasks/s | ${check(load.tasksPerSecond >= goals.tasksPerSecond, `≥ ${goals.tasksPerSecond} tasks/s`)} | ${(load.tasksPerSecond / (1000 / sharpMs)).toFixed(2)}× of sharp's ${(1000 / sharpMs).toFixed(0)} ops/s (one thread) |`,
    `| latency under load p50 | ${ms(load.latency.p50)} | | ${times(load.latency.p50, sharpMs)} |`,
    `| latency under load p95 | ${ms(load.latency.p95)} | | ${times(load.latency.p95, sharpMs)} |`,
    `| server RSS after start | ${memory.afterStartMb.toFixed(0)} MB | | |`,
    `| server RSS sampled during run: mean / max | ${memory.sampledMeanMb.toFixed(0)} / ${memory.sampledMaxMb.toFixed(0)} MB | | |`,
    `| server peak RSS (VmHWM) | ${memory.peakMb.toFixed(0)} MB | | |`,
    `| sharp alone: 64x64 PNG file → 32 px WebP file, in-process | ${sharpMs.toFixed(2)} ms/op | | 1.0× |`,
    '',
    `## Where a sequential task's time goes (mean of ${report.stages.tasks} tasks, from the server's event timestamps)`,
    '',
    '| stage | mean | p50 | p95 | share of mean latency |',
    '|---|---|---|---|---|',
    ...report.stages.gaps.map((gap) => `| ${gap.stage} | ${ms(gap.meanMs)} | ${ms(gap.p50Ms)} | ${ms(gap.p95Ms)} | ${((100 * gap.meanMs) / seq.mean).toFixed(0)}%${gap.count === report.stages.tasks ? '' : ` (${gap.count} tasks)`} |`),
    '',
  ];
  console.log(lines.join('\n'));
}
