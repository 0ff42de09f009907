// `npm run bench`: the real server (src/main.ts) as a child process on a fresh database, driven
// through its public API. Each section starts its own server and prints its own markdown:
//   pipeline  the core pipeline on tiny images: latency, throughput, memory (bench/pipeline.ts)
//   overhead  the whole system on real work against the raw tool run directly (bench/overhead.ts)
//   ladder    the single-decode HLS ladder against one ffmpeg run per rung (bench/hls-ladder.ts)
//   models    the embedded models: speech real-time factor, per-image latencies, worker peak RSS (bench/models.ts)
//   workflow  a workflow against the same steps driven by a client (bench/workflow.ts)
//   storage   the same video and image tasks with local storage and with S3 (s3rver) (bench/storage.ts)
//   roundtrips  the database round trips, database time and CPU of one tiny task, counted by pg_stat_statements (bench/round-trips.ts)
//   uploads   the server's peak memory while receiving a 1 GB upload, multipart and tus (bench/uploads.ts)
//   subscribers  1,000 WebSocket subscribers on one API process during a burst of 500 tasks (bench/subscribers.ts)
// BENCH_ONLY=overhead (or pipeline, or a comma list) runs some; by default all, in this order.
// BENCH_SERVER_DIR benchmarks another checkout of the server, BENCH_SERVER_NODE_ARGS adds node
// flags to it; each section's file lists its own settings.
import { benchmarkLadder } from './hls-ladder.js';
import { runModelsSection } from './models.js';
import { runOverheadSection } from './overhead.js';
import { runPipelineSection } from './pipeline.js';
import { BenchScope } from './scope.js';
import { runStorageSection } from './storage.js';
import { runUploadsSection } from './uploads.js';
import { runRoundTripsSection } from './round-trips.js';
import { runSubscribersSection } from './subscribers.js';
import { runWorkflowSection } from './workflow.js';

const sections: Record<string, (scope: BenchScope) => Promise<void>> = {
  pipeline: runPipelineSection,
  overhead: runOverheadSection,
  // Media code only, no server: the scope has nothing to clean up.
  ladder: async () => console.log(`\n${await benchmarkLadder()}`),
  models: runModelsSection,
  workflow: runWorkflowSection,
  storage: runStorageSection,
  uploads: runUploadsSection,
  roundtrips: runRoundTripsSection,
  subscribers: runSubscribersSection,
};

const chosen = (process.env.BENCH_ONLY ?? '').split(',').map((name) => name.trim()).filter(Boolean);
const unknown = chosen.filter((name) => !(name in sections));
if (unknown.length > 0) {
  console.error(`BENCH_ONLY: unknown section ${unknown.join(', ')}; the sections are ${Object.keys(sections).join(', ')}`);
  process.exit(2);
}

let current: BenchScope | null = null;
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    console.error(`\n[bench] ${signal}: stopping the server, dropping the database`);
    void (current?.close() ?? Promise.resolve()).finally(() => process.exit(130));
  });
}

const failed: string[] = [];
for (const name of Object.keys(sections).filter((name) => chosen.length === 0 || chosen.includes(name))) {
  const scope = new BenchScope(name);
  current = scope;
  try {
    await sections[name](scope);
  } catch (error) {
    if (interrupted) break; // the signal handler cleans up and exits
    failed.push(name);
    console.error(`\nBENCHMARK SECTION "${name}" FAILED:`, error instanceof Error ? error.message : error);
    console.error(scope.serverDiagnostics());
  } finally {
    if (!interrupted) await scope.close();
  }
}
if (failed.length > 0) process.exitCode = 1;
