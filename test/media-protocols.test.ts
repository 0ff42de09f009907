// Media tools open nothing but their input: an HLS playlist or ffconcat list whose entries point
// at a local HTTP server, or at other local files, fails with INPUT_UNSUPPORTED from every tool
// the worker runs and through the API, and the server never sees a request.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaBinaries } from '../src/media/ffmpeg-binaries.js';
import type { MediaJobContext } from '../src/media/ffmpeg-process.js';
import { makeAnimation } from '../src/media/animation.js';
import { transcodeAudio } from '../src/media/audio-transcode.js';
import { extractFrames } from '../src/media/frames.js';
import { encodeHlsLadder, planLadder } from '../src/media/hls-ladder.js';
import { extractVideoFrame } from '../src/media/image-transform.js';
import { probeMedia, type MediaFacts } from '../src/media/probe-media.js';
import { measureSceneScores } from '../src/media/scene-cuts.js';
import { makeStoryboard } from '../src/media/storyboard.js';
import { transcodeVideo } from '../src/media/video-transcode.js';
import { decodePcm } from '../src/ml/speech/pcm-audio.js';
import { writeTestVideo } from './support/fixtures.js';
import { startMediaServer, type MediaServer } from './support/media-server.js';
import { testMediaBinaries } from './support/media-tools.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { runTaskToEnd } from './support/tasks.js';

const run = promisify(execFile);

let dir: string;
let binaries: MediaBinaries;
/** What the lists pretend to be: the facts of the file they name. */
let facts: MediaFacts;
/** The server the lists point at; it would answer with a real segment. */
let target: http.Server;
const requests: string[] = [];

const inputsDir = () => path.join(dir, 'inputs');
const otherDir = () => path.join(dir, 'other-task');
let outputCount = 0;
const output = () => path.join(dir, `out-${++outputCount}`);
const context = (): MediaJobContext => ({ ffmpegPath: binaries.ffmpeg.path, ffprobePath: binaries.ffprobe.path, threads: 1 });

// A control character in a comment: the probe's "text is not media" check would stop the list
// before ffprobe; a crafted input gets past it this way, so every list here carries one.
const pastTheTextCheck = '#\x01\n';
const lists: Record<string, (segmentUrl: string) => string> = {
  'remote.m3u8': (url) => `#EXTM3U\n${pastTheTextCheck}#EXT-X-TARGETDURATION:2\n#EXTINF:1,\n${url}\n#EXT-X-ENDLIST\n`,
  'remote.ffconcat': (url) => `ffconcat version 1.0\n${pastTheTextCheck}file ${url}\n`,
  // Another task's file, by absolute path (HLS opens any local file with a media extension).
  'local.m3u8': () => `#EXTM3U\n${pastTheTextCheck}#EXT-X-TARGETDURATION:2\n#EXTINF:1,\n${path.join(otherDir(), 'secret.ts')}\n#EXT-X-ENDLIST\n`,
  // A file beside the list: concat's safe mode allows a plain relative name.
  'local.ffconcat': () => `ffconcat version 1.0\n${pastTheTextCheck}file beside.mp4\n`,
};

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-protocols-'));
  binaries = await testMediaBinaries();
  await fs.mkdir(inputsDir());
  await fs.mkdir(otherDir());
  const secret = path.join(otherDir(), 'secret.mp4');
  await writeTestVideo(secret, { width: 160, height: 120, seconds: 1 });
  await run(binaries.ffmpeg.path, ['-y', '-v', 'error', '-i', secret, '-c', 'copy', '-f', 'mpegts', path.join(otherDir(), 'secret.ts')]);
  await fs.copyFile(secret, path.join(inputsDir(), 'beside.mp4'));
  facts = await probeMedia(secret, { ffprobePath: binaries.ffprobe.path });

  const segment = await fs.readFile(path.join(otherDir(), 'secret.ts'));
  target = http.createServer((request, response) => {
    requests.push(request.url!);
    response.writeHead(200, { 'content-type': 'video/mp2t', 'content-length': segment.length }).end(segment);
  });
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  const segmentUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/seg.ts`;
  for (const [name, list] of Object.entries(lists)) await fs.writeFile(path.join(inputsDir(), name), list(segmentUrl));
});

afterAll(async () => {
  target?.closeAllConnections();
  await new Promise((resolve) => target?.close(resolve));
  await fs.rm(dir, { recursive: true, force: true });
});

/** Every tool the worker runs on an input, given facts as if the probe had been fooled too. */
const tools: Record<string, (input: string) => Promise<unknown>> = {
  probe: (input) => probeMedia(input, { ffprobePath: binaries.ffprobe.path }),
  'video transcode': (input) => transcodeVideo(input, `${output()}.mp4`, {
    fit: 'contain', position: 'center', background: 'black', format: 'mp4', codec: 'h264', quality: 'medium', mute: false,
  }, facts, context()),
  'audio transcode': (input) => transcodeAudio(input, `${output()}.m4a`, { format: 'm4a' }, facts, context()),
  frames: (input) => extractFrames(input, output(), { count: 2, format: 'png' }, facts, context()),
  'image frame': (input) => extractVideoFrame(input, 0.5, `${output()}.png`, { ffmpegPath: binaries.ffmpeg.path }),
  'hls ladder': (input) => encodeHlsLadder(input, output(), planLadder(facts).slice(-1), facts, context()),
  storyboard: (input) => makeStoryboard(input, output(), { tileWidth: 80, columns: 2, rows: 2, format: 'jpeg' }, facts, context()),
  animation: (input) => makeAnimation(input, `${output()}.gif`, { format: 'gif', fps: 5 }, facts, context()),
  'scene cuts': (input) => measureSceneScores(input, dir, { minScore: 0.3 }, facts, context()),
  'speech audio': (input) => decodePcm(input, { ffmpegPath: binaries.ffmpeg.path }),
};

describe.each(Object.keys(lists))('%s', (name) => {
  it.each(Object.keys(tools))('%s fails with INPUT_UNSUPPORTED and opens nothing it names', async (tool) => {
    await expect(tools[tool](path.join(inputsDir(), name))).rejects.toMatchObject({
      name: 'TaskError',
      code: 'INPUT_UNSUPPORTED',
      message: expect.stringMatching(/^The input is an? (HLS playlist|ffconcat list), which names other files or addresses to read/),
    });
    expect(requests).toEqual([]);
  });
});

describe('a self-contained file', () => {
  it.each(Object.keys(tools))('%s still reads it', async (tool) => {
    await tools[tool](path.join(inputsDir(), 'beside.mp4'));
  });
});

describe('through the API', () => {
  let server: TestServer;
  let media: MediaServer;

  beforeAll(async () => {
    media = await startMediaServer(inputsDir());
    server = await startTestServer();
  });

  afterAll(async () => {
    await server?.stop();
    await media?.close();
  });

  it.each(['remote.m3u8', 'local.m3u8'])('a video task from %s ends FAILED with INPUT_UNSUPPORTED', async (name) => {
    const { events } = await runTaskToEnd(server.client, { kind: 'VIDEO', url: `${media.url}/${name}` });
    expect(events.at(-1)!.taskUpdated).toMatchObject({
      status: 'FAILED',
      outputs: [],
      error: { code: 'INPUT_UNSUPPORTED', message: expect.stringMatching(/^The input is an HLS playlist/) },
    });
    expect(requests).toEqual([]);
  });
});
