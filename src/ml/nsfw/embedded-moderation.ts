// NSFW moderation with nsfwjs's MobileNetV2, whose weights ship inside the nsfwjs package, on the
// tfjs wasm backend. Images are decoded with sharp (no DOM or canvas in Node).
import sharp from 'sharp';
import type { ModelDefinition, NSFWJS } from 'nsfwjs/core';
import type { AnalysisOptions, ModerationClassifier, ModerationScores } from '../providers.js';
import { loadOnce } from '../load-once.js';
import { squareRgbPixels } from '../model-input.js';
import { tfjsWasm } from '../tfjs-wasm.js';

const INPUT_SIZE = 224;
/** The model's output order (nsfwjs NSFW_CLASSES). */
const CLASSES = ['drawing', 'hentai', 'neutral', 'porn', 'sexy'] as const;

let loads = 0;

/** How many times this process started loading the model: 1 once anything was classified. */
export function moderationModelLoadCount(): number {
  return loads;
}

export function createEmbeddedModerationClassifier(): ModerationClassifier {
  return {
    model: 'embedded:nsfwjs-mobilenet-v2',
    async classify(imagePaths: string[], options: AnalysisOptions): Promise<ModerationScores[]> {
      const net = await loadModel();
      const results: ModerationScores[] = [];
      for (const imagePath of imagePaths) {
        options.signal?.throwIfAborted();
        results.push(toScores(await predict(net, imagePath)));
        options.onProgress?.(results.length / imagePaths.length);
      }
      return results;
    },
  };
}

/**
 * nsfwjs's five softmax probabilities, kept as they are, plus the provider's three: porn and
 * hentai are both explicit, so they make up `nudity` and `sexual`; "sexy" is only a soft
 * `suggestive` signal (it fires on sports and skin photos too).
 */
function toScores(probabilities: Record<(typeof CLASSES)[number], number>): ModerationScores {
  const { porn, hentai, sexy } = probabilities;
  const explicit = Math.min(1, porn + hentai);
  return { nudity: explicit, sexual: explicit, suggestive: sexy, ...probabilities };
}

async function predict(net: NSFWJS, imagePath: string): Promise<Record<(typeof CLASSES)[number], number>> {
  const tf = await tfjsWasm();
  // Squashed to 224×224 without keeping the aspect ratio, as nsfwjs itself resizes.
  const pixels = await squareRgbPixels(sharp(imagePath), INPUT_SIZE);
  // tidy frees the input and intermediate tensors, so memory stays flat over many images.
  const output = tf.tidy(() => net.infer(tf.tensor3d(pixels, [INPUT_SIZE, INPUT_SIZE, 3], 'int32')));
  try {
    const values = await output.data();
    return Object.fromEntries(CLASSES.map((name, index) => [name, values[index]])) as Record<(typeof CLASSES)[number], number>;
  } finally {
    output.dispose();
  }
}

/** The model, loaded once per process. */
const loadModel = loadOnce(load);

async function load(): Promise<NSFWJS> {
  loads++;
  const tf = await tfjsWasm();
  const { NSFWJS } = await import('nsfwjs/core');
  // The model module's .d.ts cannot be resolved under NodeNext (extensionless import), hence the annotation.
  const definition: ModelDefinition = (await import('nsfwjs/models/mobilenet_v2')).MobileNetV2Model;
  // The bundled model as a memory IOHandler rather than nsfwjs.load('MobileNetV2'): the same
  // files, without its console banner and without its lookup of `globalThis.model` overrides.
  const modelJson = (await definition.modelJson()).default;
  const shards = await Promise.all(definition.weightBundles.map(async (bundle) => Buffer.from((await bundle()).default, 'base64')));
  const weights = Buffer.concat(shards);
  const weightData = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer;
  const net = new NSFWJS(
    { load: () => tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => [manifest.flatMap((group) => group.weights), weightData]) },
    { size: INPUT_SIZE },
  );
  await net.load();
  return net;
}
