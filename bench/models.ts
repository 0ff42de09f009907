// Section "models": the embedded models. 1. in this process, each model alone: speech real-time
// factor on two minutes of espeak-ng speech (cold, including loading, and warm), nsfw, OCR and
// object-detection latency per image; 2. the server as a child process running speech,
// subtitles, chapters, nsfw and description through the API: task latencies and the peak RSS of
// that one worker process with every model loaded.
// Settings (env): BENCH_SPEECH_REPEATS (copies of the 8 s fixture, default 15), BENCH_IMAGES (20).
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { resolveMediaBinaries } from '../src/media/ffmpeg-binaries.js';
import { createEmbeddedModerationClassifier } from '../src/ml/nsfw/embedded-moderation.js';
import { createEmbeddedObjectDetector } from '../src/ml/objects/embedded-object-detector.js';
import { createEmbeddedTextReader } from '../src/ml/ocr/embedded-text-reader.js';
import { createEmbeddedSpeechRecognizer } from '../src/ml/speech/embedded-speech-recognizer.js';
import { wordErrorRate } from '../src/ml/speech/word-error-rate.js';
import { startMediaServer } from '../test/support/media-server.js';
import { readMemoryMb } from './proc-stats.js';
import type { BenchScope } from './scope.js';
import { mean, median } from './stats.js';
import { TaskClient } from './task-client.js';

const run = promisify(execFile);
const fixtures = path.resolve(import.meta.dirname, '../test/fixtures');
const settings = {
  speechRepeats: Number(process.env.BENCH_SPEECH_REPEATS ?? 15),
  images: Number(process.env.BENCH_IMAGES ?? 20),
};
const goals = { speechRealTimeFactor: 0.1, workerPeakMb: 1536 };

