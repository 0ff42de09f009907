// Prints the overhead section as markdown. A case that failed shows its error in its row.
import os from 'node:os';
import type { StageGap } from './stages.js';
import { median, medianWithInterval } from './stats.js';

export interface OutputComparison {
  /** [fact, the server's output, the direct run's output]. */
  rows: Array<[string, string, string]>;
  /** |server − direct| / direct, of the last pair's sizes. */
  sizeDifference: number;
  /** Every pair's two outputs byte-identical. */
  identical: boolean;
}

/** One api run and the direct run after it, on an input of their own. */
export interface Pair {
  apiMs: number;
  directMs: number;
  /** The server process with its reaped children (ffmpeg) across the api run. */
  apiCpuMs: number;
  /** The direct ffmpeg child, or this process (sharp's threads) across the direct run. */
  directCpuMs: number;
  identical: boolean;
}

export interface CaseResult {
  pairs: Pair[];
  /** The load generator's own CPU (this process) across each api run. */
  generatorCpuMs: number[];
  /** The server's ffmpeg process lifetime seen in /proc, per api run (video only). */
  toolInServerMs: number[];
  /** Per api run, its time minus its own ffmpeg's lifetime: the overhead, free of api-vs-direct noise (video only). */
  outsideToolMs: number[];
  /** The direct command line (video only). */
  command: string | null;
  stages: StageGap[];
  outputs: OutputComparison;
}

export type CaseOutcome = CaseResult | { error: string };

export interface OverheadCase {
  name: string;
  workload: string;
  baseline: string;
  /** Highest acceptable api / direct. */
  goal: number;
  outcome: CaseOutcome;
}

export interface OverheadReport {
  loadAverage: { start: number[]; end: number[] };
  server: string;
  tools: string;
  cases: OverheadCase[];
}

/** What each hop of a task does, from src/worker/task-worker.ts. */
const stageNotes: Record<string, string> = {
  'createTask sent → WAITING': 'createTask: insert the task, enqueue validation',
  'WAITING → VALIDATING': 'queue hop to a validation worker',
  'VALIDATING → QUEUED': 'download the input, store it, probe it, enqueue the run',
  'QUEUED → PROCESSING': 'queue hop to a worker',
  'PROCESSING → FINISHING': 'the work: the tool, plus probing its output',
  'FINISHING → SUCCEEDED': 'store the output, record it',
  'SUCCEEDED → client has SUCCEEDED': 'the event reaches the subscriber',
};

const ms = (value: number) => (Number.isNaN(value) ? '–' : `${value >= 1000 ? value.toFixed(0) : value.toFixed(1)} ms`);
const list = (values: number[]) => values.map((value) => (value >= 1000 ? value.toFixed(0) : value.toFixed(1))).join(', ');
const loads = (values: number[]) => values.map((value) => value.toFixed(2)).join(' / ');
const cell = (text: string) => text.replaceAll('\n', ' ').replaceAll('|', '\\|');

export function printOverheadReport(report: OverheadReport): void {
  const cpus = os.cpus();
  const done = report.cases.filter((item): item is OverheadCase & { outcome: CaseResult } => !('error' in item.outcome));
  const lines = [
    '# Overhead of the whole system on real work, against the raw tool',
    '',
    `- Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores; load average (1 / 5 / 15 min) ${loads(report.loadAverage.start)} at the start, ${loads(report.loadAverage.end)} at the end (whatever else runs shares the cores)`,
    `- Server: \`${report.server}\` (its own fresh database)`,
    `- Tools: ${report.tools}`,
    '- Method: one warm-up of each, then api and direct runs alternate in pairs, each pair on an input of its own; ratios per pair, their medians with 95 % bootstrap intervals. api = createTask sent → SUCCEEDED seen on `taskUpdated` (graphql-ws), input fetched from a local HTTP server; direct = the raw tool alone on the local file. CPU: the server process with its ffmpeg children, against the direct ffmpeg child (video) or sharp\'s threads in the bench process (image).',
    '',
    '| case | pairs | api median | direct median | api / direct (95 % CI) | goal (hard) | CPU api / direct (95 % CI) | load generator CPU per api run | outputs |',
    '|---|---|---|---|---|---|---|---|---|',
    ...report.cases.map(caseRow),
    '',
    ...done.filter((item) => item.outcome.outsideToolMs.length > 0).map(({ name, outcome }) => {
      const outside = median(outcome.outsideToolMs);
      const direct = median(outcome.pairs.map((pair) => pair.directMs));
      return `- ${name}: each api run minus its own ffmpeg process (seen in /proc, ±20 ms): median ${ms(outside)} (runs: ${list(outcome.outsideToolMs)}); `
        + `on the direct median that is a ratio of ${((direct + outside) / direct).toFixed(3)}, an estimate free of the noise between api and direct runs.`;
    }),
    '',
  ];
  for (const item of done.filter((each) => each.outcome.command)) {
    lines.push(`The ${item.name} baseline, the server's ffmpeg command as read from \`/proc/<pid>/cmdline\` while its task ran (same in every run), with the task's files replaced:`, '', '```', item.outcome.command!, '```', '');
  }
  if (done.length > 0) {
    lines.push(
      "## Outputs: the server's (task output, downloaded) against the direct run's",
      '',
      '| case | fact | server | direct |',
      '|---|---|---|---|',
      ...done.flatMap((item) => [
        ...item.outcome.outputs.rows.map(([fact, server, direct]) => `| ${item.name} | ${fact} | ${server} | ${direct} |`),
        `| ${item.name} | bytes | ${item.outcome.outputs.identical ? `✅ identical (sha256) in all ${item.outcome.pairs.length} pairs` : `❌ ${item.outcome.pairs.filter((pair) => !pair.identical).length} of ${item.outcome.pairs.length} pairs differ (last sizes ${(100 * item.outcome.outputs.sizeDifference).toFixed(2)} % apart)`} | |`,
      ]),
      '',
      ...stageTable(done),
    );
  }
  console.log(lines.join('\n'));
}

