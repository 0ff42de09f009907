// TensorFlow.js on its WebAssembly backend, set up once per process and shared by every tfjs
// model. `@tensorflow/tfjs-node` cannot install offline, and wasm is about 13x faster than the
// pure-JS 'cpu' backend, so a silent fallback to 'cpu' is treated as a failure.
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as Tf from '@tensorflow/tfjs';
import { loadOnce } from './load-once.js';

const require = createRequire(import.meta.url);

/** The tfjs namespace with the 'wasm' backend active. */
export const tfjsWasm = loadOnce(initialise);

async function initialise(): Promise<typeof Tf> {
  // Imported lazily: tfjs costs start-up time and memory that a server without moderation never needs.
  const tf = await import('@tensorflow/tfjs');
  const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
  // The .wasm binaries ship in the package's dist/ folder (next to its Node entry point). Given a
  // file-system prefix, Emscripten's Node glue reads them from disk: no fetch, no CDN.
  setWasmPaths(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm')) + path.sep);
  const switched = await tf.setBackend('wasm');
  await tf.ready();
  if (!switched || tf.getBackend() !== 'wasm') {
    throw new Error(`the TensorFlow.js wasm backend did not start (active backend: ${tf.getBackend()})`);
  }
  return tf;
}
