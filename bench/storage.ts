// Section "storage": the same tasks with local storage (STORAGE_DIR) and with S3 (s3rver on
// loopback, started as the tests do: test/support/s3-server.ts), on two servers, each on its own
// fresh database, running side by side.
// - video: a 10 s 1280x720 H.264 clip → { width: 854, height: 480, codec: h264, format: mp4 }
// - image: a 12-megapixel JPEG → { width: 1024, format: webp }
// After one warm-up task per server and kind, tasks alternate local, S3, local, S3 … and the
// medians of createTask sent → SUCCEEDED seen are compared. A task's CPU time is the server
// process's CPU (user + system) across the task, its reaped children (ffmpeg) included. Bytes to
// and from S3 are counted on the wire (HTTP headers included) by a TCP proxy in this process
// between the server and s3rver: the S3 times include that extra loopback hop.
// Settings (env): BENCH_STORAGE_VIDEO_PAIRS (5), BENCH_STORAGE_IMAGE_PAIRS (15).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startS3Server } from '../test/support/s3-server.js';
import { startTcpProxy } from '../test/support/tcp-proxy.js';
import { startInputServer } from './media.js';
import { readCpuMs } from './proc-stats.js';
import { binaryVersion, bundledBinary, writeNoisyJpeg, writeTestVideo } from './real-media.js';
import type { BenchScope, BenchServer } from './scope.js';
import { median } from './stats.js';
import { TaskClient } from './task-client.js';

const setting = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const settings = {
  videoPairs: setting('BENCH_STORAGE_VIDEO_PAIRS', 5),
  imagePairs: setting('BENCH_STORAGE_IMAGE_PAIRS', 15),
  videoTimeoutMs: 120_000,
  imageTimeoutMs: 60_000,
};
const goal = 0.10; // S3 adds ≤ 10 % to a 10 s 720p transcode

const videoSource = { width: 1280, height: 720, seconds: 10, fps: 30 };
const videoOptions = { width: 854, height: 480, codec: 'h264', format: 'mp4' };
const imageSource = { width: 4000, height: 3000, quality: 90 };
const imageOptions = { width: 1024, format: 'webp' };

interface Side {
  name: 'local' | 'S3';
  server: BenchServer;
  client: TaskClient;
}

interface Sample {
  wallMs: number;
  cpuMs: number;
  sent: number;
  received: number;
}