function caseRow(item: OverheadCase): string {
  const label = `${item.name}: ${item.workload}; direct: ${item.baseline}`;
  if ('error' in item.outcome) return `| ${label} | | **FAILED**: ${cell(item.outcome.error)} | | | ❌ ≤ ${item.goal.toFixed(2)} | | | |`;
  const { pairs } = item.outcome;
  const ratio = medianWithInterval(pairs.map((pair) => pair.apiMs / pair.directMs));
  const cpu = medianWithInterval(pairs.map((pair) => pair.apiCpuMs / pair.directCpuMs));
  const interval = (value: { median: number; low: number; high: number }) => `${value.median.toFixed(3)} (${value.low.toFixed(3)}–${value.high.toFixed(3)})`;
  const identical = pairs.filter((pair) => pair.identical).length;
  return `| ${label} | ${pairs.length} | ${ms(median(pairs.map((pair) => pair.apiMs)))} | ${ms(median(pairs.map((pair) => pair.directMs)))} | ${interval(ratio)} | ${ratio.median <= item.goal ? '✅' : '❌'} ≤ ${item.goal.toFixed(2)} | ${interval(cpu)} | ${ms(median(item.outcome.generatorCpuMs))} | ${identical}/${pairs.length} byte-identical |`;
}

/** Medians of each hop between the server's event timestamps, per case, beside the direct run. */
function stageTable(cases: Array<OverheadCase & { outcome: CaseResult }>): string[] {
  const stages = [...new Set(cases.flatMap((item) => item.outcome.stages.map((gap) => gap.stage)))];
  const apiMedians = cases.map((item) => median(item.outcome.pairs.map((pair) => pair.apiMs)));
  const directMedians = cases.map((item) => median(item.outcome.pairs.map((pair) => pair.directMs)));
  const row = (label: string, values: Array<number | null>, shares = true) =>
    `| ${label} | ${values.map((value, index) => (value === null ? '' : `${ms(value)}${shares ? ` (${((100 * value) / apiMedians[index]).toFixed(1)} %)` : ''}`)).join(' | ')} |`;
  const inServer = cases.map((item) => (item.outcome.toolInServerMs.length > 0 ? median(item.outcome.toolInServerMs) : null));
  return [
    '## Where the api time goes (medians over the measured runs; hops between the server\'s event timestamps, Postgres now(), ms precision)',
    '',
    `| stage | ${cases.map((item) => `${item.name} (% of the api median)`).join(' | ')} |`,
    `|---|${cases.map(() => '---|').join('')}`,
    ...stages.map((stage) => row(`${stage}${stageNotes[stage] ? ` (${stageNotes[stage]})` : ''}`, cases.map((item) => item.outcome.stages.find((gap) => gap.stage === stage)?.medianMs ?? null))),
    row('**api, createTask sent → SUCCEEDED seen**', apiMedians),
    row('the tool run directly', directMedians),
    ...(inServer.some((value) => value !== null) ? [
      row("the server's ffmpeg process, first seen → gone in /proc (±20 ms)", inServer),
      row("api − the server's own ffmpeg, per run", cases.map((item) => (item.outcome.outsideToolMs.length > 0 ? median(item.outcome.outsideToolMs) : null))),
    ] : []),
    row('**api − direct**', apiMedians.map((api, index) => api - directMedians[index])),
    '',
  ];
}
