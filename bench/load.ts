// Sustained load: N clients, each looping createTask → SUCCEEDED, until the wall time is up.
// Tasks started before the deadline are waited for; throughput counts them over the whole span.
import { TaskClient, type TaskRun } from './task-client.js';

export interface LoadResult {
  runs: TaskRun[];
  elapsedMs: number;
}

export async function runLoad(baseUrl: string, input: Record<string, unknown>, options: { clients: number; seconds: number; timeoutMs: number }): Promise<LoadResult> {
  const clients = Array.from({ length: options.clients }, () => new TaskClient(baseUrl));
  const runs: TaskRun[] = [];
  try {
    const started = performance.now();
    const deadline = started + options.seconds * 1000;
    await Promise.all(clients.map(async (client) => {
      while (performance.now() < deadline) runs.push(await client.run(input, options.timeoutMs));
    }));
    return { runs, elapsedMs: performance.now() - started };
  } finally {
    await Promise.all(clients.map((client) => client.close()));
  }
}
