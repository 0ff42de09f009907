// The embedded object detector (human's CenterNet) for real, alone and next to nsfwjs: both run
// on the same tfjs engine and wasm backend. Latencies and memory are printed, never asserted.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedModerationClassifier } from '../src/ml/nsfw/embedded-moderation.js';
import { createEmbeddedObjectDetector, objectDetectorLoadCount } from '../src/ml/objects/embedded-object-detector.js';
import type { DetectedObject } from '../src/ml/providers.js';
import { tfjsWasm } from '../src/ml/tfjs-wasm.js';
import { writeTestImage } from './support/fixtures.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
/** A person at a kitchen counter, 322×240 (see fixtures/vision/SOURCES.md). */
const personImage = fileURLToPath(new URL('./fixtures/vision/objects.jpg', import.meta.url));

let dir: string;
const images = { gradient: '', personLarge: '', personRotated: '' };

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-objects-'));
  for (const name of Object.keys(images) as Array<keyof typeof images>) images[name] = path.join(dir, `${name}.jpg`);
  await Promise.all([
    writeTestImage(images.gradient, 640, 360, 'jpeg'),
    // Larger than the model input: boxes must come back in pixels of the original.
    sharp(personImage).resize(1288, 960).jpeg().toFile(images.personLarge),
    // Stored sideways with an EXIF orientation that turns it upright: boxes are in upright pixels.
    sharp(personImage).rotate(-90).withMetadata({ orientation: 6 }).jpeg().toFile(images.personRotated),
  ]);
});

afterAll(async () => {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

function rss(): string {
  return `${Math.round(process.memoryUsage().rss / 1e6)} MB RSS`;
}

function person(objects: DetectedObject[]): DetectedObject {
  const found = objects.find((object) => object.label === 'person');
  if (!found) throw new Error(`no person in ${JSON.stringify(objects)}`);
  return found;
}

/** Where the person is in the 322×240 fixture: head and torso filling the lower middle. */
function expectPersonBox(box: DetectedObject['box'], width: number, height: number): void {
  const centreX = (box.x + box.width / 2) / width;
  expect(centreX).toBeGreaterThan(0.3);
  expect(centreX).toBeLessThan(0.6);
  expect(box.width / width).toBeGreaterThan(0.4);
  expect(box.height / height).toBeGreaterThan(0.5);
  expect(box.x + box.width).toBeLessThanOrEqual(width);
  expect(box.y + box.height).toBeLessThanOrEqual(height);
}

describe('embedded object detector (human CenterNet)', () => {
  it('finds the person, loading the model once for concurrent first calls', async () => {
    const started = performance.now();
    const [objects, again, gradient] = await Promise.all([
      createEmbeddedObjectDetector().detect(personImage, {}),
      createEmbeddedObjectDetector().detect(personImage, {}),
      createEmbeddedObjectDetector().detect(images.gradient, {}),
    ]);
    console.log(`objects: first calls (load the model) ${Math.round(performance.now() - started)} ms, ${rss()}`);

    expect(objectDetectorLoadCount()).toBe(1);
    expect((await tfjsWasm()).getBackend()).toBe('wasm');
    expect(again).toEqual(objects);
    const found = person(objects);
    expect(found.score).toBeGreaterThan(0.5);
    expectPersonBox(found.box, 322, 240);
    // Best first, and never below the default threshold.
    expect(objects.map((object) => object.score)).toEqual([...objects.map((object) => object.score)].sort((a, b) => b - a));
    for (const object of [...objects, ...gradient]) expect(object.score).toBeGreaterThanOrEqual(0.3);
    expect(gradient.filter((object) => object.score > 0.5)).toEqual([]);
  });

  it('gives boxes in pixels of the original, upright image', async () => {
    const detector = createEmbeddedObjectDetector();
    expect(detector.model).toBe('embedded:human-centernet');
    const large = person(await detector.detect(images.personLarge, {}));
    expectPersonBox(large.box, 1288, 960);
    const rotated = person(await detector.detect(images.personRotated, {}));
    expectPersonBox(rotated.box, 322, 240);
    expect(rotated.score).toBeGreaterThan(0.5);
  });

  it('reuses the loaded model, keeps tensor memory flat and applies its threshold', async () => {
    const tf = await tfjsWasm();
    const tensorsBefore = tf.memory().numTensors;
    const detector = createEmbeddedObjectDetector();
    const paths = [personImage, images.gradient, images.personLarge];
    for (const imagePath of paths) {
      const started = performance.now();
      await detector.detect(imagePath, {});
      console.log(`objects: warm ${Math.round(performance.now() - started)} ms for ${path.basename(imagePath)}`);
    }
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    expect(objectDetectorLoadCount()).toBe(1);
    expect(await createEmbeddedObjectDetector({ minScore: 0.95 }).detect(personImage, {})).toEqual([]);
  });

  it('does not run once aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('cancelled by the test'));
    const detect = createEmbeddedObjectDetector().detect(personImage, { signal: controller.signal });
    await expect(detect).rejects.toThrow('cancelled by the test');
  });

  it('shares the tfjs engine with nsfwjs, whichever loads first', async () => {
    // This process loaded the detector first; nsfwjs joins it here.
    const detector = createEmbeddedObjectDetector();
    const before = await detector.detect(personImage, {});
    const [scores] = await createEmbeddedModerationClassifier().classify([personImage], {});
    const after = await detector.detect(personImage, {});
    console.log(`objects + nsfw loaded: ${rss()}`);
    expect(after).toEqual(before);
    expect(scores.neutral).toBeGreaterThan(0.5);

    // The other order needs a fresh process: nsfwjs first, then the detector, then nsfwjs again.
    const source = (file: string) => JSON.stringify(path.join(root, 'src/ml', file));
    const script = `
      const { createEmbeddedModerationClassifier } = await import(${source('nsfw/embedded-moderation.ts')});
      const { createEmbeddedObjectDetector } = await import(${source('objects/embedded-object-detector.ts')});
      const image = ${JSON.stringify(personImage)};
      const [first] = await createEmbeddedModerationClassifier().classify([image], {});
      const objects = await createEmbeddedObjectDetector().detect(image, {});
      const [second] = await createEmbeddedModerationClassifier().classify([image], {});
      console.log(JSON.stringify({ first, objects, second, rss: process.memoryUsage().rss }));
    `;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root });
    type ChildResult = { first: typeof scores; objects: DetectedObject[]; second: typeof scores; rss: number };
    const other = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as ChildResult;
    console.log(`nsfw first, then objects (child process): ${Math.round(other.rss / 1e6)} MB RSS`);
    expect(other.objects).toEqual(before);
    for (const [name, value] of Object.entries(scores)) {
      expect(other.first[name]).toBeCloseTo(value, 6);
      expect(other.second[name]).toBeCloseTo(value, 6);
    }
  });
});
