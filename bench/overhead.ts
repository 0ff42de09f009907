// Section "overhead": what the whole system costs on real work, against the raw tool doing the
// same work in the same run.
// - video: a 10 s 1280x720 H.264 clip → { width: 854, height: 480, codec: h264, format: mp4 }
//   through the API, against the server's own ffmpeg command (captured from /proc while the task
//   runs) run directly on the local file.
// - image: a 12-megapixel JPEG → { width: 1024, format: webp } through the API, against sharp
//   in this process doing src/media/image-transform.ts's operation from file to file.
// After one warm-up of each, api and direct runs alternate in pairs (api, direct, api, …) so that
// machine noise falls on both; each pair has an input of its own (generated, never seen before, so
// no cache helps either side), and the pair's two outputs are compared byte for byte. Per pair: the
// wall-clock ratio and the CPU ratio (the server process with its ffmpeg children against the direct
// ffmpeg child, or sharp's threads in this process); the medians with 95 % bootstrap intervals.
// The api time is createTask sent → SUCCEEDED seen on taskUpdated: fetching the input from a local
// HTTP server, probing, queueing, storing the output are part of the overhead. The load
// generator's own CPU (this process, during each api run) is reported beside.
// Settings (env): BENCH_VIDEO_PAIRS (20), BENCH_IMAGE_PAIRS (20).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp, { type OutputInfo } from 'sharp';
import { startInputServer } from './media.js';
import { printOverheadReport, type CaseOutcome, type CaseResult, type OutputComparison } from './overhead-report.js';
import { readChildrenCpuMs, readCpuMs } from './proc-stats.js';
import { binaryVersion, bundledBinary, probeFile, sha256, writeNoisyJpeg, writeTestVideo, type FileFacts } from './real-media.js';
import type { BenchScope, BenchServer } from './scope.js';
import { stageBreakdown } from './stages.js';
import { TaskClient, type TaskRun } from './task-client.js';
import { redirectCommand, runTimed, taskUuid, watchToolProcess, type DirectCommand, type ProcessWatch, type SeenProcess } from './tool-process.js';

const setting = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const settings = {
  videoRuns: setting('BENCH_VIDEO_PAIRS', 20),
  imageRuns: setting('BENCH_IMAGE_PAIRS', 20),
  videoTimeoutMs: 120_000,
  imageTimeoutMs: 60_000,
  pollMs: 20,
};
// Issue 16's hard goals (the stretch goals: video none, image 1.15).
const goals = { video: 1.05, image: 1.25 };

const videoSource = { width: 1280, height: 720, seconds: 10, fps: 30 };
const videoOptions = { width: 854, height: 480, codec: 'h264', format: 'mp4' };
const imageSource = { width: 4000, height: 3000, quality: 90 };
const imageOptions = { width: 1024, format: 'webp' }; // quality: the server's default, 80

interface Context {
  scope: BenchScope;
  server: BenchServer;
  client: TaskClient;
  dir: string;
  ffprobe: string;
}

