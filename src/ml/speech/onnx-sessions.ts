// One onnxruntime session per model file per process: loading takes hundreds of milliseconds
// and each session holds its weights, so every recognizer and every call shares them.
import { availableParallelism } from 'node:os';
import * as ort from 'onnxruntime-node';
import { loadOncePerKey } from '../load-once.js';
import { verifiedModelPath, type ModelName } from '../model-files.js';

/** Half the cores: the rest stay free for ffmpeg, the queue and the GraphQL server. */
export function defaultThreadCount(): number {
  return Math.max(1, Math.floor(availableParallelism() / 2));
}


/**
 * The shared session of `name`. Concurrent first calls get the same promise, so a model is
 * never loaded twice; `threads` only matters for the call that creates it. A failed load is
 * forgotten so a later call can retry (e.g. after the model file was restored).
 */
export function sharedSession(name: ModelName, threads = defaultThreadCount()): Promise<ort.InferenceSession> {
  creatingThreads = threads;
  return sessions(name);
}

// Read synchronously by the load that sharedSession may start: the creating call's threads.
let creatingThreads = 1;
const sessions = loadOncePerKey((name: ModelName) => {
  const threads = creatingThreads;
  return verifiedModelPath(name).then((file) => ort.InferenceSession.create(file, {
    intraOpNumThreads: Math.max(1, Math.floor(threads)),
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    executionProviders: ['cpu'],
  }));
});
