// Where the time of a task goes: the server's event timestamps (Postgres now(), ms precision)
// between the client's send time and the time it saw SUCCEEDED. Same machine, same clock.
import { mean, median, percentile } from './stats.js';
import type { TaskClient, TaskRun } from './task-client.js';

export interface StageGap {
  stage: string;
  meanMs: number;
  medianMs: number;
  p50Ms: number;
  p95Ms: number;
  count: number;
}

export async function stageBreakdown(client: TaskClient, runs: TaskRun[]): Promise<{ gaps: StageGap[]; tasks: number }> {
  const gapsByStage = new Map<string, number[]>();
  for (const run of runs) {
    const { events } = await client.task(run.id);
    const points = [
      { label: 'createTask sent', at: run.sentAt },
      ...events.map((event) => ({ label: event.status, at: Date.parse(event.createdAt) })),
      { label: 'client has SUCCEEDED', at: run.succeededAt },
    ];
    for (let index = 1; index < points.length; index++) {
      const stage = `${points[index - 1].label} → ${points[index].label}`;
      const gaps = gapsByStage.get(stage) ?? [];
      gaps.push(points[index].at - points[index - 1].at);
      gapsByStage.set(stage, gaps);
    }
  }
  const gaps = [...gapsByStage].map(([stage, values]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return { stage, meanMs: mean(sorted), medianMs: median(sorted), p50Ms: percentile(sorted, 50), p95Ms: percentile(sorted, 95), count: sorted.length };
  });
  return { gaps, tasks: runs.length };
}
