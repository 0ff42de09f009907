// The embedded vision models, for real: nsfwjs moderation on the tfjs wasm backend and PP-OCRv4
// on-screen text. Latencies are printed for information, never asserted.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaToolEnvironment } from '../src/media/ffmpeg-binaries.js';
import { testMediaBinaries } from './support/media-tools.js';
import { createEmbeddedModerationClassifier, moderationModelLoadCount } from '../src/ml/nsfw/embedded-moderation.js';
import { createEmbeddedTextReader, textReaderLoadCount } from '../src/ml/ocr/embedded-text-reader.js';
import type { ModerationScores, TextLine } from '../src/ml/providers.js';
import { tfjsWasm } from '../src/ml/tfjs-wasm.js';
import { writeTestImage } from './support/fixtures.js';

const run = promisify(execFile);
const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
/** Made by scripts/make-vision-fixtures.sh: "CASTLE" (96 px, top at y=120, centred) over "Night of the Storm". */
const titleImage = path.join(fixtures, 'vision/title.png');

let dir: string;
const images = { gradient: '', solid: '', testPattern: '', blank: '', titleFullHd: '', oceanFrame: '' };

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-vision-'));
  for (const name of Object.keys(images) as Array<keyof typeof images>) images[name] = path.join(dir, `${name}.png`);
  await Promise.all([
    writeTestImage(images.gradient, 320, 240),
    sharp({ create: { width: 320, height: 240, channels: 3, background: '#3a6ea5' } }).png().toFile(images.solid),
    sharp({ create: { width: 640, height: 360, channels: 3, background: '#808080' } }).png().toFile(images.blank),
    ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=1:duration=1', '-frames:v', '1', images.testPattern]),
    // Larger than the reader's 960 px detection size: exercises scaling boxes back to the original.
    sharp(titleImage).resize(1920, 1080).png().toFile(images.titleFullHd),
    // The middle scene ("OCEAN" over noise) of a committed video, as a frame sampled from a video is.
    ffmpeg(['-ss', '15', '-i', path.join(fixtures, 'three-scenes.mp4'), '-frames:v', '1', images.oceanFrame]),
  ]);
});

afterAll(async () => {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

async function ffmpeg(args: string[]): Promise<void> {
  const { ffmpeg: binary } = await testMediaBinaries();
  await run(binary.path, ['-y', '-v', 'error', ...args], { env: mediaToolEnvironment(binary.path) });
}

function rss(): string {
  return `${Math.round(process.memoryUsage().rss / 1e6)} MB RSS`;
}

describe('embedded moderation (nsfwjs MobileNetV2)', () => {
  const classes = ['drawing', 'hentai', 'neutral', 'porn', 'sexy'];

  it('scores neutral pictures as safe, loading the model once for concurrent first calls', async () => {
    const paths = [images.gradient, images.solid, images.testPattern];
    const progress: number[] = [];
    const started = performance.now();
    // Two classifiers, called at once before anything is loaded: they share one model load.
    const [scores, again] = await Promise.all([
      createEmbeddedModerationClassifier().classify(paths, { onProgress: (fraction) => progress.push(fraction) }),
      createEmbeddedModerationClassifier().classify([images.gradient], {}),
    ]);
    console.log(`nsfw: first call (loads the model) ${Math.round(performance.now() - started)} ms, ${rss()}`);

    expect(moderationModelLoadCount()).toBe(1);
    expect((await tfjsWasm()).getBackend()).toBe('wasm');
    expect(progress).toEqual([1 / 3, 2 / 3, 1]);
    expect(again[0]).toEqual(scores[0]);
    expect(scores).toHaveLength(3);
    for (const score of scores) expectValidScores(score);
  });

  it('reuses the loaded model and keeps tensor memory flat', async () => {
    const classifier = createEmbeddedModerationClassifier();
    expect(classifier.model).toBe('embedded:nsfwjs-mobilenet-v2');
    const tf = await tfjsWasm();
    const tensorsBefore = tf.memory().numTensors;
    const paths = [images.gradient, images.solid, images.testPattern, images.blank];
    const started = performance.now();
    const scores = await classifier.classify(paths, {});
    console.log(`nsfw: warm ${Math.round((performance.now() - started) / paths.length)} ms an image, ${rss()}`);

    expect(moderationModelLoadCount()).toBe(1);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    for (const score of scores) expectValidScores(score);
  });

  it('stops between images once aborted', async () => {
    const controller = new AbortController();
    const progress: number[] = [];
    const classify = createEmbeddedModerationClassifier().classify([images.gradient, images.solid, images.blank], {
      signal: controller.signal,
      onProgress: (fraction) => {
        progress.push(fraction);
        controller.abort(new Error('cancelled by the test'));
      },
    });
    await expect(classify).rejects.toThrow('cancelled by the test');
    expect(progress).toEqual([1 / 3]);
  });

  function expectValidScores(score: ModerationScores): void {
    for (const value of Object.values(score)) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1);
    }
    expect(classes.reduce((sum, name) => sum + score[name], 0)).toBeCloseTo(1, 3);
    expect(score.nudity).toBeCloseTo(score.porn + score.hentai, 6);
    expect(score.sexual).toBe(score.nudity);
    expect(score.suggestive).toBe(score.sexy);
    expect(score.nudity).toBeLessThan(0.5);
  }
});

