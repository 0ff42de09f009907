// Section "workflow": a workflow against the same steps driven by hand by a client (the same
// parallelism: independent steps at once, a step after its dependency, on its output URL).
// Measures what the coordination costs: createTask → SUCCEEDED of the whole, medians of runs.
// Settings (env): BENCH_WORKFLOW_RUNS (default 3).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startMediaServer } from '../test/support/media-server.js';
import type { BenchScope } from './scope.js';
import { median } from './stats.js';
import { TaskClient } from './task-client.js';

const runs = Number(process.env.BENCH_WORKFLOW_RUNS ?? 3);
const outputsQuery = 'query Outputs($id: ID!) { task(id: $id) { outputs { url } } }';

export async function runWorkflowSection(scope: BenchScope): Promise<void> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-workflow-'));
  scope.defer(() => fs.rm(dir, { recursive: true, force: true }));
  await fs.copyFile(path.resolve(import.meta.dirname, '../test/fixtures/spoken-title.mp4'), path.join(dir, 'clip.mp4'));
  const media = await startMediaServer(dir);
  scope.defer(() => media.close());
  const server = await scope.startServer();
  const client = new TaskClient(server.url);
  scope.defer(() => client.close());

  // Each run uses a distinct copy: transcripts are cached by content, and both ways should compute theirs.
  const inputFor = async (name: string) => {
    const file = path.join(dir, `${name}.mp4`);
    await fs.copyFile(path.join(dir, 'clip.mp4'), file);
    await fs.appendFile(file, Buffer.from(name)); // trailing bytes after the MP4 boxes: a new hash, the same media
    return `${media.url}/${name}.mp4`;
  };

  const workflowMs: number[] = [];
  const byHandMs: number[] = [];
  for (let run = 0; run < runs; run++) {
    scope.log(`run ${run + 1} of ${runs}`);
    const workflowUrl = await inputFor(`workflow-${run}`);
    workflowMs.push((await client.run({
      kind: 'WORKFLOW', url: workflowUrl,
      options: { workflow: { steps: [
        { kind: 'VIDEO', options: { video: { width: 320 } }, next: [{ kind: 'THUMBNAILS', options: { thumbnails: { mode: 'frames', count: 2 } } }] },
        { kind: 'SPEECH', next: [{ kind: 'SUBTITLES' }, { kind: 'CHAPTERS' }] },
      ] } },
    }, 300_000)).latencyMs);

    const url = await inputFor(`by-hand-${run}`);
    const started = performance.now();
    await Promise.all([
      (async () => {
        const video = await client.run({ kind: 'VIDEO', url, options: { video: { width: 320 } } }, 300_000);
        const { task } = await client.request<{ task: { outputs: Array<{ url: string }> } }>(outputsQuery, { id: video.id });
        await client.run({ kind: 'THUMBNAILS', url: task.outputs[0].url, options: { thumbnails: { mode: 'frames', count: 2 } } }, 300_000);
      })(),
      (async () => {
        await client.run({ kind: 'SPEECH', url }, 300_000);
        await Promise.all([client.run({ kind: 'SUBTITLES', url }, 300_000), client.run({ kind: 'CHAPTERS', url }, 300_000)]);
      })(),
    ]);
    byHandMs.push(performance.now() - started);
  }

  const workflow = median(workflowMs);
  const byHand = median(byHandMs);
  console.log(`
### Workflow (\`BENCH_ONLY=workflow npm run bench\`)

\`[video → thumbnails, speech → [subtitles, chapters]]\` on an 8 s 320x180 clip with speech, ${runs} runs, medians:

| approach | createTask → all done |
|---|---|
| one workflow task | ${workflow.toFixed(0)} ms |
| the same five tasks driven by a client (parallel where independent, next on the previous output) | ${byHand.toFixed(0)} ms |
| ratio | ${(workflow / byHand).toFixed(2)} |
`);
}