export async function runOverheadSection(scope: BenchScope): Promise<void> {
  for (const name of ['videoRuns', 'imageRuns'] as const) {
    if (!Number.isInteger(settings[name]) || settings[name] < 1) throw new Error(`BENCH_${name === 'videoRuns' ? 'VIDEO' : 'IMAGE'}_PAIRS must be a whole number ≥ 1, not ${settings[name]}`);
  }
  sharp.cache(false); // libvips would otherwise reuse the decoded input between direct runs
  const loadAverage = os.loadavg();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-overhead-'));
  scope.defer(() => fs.rm(dir, { recursive: true, force: true }));
  const ffmpeg = bundledBinary('ffmpeg');
  const ffprobe = bundledBinary('ffprobe');

  scope.log(`generating the inputs: a ${videoSource.seconds} s ${videoSource.width}x${videoSource.height} clip with ${ffmpeg}, a ${imageSource.width}x${imageSource.height} JPEG with sharp`);
  // One input per run (the warm-up's, then each pair's), distinct files.
  const videoFiles = Array.from({ length: settings.videoRuns + 1 }, (_, index) => path.join(dir, `input-${index}.mp4`));
  const imageFiles = Array.from({ length: settings.imageRuns + 1 }, (_, index) => path.join(dir, `input-${index}.jpg`));
  for (const [index, file] of videoFiles.entries()) {
    await writeTestVideo(ffmpeg, file, { ...videoSource, variant: index }).catch((error: Error) => {
      throw new Error(`generating the test video with ${ffmpeg} failed: ${error.message}`);
    });
  }
  for (const [index, file] of imageFiles.entries()) await writeNoisyJpeg(file, imageSource.width, imageSource.height, imageSource.quality, 0x9e3779b9 + index * 7919);
  const served = async (files: string[]) => new Map(await Promise.all(files.map(async (file) => [path.basename(file), await fs.readFile(file)] as [string, Buffer])));
  const [videos, images] = await Promise.all([served(videoFiles), served(imageFiles)]);
  const videoBytes = videos.get(path.basename(videoFiles[0]!))!;
  const imageBytes = images.get(path.basename(imageFiles[0]!))!;
  const videoInput = await startInputServer(videoBytes, 'video/mp4', videos);
  scope.defer(() => videoInput.close());
  const imageInput = await startInputServer(imageBytes, 'image/jpeg', images);
  scope.defer(() => imageInput.close());

  const server = await scope.startServer();
  const client = new TaskClient(server.url);
  scope.defer(() => client.close());
  const context: Context = { scope, server, client, dir, ffprobe };

  const video = await outcome(context, () => measureVideo(context, videoFiles, videoInput.url));
  const image = await outcome(context, () => measureImage(context, imageFiles, imageInput.url));

  printOverheadReport({
    loadAverage: { start: loadAverage, end: os.loadavg() },
    server: server.commandLine,
    tools: `${await binaryVersion(ffmpeg).catch(() => 'ffmpeg (version unknown)')} (\`${ffmpeg}\`); sharp ${sharp.versions.sharp ?? ''} with libvips ${sharp.versions.vips}`,
    cases: [
      {
        name: 'video',
        workload: `${videoSource.seconds} s ${videoSource.width}x${videoSource.height} ${videoSource.fps} fps H.264 + AAC MP4 (${mb(videoBytes.length)}) → \`video\` ${json(videoOptions)}`,
        baseline: "the server's ffmpeg command, run directly on the local file",
        goal: goals.video,
        outcome: video,
      },
      {
        name: 'image',
        workload: `${imageSource.width}x${imageSource.height} JPEG q${imageSource.quality} (${mb(imageBytes.length)}) → \`image\` ${json(imageOptions)} (quality 80 by default)`,
        baseline: 'sharp in the bench process, same pipeline and options, file to file',
        goal: goals.image,
        outcome: image,
      },
    ],
  });
  const failed = Object.entries({ video, image }).filter(([, result]) => 'error' in result).map(([name]) => name);
  if (failed.length > 0) throw new Error(`the ${failed.join(' and ')} case${failed.length > 1 ? 's' : ''} failed (see the table above)`);
}

/** A case's result, or its failure as a message (noting a dead server), so the other case still runs. */
async function outcome({ scope, server }: Context, measure: () => Promise<CaseResult>): Promise<CaseOutcome> {
  if (scope.closed) throw new Error('interrupted');
  try {
    return await measure();
  } catch (error) {
    if (scope.closed) throw error;
    const message = error instanceof Error ? error.message : String(error);
    const exit = server.exitStatus();
    scope.log(`case failed: ${message}`);
    return { error: exit ? `the server process died (${exit}): ${message}` : message };
  }
}

// --- video: the API against the server's own ffmpeg command

