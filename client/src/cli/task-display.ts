// What the CLI shows: a live bar per task on a terminal (stderr), plain lines elsewhere, and one
// final line per task on stdout that says how it ended.
import cliProgress from 'cli-progress';
import type { Task, TaskChange } from '../client.js';

export interface ProgressDisplay {
  /** A bar (or plain lines) for one task; returns the function that takes its changes. */
  track(label: string): (change: Pick<TaskChange, 'status' | 'progress'>) => void;
  /** A bar for an upload's bytes. */
  trackUpload(label: string): (sent: number, total: number) => void;
  stop(): void;
}

/** Live bars on a terminal; plain lines on a pipe or a file (one per status, and per 10 %). */
export function createProgressDisplay(stream: NodeJS.WriteStream, enabled: boolean): ProgressDisplay {
  if (!enabled) return { track: () => () => {}, trackUpload: () => () => {}, stop: () => {} };
  if (stream.isTTY) {
    const bars = new cliProgress.MultiBar({
      stream, hideCursor: true, clearOnComplete: false, stopOnComplete: false, barsize: 30,
      format: '{label} [{bar}] {percentage}% {status}',
    }, cliProgress.Presets.shades_classic);
    return {
      track(label) {
        // A global id is 56 characters: its end tells tasks apart on a terminal line.
        const bar = bars.create(100, 0, { label: label.length > 24 ? `…${label.slice(-20)}` : label, status: 'WAITING' });
        return (change) => bar.update(Math.round(change.progress), { status: change.status });
      },
      trackUpload(label) {
        const bar = bars.create(1, 0, { label, status: 'uploading' });
        return (sent, total) => { bar.setTotal(total); bar.update(sent, { status: sent >= total ? 'uploaded' : 'uploading' }); };
      },
      stop: () => bars.stop(),
    };
  }
  return {
    track(label) {
      let lastStatus = '';
      let lastStep = -1;
      return (change) => {
        const step = Math.floor(change.progress / 10);
        if (change.status === lastStatus && step === lastStep) return;
        lastStatus = change.status;
        lastStep = step;
        stream.write(`${label} ${change.status} ${Math.round(change.progress)}%\n`);
      };
    },
    trackUpload(label) {
      let lastStep = -1;
      return (sent, total) => {
        const step = total ? Math.floor((sent / total) * 10) : 10;
        if (step === lastStep) return;
        lastStep = step;
        stream.write(`${label} uploaded ${step * 10}% of ${total} bytes\n`);
      };
    },
    stop: () => {},
  };
}

/** The one line that says how a task ended: its outputs' URLs, or its error. */
export function finalLine(task: Task): string {
  const head = `${task.status} ${task.kind.toLowerCase()} ${task.id}`;
  if (task.status === 'SUCCEEDED') {
    if (task.outputs.length) return `${head} ${task.outputs.map((output) => output.url).join(' ')}`;
    return `${head} (no files; its result: mediatasks get ${task.id} --json)`;
  }
  if (task.status === 'FAILED') return `${head} ${task.error?.code ?? 'UNKNOWN'}: ${task.error?.message ?? 'no reason given'}`;
  return head;
}

/** `get` for people: the task's facts, then its outputs and result. */
export function describeTask(task: Task): string {
  const lines = [
    `${task.kind.toLowerCase()} ${task.id}`,
    `  status    ${task.status}${task.status === 'PROCESSING' ? ` ${Math.round(task.progress)}%` : ''}`,
    `  input     ${task.url ?? task.input?.filename ?? '(uploaded file)'}`,
    `  created   ${task.createdAt}${task.finishedAt ? `, finished ${task.finishedAt}` : ''}`,
  ];
  if (task.error) lines.push(`  error     ${task.error.code}: ${task.error.message}`);
  for (const output of task.outputs) {
    const size = output.width && output.height ? ` ${output.width}x${output.height}` : '';
    lines.push(`  output    ${output.filename} (${output.mimeType}${size}, ${output.size} bytes) ${output.url}`);
  }
  if (task.result !== null && task.result !== undefined) lines.push(`  result    ${JSON.stringify(task.result, null, 2).replace(/\n/g, '\n  ')}`);
  return lines.join('\n');
}
