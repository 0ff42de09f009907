// The table: what ended how, which host finished what (its "task ended" log lines: a worker
// clears the task's worker_key as it ends it, so the row no longer says), and the killed host's
// tasks: where they finished and how long until they ran (and ended) again.
import type { HostProcess } from './hosts.js';

interface Worker { host: { name: string }; child: HostProcess; key: number }
/** Every process, for the lost-worker detector's log line (whichever process found the loss). */
interface Input {
  tasks: Array<{ id: string; kind: string; status: string; attempts: number; error: string | null }>;
  workers: Worker[];
  processes: HostProcess[];
  victim: Worker;
  victimTasks: Array<{ id: string; kind: string }>;
  killedAt: number; startedAt: number; finishedAt: number;
  resumedAt: Map<string, number>; endedAt: Map<string, number>;
  open: number;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function report(input: Input): number {
  const { tasks, workers, victim, victimTasks, killedAt } = input;
  const ids = new Set(tasks.map((task) => task.id));
  /** task id → the host whose log says it ended it. */
  const finisher = new Map<string, string>();
  for (const worker of workers) {
    for (const line of worker.child.lines) {
      if (line.msg === 'task ended' && ids.has(line.taskId) && line.workerKey === worker.key) finisher.set(line.taskId, worker.host.name);
    }
  }
  const count = (status: string) => tasks.filter((task) => task.status === status).length;
  const byKind = Object.entries(Object.groupBy(tasks, (task) => task.kind)).map(([kind, list]) => `${kind.toLowerCase()} ${list!.length}`).join(', ');
  const share = workers.map((worker) => {
    const n = [...finisher.values()].filter((name) => name === worker.host.name).length;
    return `${worker.host.name}${worker === victim ? ' (killed)' : ''} ${n}`;
  }).join(', ');
  const recovered = victimTasks.filter((task) => tasks.find((one) => one.id === task.id)?.status === 'SUCCEEDED' && finisher.has(task.id) && finisher.get(task.id) !== victim.host.name);
  const resumeMs = victimTasks.map((task) => input.resumedAt.get(task.id)).filter((at) => at !== undefined).map((at) => at - killedAt);
  const endMs = victimTasks.map((task) => input.endedAt.get(task.id)).filter((at) => at !== undefined).map((at) => at - killedAt);
  // The presence lock of the killed host ended with its connections: the detector then released its jobs.
  const releasedMs = input.processes.flatMap((entry) => entry.lines)
    .filter((line) => String(line.msg).startsWith('the worker of a task died') && victimTasks.some((task) => task.id === line.taskId))
    .map((line) => Number(line.time) - killedAt);
  const failures = [...new Set(tasks.filter((task) => task.error).map((task) => `${task.kind} ${task.error}`))];

  console.log('\n| measure | value |\n|---|---|');
  console.log(`| hosts | s3, api, ${workers.length} workers (network namespaces on one bridge); PostgreSQL and media server on the bridge |`);
  console.log(`| tasks | ${tasks.length} (${byKind}) |`);
  console.log(`| succeeded / failed / not ended | ${count('SUCCEEDED')} / ${count('FAILED')} / ${input.open} |`);
  console.log(`| batch time (created → all ended) | ${seconds(input.finishedAt - input.startedAt)} |`);
  console.log(`| finished per worker | ${share}${finisher.size < tasks.length ? ` (unattributed ${tasks.length - finisher.size})` : ''} |`);
  console.log(`| killed | ${victim.host.name} (SIGKILL of every process in its namespace) at ${seconds(killedAt - input.startedAt)}, running ${victimTasks.length}: ${victimTasks.map((task) => task.kind.toLowerCase()).join(', ')} |`);
  console.log(`| its tasks succeeded on other workers | ${recovered.length} / ${victimTasks.length} (${victimTasks.map((task) => `${task.kind.toLowerCase()} → ${finisher.get(task.id) ?? '?'}, attempts ${tasks.find((one) => one.id === task.id)?.attempts}`).join('; ')}) |`);
  console.log(`| kill → released for retry (max) | ${releasedMs.length ? seconds(Math.max(...releasedMs)) : '–'} |`);
  console.log(`| kill → running again on another worker (max; includes waiting for a free slot) | ${resumeMs.length ? seconds(Math.max(...resumeMs)) : '–'} |`);
  console.log(`| kill → ended (max) | ${endMs.length ? seconds(Math.max(...endMs)) : '–'} |`);
  if (failures.length) console.log(`\nfailures: ${failures.join(', ')}`);
  return input.open === 0 && count('FAILED') === 0 && recovered.length === victimTasks.length ? 0 : 1;
}