async function measureVideo(context: Context, inputFiles: string[], inputBase: string): Promise<CaseResult> {
  const { scope, client, dir, server } = context;
  const taskInput = (index: number) => ({ kind: 'VIDEO', url: `${inputBase}/${path.basename(inputFiles[index]!)}`, options: { video: videoOptions } });
  const directOutput = path.join(dir, 'direct.mp4');
  const runs = settings.videoRuns;

  scope.log('video: warm-up task, capturing its ffmpeg command');
  const warmup = await apiVideoRun(context, taskInput(0));
  const command = redirectCommand(warmup.seen.argv, warmup.uuid, inputFiles[0]!, directOutput);
  scope.log(`video: the server ran ${command.display}`);

  const result = emptyResult(command.display);
  const apiRuns: TaskRun[] = [];
  const serverSizes: number[] = [];
  const directSizes: number[] = [];
  let lastOutput: FileFacts | null = null;
  for (let index = 1; index <= runs; index++) {
    const cpu = { server: readCpuMs(server.pid, { children: true }), generator: process.cpuUsage() };
    const api = await apiVideoRun(context, taskInput(index));
    const apiCpuMs = readCpuMs(server.pid, { children: true }) - cpu.server;
    result.generatorCpuMs.push(cpuMsOf(process.cpuUsage(cpu.generator)));
    const again = redirectCommand(api.seen.argv, api.uuid, inputFiles[index]!, directOutput);
    if (!sameCommand(again, redirectCommand(warmup.seen.argv, warmup.uuid, inputFiles[index]!, directOutput))) {
      throw new Error(`the server's ffmpeg command changed between tasks:\n  warm-up: ${command.display}\n  run ${index}: ${again.display}`);
    }
    apiRuns.push(api.run);
    if (api.seen.lifetimeMs !== null) {
      result.toolInServerMs.push(api.seen.lifetimeMs);
      result.outsideToolMs.push(api.run.latencyMs - api.seen.lifetimeMs);
    }
    lastOutput = await serverOutput(client, api.run.id);
    serverSizes.push(lastOutput.size);

    await fs.rm(directOutput, { force: true });
    const childrenCpu = readChildrenCpuMs(process.pid);
    const direct = await runTimed(again.binary, again.args, settings.videoTimeoutMs);
    const directCpuMs = readChildrenCpuMs(process.pid) - childrenCpu;
    const directBytes = await fs.readFile(directOutput);
    directSizes.push(directBytes.length);
    result.pairs.push({ apiMs: api.run.latencyMs, directMs: direct, apiCpuMs, directCpuMs, identical: lastOutput.sha256 === sha256(directBytes) });
    scope.log(`video ${index}/${runs}: api ${api.run.latencyMs.toFixed(0)} ms (its ffmpeg ${api.seen.lifetimeMs?.toFixed(0) ?? '?'} ms), direct ${direct.toFixed(0)} ms; CPU ${apiCpuMs.toFixed(0)} vs ${directCpuMs.toFixed(0)} ms`);
  }

  const serverFacts = lastOutput!;
  const directFacts = await probeFile(context.ffprobe, directOutput);
  result.outputs = {
    rows: [
      ['size', bytesWithRuns(serverSizes), bytesWithRuns(directSizes)],
      ['width x height', `${serverFacts.width}x${serverFacts.height}`, `${directFacts.width}x${directFacts.height}`],
      ['duration', seconds(serverFacts.duration), seconds(directFacts.duration)],
      ['bitrate', kbps(serverFacts.bitrate), kbps(directFacts.bitrate)],
      ['codecs', serverFacts.codecs.join(', '), directFacts.codecs.join(', ')],
    ],
    sizeDifference: Math.abs(serverFacts.size - directFacts.size) / directFacts.size,
    identical: result.pairs.every((pair) => pair.identical),
  };
  result.stages = (await stageBreakdown(client, apiRuns)).gaps;
  return result;
}

function emptyResult(command: string | null): CaseResult {
  return { pairs: [], generatorCpuMs: [], toolInServerMs: [], outsideToolMs: [], command, stages: [], outputs: { rows: [], sizeDifference: 0, identical: false } };
}

const cpuMsOf = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

interface ApiVideoRun {
  run: TaskRun;
  uuid: string;
  seen: SeenProcess;
}

/** One video task through the API, watching /proc for its ffmpeg from the moment createTask answers. */
async function apiVideoRun(context: Context, taskInput: Record<string, unknown>): Promise<ApiVideoRun> {
  const watching: { watch?: ProcessWatch; uuid?: string } = {};
  try {
    const run = await context.client.run(taskInput, settings.videoTimeoutMs, (id) => {
      watching.uuid = taskUuid(id);
      watching.watch = watchToolProcess(watching.uuid, context.server.pid, settings.pollMs);
    });
    const seen = watching.watch!.stop();
    if (!seen) {
      throw new Error(`no ffmpeg process with the task's UUID ${watching.uuid} in its command line was seen in /proc while task ${run.id} ran `
        + `(polled every ${settings.pollMs} ms; ${run.latencyMs.toFixed(0)} ms from createTask to SUCCEEDED)`);
    }
    return { run, uuid: watching.uuid!, seen };
  } finally {
    watching.watch?.stop();
  }
}

function sameCommand(a: DirectCommand, b: DirectCommand): boolean {
  return a.binary === b.binary && a.args.length === b.args.length && a.args.every((arg, index) => arg === b.args[index]);
}

// --- image: the API against sharp in-process

