// COCO-80 object detection with @vladmandic/human's CenterNet (weights ship in the package, MIT)
// on the tfjs wasm backend that nsfwjs also uses. Images are decoded with sharp: no DOM or canvas.
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Tf from '@tensorflow/tfjs';
import type { Config, Human } from '@vladmandic/human';
import sharp from 'sharp';
import type { AnalysisOptions, DetectedObject, ObjectDetector } from '../providers.js';
import { loadOnce, oneAtATime } from '../load-once.js';
import { squareRgbPixels } from '../model-input.js';
import { tfjsWasm } from '../tfjs-wasm.js';

const require = createRequire(import.meta.url);
// The package's `exports` map mixes conditions with sub-paths, so its sub-paths cannot be imported
// by name: find the package root from the entry the bare name resolves to (not loaded), then use paths.
const HUMAN_ROOT = path.resolve(path.dirname(require.resolve('@vladmandic/human')), '..');
const MODELS_DIR = path.join(HUMAN_ROOT, 'models');
/** CenterNet's fixed input; decoding straight to it lets sharp do the downscale (better filter, less memory). */
const INPUT_SIZE = 512;

export interface ObjectDetectorSettings {
  /** Objects below this score are dropped (0–1, default 0.3). */
  minScore?: number;
  /** At most this many objects an image (default 20). */
  maxObjects?: number;
}

let loads = 0;
/** human.detect keeps per-call state on the instance (config, last result), so calls run one at a time. */
const exclusive = oneAtATime();

/** How many times this process started loading the model: 1 once anything was detected. */
export function objectDetectorLoadCount(): number {
  return loads;
}

export function createEmbeddedObjectDetector(settings: ObjectDetectorSettings = {}): ObjectDetector {
  const minScore = settings.minScore ?? 0.3;
  const maxObjects = settings.maxObjects ?? 20;
  return {
    model: 'embedded:human-centernet',
    async detect(imagePath: string, options: AnalysisOptions): Promise<DetectedObject[]> {
      options.signal?.throwIfAborted();
      const instance = await loadHuman();
      const image = await decode(imagePath);
      const objects = await exclusive(async () => {
        options.signal?.throwIfAborted();
        return detectIn(instance, image, minScore, maxObjects);
      });
      options.onProgress?.(1);
      return objects;
    },
  };
}

interface DecodedImage {
  pixels: Buffer;
  /** The EXIF-oriented size of the original, which boxes are scaled back to. */
  width: number;
  height: number;
}

async function decode(imagePath: string): Promise<DecodedImage> {
  const image = sharp(imagePath);
  const { autoOrient } = await image.metadata();
  // Squashed to the model's square input, as human itself would.
  const pixels = await squareRgbPixels(image, INPUT_SIZE);
  return { pixels, width: autoOrient.width, height: autoOrient.height };
}

async function detectIn(instance: Human, image: DecodedImage, minScore: number, maxObjects: number): Promise<DetectedObject[]> {
  const tf = instance.tf as typeof Tf;
  const input = tf.tensor3d(image.pixels, [INPUT_SIZE, INPUT_SIZE, 3], 'int32');
  try {
    // minConfidence is also CenterNet's non-max-suppression threshold, so low scores never surface.
    // human.detect swallows some internal failures and never settles: bound it, so a task fails
    // with a message instead of hanging until the job expires.
    const result = await withinTime(instance.detect(input, { object: { minConfidence: minScore, maxDetected: maxObjects } }), detectionTimeoutMs);
    if (result.error) throw new Error(`object detection failed: ${result.error}`);
    return result.object
      .filter((object) => object.score >= minScore)
      .map((object) => ({ label: object.label, score: object.score, box: toPixels(object.boxRaw, image) }))
      .sort((a, b) => b.score - a.score);
  } finally {
    input.dispose();
  }
}

const detectionTimeoutMs = 60_000;

function withinTime<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`object detection did not answer within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** human's boxRaw is [x, y, width, height] as fractions of the input; clamped to the image. */
function toPixels([x, y, width, height]: [number, number, number, number], image: DecodedImage): DetectedObject['box'] {
  const left = Math.max(0, Math.round(x * image.width));
  const top = Math.max(0, Math.round(y * image.height));
  const right = Math.min(image.width, Math.round((x + width) * image.width));
  const bottom = Math.min(image.height, Math.round((y + height) * image.height));
  return { x: left, y: top, width: Math.max(0, right - left), height: Math.max(0, bottom - top) };
}

/** The detector, loaded once per process. */
const loadHuman = loadOnce(load);

async function load(): Promise<Human> {
  loads++;
  // The node-wasm build requires the same @tensorflow/tfjs-core and -backend-wasm modules as
  // nsfwjs, so one engine and one backend serve both: the shared set-up starts it (local .wasm
  // files), and human's own backend check then finds 'wasm' already running.
  const tf = await tfjsWasm();
  registerModelFileLoader(tf);
  const build = require(path.join(HUMAN_ROOT, 'dist/human.node-wasm.js')) as { Human: new (config: Partial<Config>) => Human };
  const instance = new build.Human(humanConfig());
  await instance.load();
  // human logs a failed model load and carries on; without the model, detect would silently find nothing.
  if (!instance.models.models.centernet) throw new Error(`the CenterNet model did not load from ${MODELS_DIR}`);
  return instance;
}

function humanConfig(): Partial<Config> {
  const off = { enabled: false };
  return {
    backend: 'wasm',
    // Only read if human were first to start the backend; local files either way, never the CDN.
    wasmPath: path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm')) + path.sep,
    modelBasePath: pathToFileURL(MODELS_DIR).href + '/',
    cacheModels: false,
    debug: false,
    warmup: 'none',
    // Images are independent: no reuse of a previous "similar" frame's result.
    cacheSensitivity: 0,
    filter: off,
    face: off,
    body: off,
    hand: off,
    gesture: off,
    segmentation: off,
    object: { enabled: true, modelPath: 'centernet.json', skipFrames: 0, skipTime: 0 },
  };
}

let routerRegistered = false;

/**
 * human loads models with `fetch`, which cannot read `file:` URLs in Node. Rather than patching
 * fetch, a tfjs IO router serves exactly this package's models folder from disk; tfjs consults
 * routers before falling back to fetch, and every other URL is left to the existing handlers.
 */
function registerModelFileLoader(tf: typeof Tf): void {
  if (routerRegistered) return;
  routerRegistered = true;
  const prefix = pathToFileURL(MODELS_DIR).href + '/';
  // Routers answer null for URLs they do not handle (as tfjs's own http router does); the IORouter type omits that.
  const router = (url: string | string[]): Tf.io.IOHandler | null => {
    if (typeof url !== 'string' || !url.startsWith(prefix)) return null;
    const file = path.join(MODELS_DIR, decodeURIComponent(url.slice(prefix.length)));
    return {
      load: async () => {
        const modelJson = JSON.parse(await fs.readFile(file, 'utf8')) as Tf.io.ModelJSON;
        return tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
          const shardPaths = manifest.flatMap((group) => group.paths).map((shard) => path.join(path.dirname(file), shard));
          const weights = Buffer.concat(await Promise.all(shardPaths.map((shard) => fs.readFile(shard))));
          const weightData = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer;
          return [manifest.flatMap((group) => group.weights), weightData];
        });
      },
    };
  };
  tf.io.registerLoadRouter(router as Parameters<typeof tf.io.registerLoadRouter>[0]);
}