export async function runStorageSection(scope: BenchScope): Promise<void> {
  for (const name of ['videoPairs', 'imagePairs'] as const) {
    if (!Number.isInteger(settings[name]) || settings[name] < 1) throw new Error(`BENCH_STORAGE_${name === 'videoPairs' ? 'VIDEO' : 'IMAGE'}_PAIRS must be a whole number ≥ 1, not ${settings[name]}`);
  }
  const loadAverage = os.loadavg();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-storage-inputs-'));
  scope.defer(() => fs.rm(dir, { recursive: true, force: true }));
  const ffmpeg = bundledBinary('ffmpeg');
  scope.log('generating the inputs');
  const videoFile = path.join(dir, 'input.mp4');
  const imageFile = path.join(dir, 'input.jpg');
  await writeTestVideo(ffmpeg, videoFile, videoSource);
  await writeNoisyJpeg(imageFile, imageSource.width, imageSource.height, imageSource.quality);
  const [videoBytes, imageBytes] = await Promise.all([fs.readFile(videoFile), fs.readFile(imageFile)]);
  const videoInput = await startInputServer(videoBytes, 'video/mp4');
  scope.defer(() => videoInput.close());
  const imageInput = await startInputServer(imageBytes, 'image/jpeg');
  scope.defer(() => imageInput.close());

  scope.log('starting s3rver and the counting proxy');
  const s3 = await startS3Server('bench-media');
  scope.defer(() => s3.close());
  const proxy = await startTcpProxy(new URL(s3.endpoint));
  scope.defer(() => proxy.close());

  const sides: Side[] = [];
  for (const [name, env] of [
    ['local', {}],
    ['S3', {
      STORAGE_URL: `s3://${s3.bucket}/bench`, S3_ENDPOINT: proxy.url, S3_FORCE_PATH_STYLE: 'true',
      S3_ACCESS_KEY_ID: s3.credentials.accessKeyId, S3_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
    }],
  ] as const) {
    const server = await scope.startServer(env);
    const client = new TaskClient(server.url);
    scope.defer(() => client.close());
    sides.push({ name, server, client });
  }

  const runOne = async (side: Side, input: Record<string, unknown>, timeoutMs: number): Promise<Sample> => {
    const cpuBefore = readCpuMs(side.server.pid, { children: true });
    const [sentBefore, receivedBefore] = [proxy.sent(), proxy.received()];
    const run = await side.client.run(input, timeoutMs);
    return {
      wallMs: run.latencyMs,
      cpuMs: readCpuMs(side.server.pid, { children: true }) - cpuBefore,
      sent: proxy.sent() - sentBefore,
      received: proxy.received() - receivedBefore,
    };
  };

  const cases = [
    { name: 'video', input: { kind: 'VIDEO', url: `${videoInput.url}/input.mp4`, options: { video: videoOptions } }, pairs: settings.videoPairs, timeoutMs: settings.videoTimeoutMs,
      workload: `${videoSource.seconds} s ${videoSource.width}x${videoSource.height} H.264 + AAC MP4 (${mb(videoBytes.length)}) → 854x480 H.264 MP4` },
    { name: 'image', input: { kind: 'IMAGE', url: `${imageInput.url}/input.jpg`, options: { image: imageOptions } }, pairs: settings.imagePairs, timeoutMs: settings.imageTimeoutMs,
      workload: `${imageSource.width}x${imageSource.height} JPEG q${imageSource.quality} (${mb(imageBytes.length)}) → 1024-wide WebP` },
  ];
  const rows: string[] = [];
  let videoAdded: number | null = null;
  for (const testCase of cases) {
    if (scope.closed) throw new Error('interrupted');
    scope.log(`${testCase.name}: one warm-up task per server, then ${testCase.pairs} alternating pairs`);
    for (const side of sides) await runOne(side, testCase.input, testCase.timeoutMs);
    const samples: Record<Side['name'], Sample[]> = { local: [], S3: [] };
    for (let index = 0; index < testCase.pairs; index++) {
      for (const side of sides) samples[side.name].push(await runOne(side, testCase.input, testCase.timeoutMs));
      scope.log(`${testCase.name} ${index + 1}/${testCase.pairs}: local ${samples.local.at(-1)!.wallMs.toFixed(0)} ms, S3 ${samples.S3.at(-1)!.wallMs.toFixed(0)} ms`);
    }
    const local = median(samples.local.map((sample) => sample.wallMs));
    const remote = median(samples.S3.map((sample) => sample.wallMs));
    const cpu = median(samples.local.map((sample) => sample.cpuMs));
    const cpuS3 = median(samples.S3.map((sample) => sample.cpuMs));
    const added = remote - local;
    if (testCase.name === 'video') videoAdded = added / cpu;
    const sent = median(samples.S3.map((sample) => sample.sent));
    const received = median(samples.S3.map((sample) => sample.received));
    rows.push(`| ${testCase.name}: ${testCase.workload} | ${testCase.pairs} | ${local.toFixed(0)} ms | ${remote.toFixed(0)} ms | ${added >= 0 ? '+' : ''}${added.toFixed(0)} ms | ${cpu.toFixed(0)} / ${cpuS3.toFixed(0)} ms | ${(100 * added / cpu).toFixed(1)} % | ${mb(sent)} / ${mb(received)} |`);
  }

  const met = videoAdded !== null && videoAdded <= goal;
  const cpus = os.cpus();
  console.log([
    '',
    '# Storage: local folder vs S3 (s3rver on loopback)',
    '',
    `- Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores; bench, both servers, s3rver and Postgres share it; load average ${loadAverage.map((value) => value.toFixed(2)).join(' ')} at start, ${os.loadavg().map((value) => value.toFixed(2)).join(' ')} at end`,
    `- Servers: \`${sides[0].server.commandLine}\`, the S3 one with STORAGE_URL=s3://${s3.bucket}/bench S3_ENDPOINT=<counting proxy → s3rver> S3_FORCE_PATH_STYLE=true`,
    `- Tools: ${await binaryVersion(ffmpeg).catch(() => 'ffmpeg (version unknown)')}`,
    '- Wall: createTask sent → SUCCEEDED seen, median over alternating pairs (local, S3, …) after one warm-up each. CPU: the server process, user + system, reaped ffmpeg children included, median per task.',
    '- Bytes: on the wire between the server and s3rver (HTTP headers included), median per S3 task; the bench process\'s own CPU (client, proxy) is not counted, as in the other sections.',
    '',
    '| task | pairs | local wall | S3 wall | S3 adds | task CPU local / S3 | added ÷ task CPU | bytes to / from S3 |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `Goal: S3 adds ≤ 10 % to a 10 s 720p transcode: ${met ? '✅ met' : '❌ not met'} (${videoAdded === null ? '?' : `${(100 * videoAdded).toFixed(1)} % of its CPU time`}).`,
    '',
  ].join('\n'));
}

const mb = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(2)} MB`;