async function measureImage(context: Context, inputFiles: string[], inputBase: string): Promise<CaseResult> {
  const { scope, client, dir, server } = context;
  const taskInput = (index: number) => ({ kind: 'IMAGE', url: `${inputBase}/${path.basename(inputFiles[index]!)}`, options: { image: imageOptions } });
  const directOutput = path.join(dir, 'direct.webp');
  const runs = settings.imageRuns;

  scope.log('image: warm-up task and warm-up sharp run');
  await client.run(taskInput(0), settings.imageTimeoutMs);
  await directImage(inputFiles[0]!, directOutput);

  const result = emptyResult(null);
  const apiRuns: TaskRun[] = [];
  const serverSizes: number[] = [];
  const directSizes: number[] = [];
  let lastOutput: FileFacts | null = null;
  let lastDirect: OutputInfo | null = null;
  for (let index = 1; index <= runs; index++) {
    const cpu = { server: readCpuMs(server.pid, { children: true }), generator: process.cpuUsage() };
    const run = await client.run(taskInput(index), settings.imageTimeoutMs);
    const apiCpuMs = readCpuMs(server.pid, { children: true }) - cpu.server;
    result.generatorCpuMs.push(cpuMsOf(process.cpuUsage(cpu.generator)));
    apiRuns.push(run);
    lastOutput = await serverOutput(client, run.id);
    serverSizes.push(lastOutput.size);
    const directCpu = process.cpuUsage();
    const direct = await directImage(inputFiles[index]!, directOutput);
    const directCpuMs = cpuMsOf(process.cpuUsage(directCpu));
    directSizes.push(direct.info.size);
    lastDirect = direct.info;
    result.pairs.push({ apiMs: run.latencyMs, directMs: direct.ms, apiCpuMs, directCpuMs, identical: lastOutput.sha256 === sha256(await fs.readFile(directOutput)) });
    scope.log(`image ${index}/${runs}: api ${run.latencyMs.toFixed(1)} ms, direct ${direct.ms.toFixed(1)} ms; CPU ${apiCpuMs.toFixed(0)} vs ${directCpuMs.toFixed(0)} ms`);
  }

  const serverFacts = lastOutput!;
  const directBytes = await fs.readFile(directOutput);
  result.outputs = {
    rows: [
      ['size', bytesWithRuns(serverSizes), bytesWithRuns(directSizes)],
      ['width x height', `${serverFacts.width}x${serverFacts.height}`, `${lastDirect!.width}x${lastDirect!.height}`],
    ],
    sizeDifference: Math.abs(serverFacts.size - directBytes.length) / directBytes.length,
    identical: result.pairs.every((pair) => pair.identical),
  };
  result.stages = (await stageBreakdown(client, apiRuns)).gaps;
  return result;
}

/**
 * src/media/image-transform.ts's pipeline for these options (webp: no flatten; the GraphQL
 * defaults fit cover, position center → 'centre', background #000000, quality 80; the server's
 * default MAX_IMAGE_PIXELS), timed from the file on disk to the file written.
 */
async function directImage(inputFile: string, outputFile: string): Promise<{ ms: number; info: OutputInfo }> {
  const started = performance.now();
  const info = await sharp(inputFile, { autoOrient: true, failOn: 'truncated', limitInputPixels: 100_000_000, sequentialRead: true })
    .resize({ width: imageOptions.width, height: undefined, fit: 'cover', position: 'centre', background: '#000000' })
    .toFormat('webp', { quality: 80 })
    .toFile(outputFile);
  return { ms: performance.now() - started, info };
}

// --- the server's output, read through the API and downloaded


const taskOutputsQuery = 'query TaskOutputs($id: ID!) { task(id: $id) { outputs { url size width height duration bitrate codecs } } }';

async function serverOutput(client: TaskClient, id: string): Promise<FileFacts> {
  const { task } = await client.request<{ task: { outputs: Array<Omit<FileFacts, 'sha256'> & { url: string }> } }>(taskOutputsQuery, { id });
  if (task.outputs.length !== 1) throw new Error(`task ${id} has ${task.outputs.length} outputs, expected 1`);
  const [{ url, ...facts }] = task.outputs;
  const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  if (!response.ok) throw new Error(`downloading the output of task ${id} from ${url}: HTTP ${response.status}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length !== facts.size) throw new Error(`the output of task ${id} is ${bytes.length} bytes at ${url}, the API says ${facts.size}`);
  return { ...facts, sha256: sha256(bytes) };
}

// --- formatting

const json = (value: Record<string, unknown>) => `{ ${Object.entries(value).map(([key, item]) => `${key}: ${item}`).join(', ')} }`;
const mb = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(1)} MB`;
const seconds = (value: number | null) => (value === null ? '–' : `${value.toFixed(3)} s`);
const kbps = (value: number | null) => (value === null ? '–' : `${(value / 1000).toFixed(0)} kbit/s`);

/** "1 234 567 B", noting when the runs did not all produce the same size. */
function bytesWithRuns(sizes: number[]): string {
  const last = sizes.at(-1)!;
  const formatted = `${last.toLocaleString('en-US')} B`;
  return new Set(sizes).size === 1 ? `${formatted} (all ${sizes.length} runs)` : `${formatted} (runs: ${sizes.map((size) => size.toLocaleString('en-US')).join(' / ')})`;
}