export async function runModelsSection(scope: BenchScope): Promise<void> {
  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-models-'));
  scope.defer(() => fs.rm(workDir, { recursive: true, force: true }));
  const { ffmpeg } = await resolveMediaBinaries();

  scope.log(`speech: ${settings.speechRepeats} copies of the known-text fixture`);
  const longSpeech = path.join(workDir, 'speech.wav');
  const copies = Array.from({ length: settings.speechRepeats }, () => ['-i', path.join(fixtures, 'speech/known-text.ogg')]).flat();
  await run(ffmpeg.path, ['-v', 'error', '-y', ...copies, '-filter_complex', `concat=n=${settings.speechRepeats}:v=0:a=1`, '-ac', '1', '-ar', '16000', longSpeech]);
  const knownText = (await fs.readFile(path.join(fixtures, 'speech/known-text.txt'), 'utf8')).trim();
  const recognizer = createEmbeddedSpeechRecognizer({ ffmpegPath: ffmpeg.path });
  const timed = async () => {
    const started = performance.now();
    const transcript = await recognizer.transcribe(longSpeech, {});
    return { seconds: (performance.now() - started) / 1000, transcript };
  };
  const cold = await timed();
  const warm = await timed();
  const audioSeconds = warm.transcript.duration;
  const wer = wordErrorRate(Array(settings.speechRepeats).fill(knownText).join(' '), warm.transcript.text);

  scope.log(`nsfw and OCR: ${settings.images} images`);
  const images = await makeImages(workDir, settings.images);
  const moderation = createEmbeddedModerationClassifier();
  const nsfwLoad = await time(() => moderation.classify([images[0]], {}));
  const nsfwMs = [];
  for (const image of images) nsfwMs.push(await time(() => moderation.classify([image], {})));
  const reader = createEmbeddedTextReader();
  const titleFrame = path.join(workDir, 'title.png');
  await run(ffmpeg.path, ['-v', 'error', '-y', '-ss', '15', '-i', path.join(fixtures, 'three-scenes.mp4'), '-frames:v', '1', '-vf', 'scale=1280:720', titleFrame]);
  const ocrLoad = await time(() => reader.readText(titleFrame, {}));
  const ocrMs = [];
  for (let index = 0; index < 5; index++) ocrMs.push(await time(() => reader.readText(titleFrame, {})));
  const detector = createEmbeddedObjectDetector();
  const objectsLoad = await time(() => detector.detect(images[0], {}));
  const objectsMs = [];
  for (const image of images.slice(0, 10)) objectsMs.push(await time(() => detector.detect(image, {})));
  const inProcessPeakMb = readMemoryMb(process.pid, 'VmHWM');

  scope.log('server: one task of each intelligence kind');
  const media = await startMediaServer(workDir);
  scope.defer(() => media.close());
  for (const file of ['three-scenes.mp4', 'spoken-title.mp4']) await fs.copyFile(path.join(fixtures, file), path.join(workDir, file));
  const server = await scope.startServer();
  const client = new TaskClient(server.url);
  scope.defer(() => client.close());
  const afterStartMb = readMemoryMb(server.pid, 'VmRSS');
  const tasks: Array<[string, Record<string, unknown>]> = [
    ['speech, 2 min', { kind: 'SPEECH', url: `${media.url}/speech.wav` }],
    ['subtitles (transcript reused)', { kind: 'SUBTITLES', url: `${media.url}/speech.wav` }],
    ['chapters, 30 s 3 scenes', { kind: 'CHAPTERS', url: `${media.url}/three-scenes.mp4` }],
    ['nsfw, one 640x480 image', { kind: 'NSFW', url: `${media.url}/${path.basename(images[1])}` }],
    ['nsfw, 30 s video', { kind: 'NSFW', url: `${media.url}/three-scenes.mp4` }],
    ['description, one 640x480 image', { kind: 'DESCRIPTION', url: `${media.url}/${path.basename(images[2])}` }],
    ['description, 8 s video with speech', { kind: 'DESCRIPTION', url: `${media.url}/spoken-title.mp4` }],
    ['description, image again (warm)', { kind: 'DESCRIPTION', url: `${media.url}/${path.basename(images[3])}` }],
    ['nsfw, image again (warm)', { kind: 'NSFW', url: `${media.url}/${path.basename(images[4])}` }],
  ];
  const taskRows: string[] = [];
  for (const [label, input] of tasks) {
    const result = await client.run(input, 300_000);
    taskRows.push(`| ${label} | ${result.latencyMs.toFixed(0)} ms |`);
  }
  const workerPeakMb = readMemoryMb(server.pid, 'VmHWM');

  const rtf = (seconds: number) => seconds / audioSeconds;
  const verdict = (met: boolean) => (met ? 'met' : '**NOT met**');
  console.log(`
### Embedded models (\`BENCH_ONLY=models npm run bench\`)

In this process, each model alone (2 cores; onnxruntime and tfjs-wasm threads: half the cores):

| measure | value | goal |
|---|---|---|
| speech: ${audioSeconds.toFixed(1)} s of espeak-ng speech, cold (loading included) | ${cold.seconds.toFixed(2)} s, real-time factor ${rtf(cold.seconds).toFixed(3)} | |
| speech: same audio, warm | ${warm.seconds.toFixed(2)} s, real-time factor **${rtf(warm.seconds).toFixed(3)}** | ≤ ${goals.speechRealTimeFactor}: ${verdict(rtf(warm.seconds) <= goals.speechRealTimeFactor)} |
| speech: word error rate on it | ${(wer * 100).toFixed(1)} % (${warm.transcript.segments.length} segments) | |
| nsfw (nsfwjs MobileNetV2, tfjs wasm): first image, loading included | ${nsfwLoad.toFixed(0)} ms | |
| nsfw: per 640x480 image, warm | median ${median(nsfwMs).toFixed(1)} ms, mean ${mean(nsfwMs).toFixed(1)} ms | |
| OCR (PP-OCRv4): first 1280x720 frame, loading included | ${ocrLoad.toFixed(0)} ms | |
| OCR: per 1280x720 frame with a title, warm | median ${median(ocrMs).toFixed(0)} ms | |
| objects (human CenterNet, tfjs wasm): first image, loading included | ${objectsLoad.toFixed(0)} ms | |
| objects: per 640x480 image, warm | median ${median(objectsMs).toFixed(0)} ms | |
| this process's peak RSS with speech, nsfw, OCR and objects loaded | ${inProcessPeakMb.toFixed(0)} MB | |

Through the API, one server process (api + worker) running one task of each kind in turn:

| task | createTask → SUCCEEDED |
|---|---|
${taskRows.join('\n')}

| worker memory | value | goal |
|---|---|---|
| RSS after start | ${afterStartMb.toFixed(0)} MB | |
| peak RSS (VmHWM) with every model loaded | **${workerPeakMb.toFixed(0)} MB** | ≤ ${goals.workerPeakMb} MB: ${verdict(workerPeakMb <= goals.workerPeakMb)} |
`);
}

async function time(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** 640x480 JPEGs with varied content (gradients and noise), as camera frames are. */
async function makeImages(dir: string, count: number): Promise<string[]> {
  const files: string[] = [];
  for (let index = 0; index < count; index++) {
    const file = path.join(dir, `image-${index}.jpg`);
    await sharp({ create: { width: 640, height: 480, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 60 + index * 7, sigma: 40 } } })
      .composite([{ input: { create: { width: 320, height: 240, channels: 3, background: { r: 40 + index * 10, g: 120, b: 200 - index * 5 } } }, left: 160, top: 120 }])
      .jpeg().toFile(file);
    files.push(file);
  }
  return files;
}