describe('embedded on-screen text (PP-OCRv4)', () => {
  it('reads a title and its subtitle in reading order, loading the models once for concurrent first calls', async () => {
    const started = performance.now();
    const [lines, again] = await Promise.all([
      createEmbeddedTextReader().readText(titleImage, {}),
      createEmbeddedTextReader().readText(titleImage, {}),
    ]);
    console.log(`ocr: first call (loads the models) ${Math.round(performance.now() - started)} ms, ${rss()}`);

    expect(textReaderLoadCount()).toBe(1);
    expect(again).toEqual(lines);
    const title = findLine(lines, 'castle');
    const subtitle = findLine(lines, 'night of the storm');
    expect(lines.indexOf(title)).toBeLessThan(lines.indexOf(subtitle));
    // Where the fixture script drew it: centred, 96 px high from y=120 (boxes include some margin).
    expect(Math.abs(title.box.x + title.box.width / 2 - 320)).toBeLessThan(20);
    expect(title.box.y).toBeGreaterThan(100);
    expect(title.box.y + title.box.height).toBeLessThan(240);
    expect(subtitle.box.x).toBeLessThan(60);
  });

  it('reads large frames, with boxes in pixels of the original image', async () => {
    const reader = createEmbeddedTextReader();
    expect(reader.model).toBe('embedded:pp-ocrv4');
    let started = performance.now();
    const small = findLine(await reader.readText(titleImage, {}), 'castle');
    console.log(`ocr: warm ${Math.round(performance.now() - started)} ms for 640×360 (3 lines)`);
    started = performance.now();
    const lines = await reader.readText(images.titleFullHd, {});
    console.log(`ocr: warm ${Math.round(performance.now() - started)} ms for 1920×1080 (3 lines), ${rss()}`);

    const large = findLine(lines, 'castle');
    findLine(lines, 'night of the storm');
    // Three times the 640×360 fixture: the box centre scales by 3 (detection boxes differ by a few pixels).
    expect(Math.abs((large.box.x + large.box.width / 2) / 3 - (small.box.x + small.box.width / 2))).toBeLessThan(15);
    expect(Math.abs((large.box.y + large.box.height / 2) / 3 - (small.box.y + small.box.height / 2))).toBeLessThan(15);
    expect(textReaderLoadCount()).toBe(1);
  });

  it('reads a title burned into a video frame', async () => {
    const started = performance.now();
    const lines = await createEmbeddedTextReader().readText(images.oceanFrame, {});
    console.log(`ocr: warm ${Math.round(performance.now() - started)} ms for a 320×180 video frame`);
    findLine(lines, 'ocean');
  });

  it('finds no text in a blank image', async () => {
    const progress: number[] = [];
    const started = performance.now();
    expect(await createEmbeddedTextReader().readText(images.blank, { onProgress: (fraction) => progress.push(fraction) })).toEqual([]);
    console.log(`ocr: warm ${Math.round(performance.now() - started)} ms for a blank 640×360 image`);
    expect(progress).toEqual([1]);
  });

  it('refuses to start when already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('cancelled by the test'));
    await expect(createEmbeddedTextReader().readText(titleImage, { signal: controller.signal })).rejects.toThrow('cancelled by the test');
  });

  function findLine(lines: TextLine[], words: string): TextLine {
    const line = lines.find((candidate) => candidate.text.toLowerCase().includes(words));
    expect(line, `"${words}" in ${JSON.stringify(lines.map(({ text }) => text))}`).toBeDefined();
    expect(line!.confidence).toBeGreaterThan(0.8);
    expect(line!.confidence).toBeLessThanOrEqual(1);
    return line!;
  }
});
