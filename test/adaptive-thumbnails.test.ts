// adaptive_video and thumbnails through the API: playlists parsed and played back over HTTP,
// renditions and segments probed, storyboards checked against their sheets.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaToolEnvironment } from '../src/media/ffmpeg-binaries.js';
import { testMediaBinaries } from './support/media-tools.js';
import { TaskDocument, TaskHlsDocument, type CreateTaskInput } from './generated/graphql.js';
import { writeTestVideo } from './support/fixtures.js';
import { startMediaServer, type MediaServer } from './support/media-server.js';
import { expectTypedViews } from './support/typed-views.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { parsePlaylist, parseWebVtt } from './support/text-formats.js';
import { runTaskToEnd } from './support/tasks.js';

const run = promisify(execFile);
let server: TestServer;
let media: MediaServer;
let mediaDir: string;
let tools: { ffmpeg: string; ffprobe: string };

beforeAll(async () => {
  mediaDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-hls-'));
  await Promise.all([
    writeTestVideo(path.join(mediaDir, 'hd.mp4'), { width: 1280, height: 720, seconds: 13 }),
    writeTestVideo(path.join(mediaDir, 'small.mp4'), { width: 640, height: 360, seconds: 7 }),
  ]);
  const binaries = await testMediaBinaries();
  tools = { ffmpeg: binaries.ffmpeg.path, ffprobe: binaries.ffprobe.path };
  media = await startMediaServer(mediaDir);
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
  await media?.close();
  await fs.rm(mediaDir, { recursive: true, force: true });
});

async function runTask(input: CreateTaskInput) {
  const { id } = await runTaskToEnd(server.client, input, { completeWithinMs: 120_000 });
  await expectTypedViews(server.client, id);
  const { data } = await server.client.request(TaskDocument, { id });
  expect(data!.task!.error).toBeNull();
  expect(data!.task!.status).toBe('SUCCEEDED');
  return data!.task!;
}

const text = async (url: string) => {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return response.text();
};

async function probeJson(args: string[]) {
  const { stdout } = await run(tools.ffprobe, ['-v', 'error', '-print_format', 'json', ...args], { maxBuffer: 64 * 1024 * 1024, env: mediaToolEnvironment(tools.ffprobe) });
  return JSON.parse(stdout);
}

describe('adaptive_video', () => {
  let task: Awaited<ReturnType<typeof runTask>>;
  let masterUrl: string;

  beforeAll(async () => {
    task = await runTask({ kind: 'ADAPTIVE_VIDEO', url: `${media.url}/hd.mp4` });
    masterUrl = task.outputs[0].url;
  }, 180_000);

  it('has a master playlist as primary output, with full stream attributes and no rung above the source', async () => {
    expect(task.outputs[0]).toMatchObject({ kind: 'PLAYLIST', filename: 'master.m3u8', path: 'hls/master.m3u8' });
    const master = parsePlaylist(await text(masterUrl));
    // Every playlist entry is an output at that path beside the master: a download by path plays.
    const paths = new Set(task.outputs.map((output) => output.path));
    for (const entry of master.entries) expect(paths).toContain(`hls/${entry.uri}`);
    const heights = master.entries.map((entry) => Number(entry.tags.RESOLUTION.split('x')[1]));
    expect(heights).toEqual([720, 480, 360]);
    for (const entry of master.entries) {
      expect(entry.tags).toMatchObject({ BANDWIDTH: expect.stringMatching(/^\d+$/), 'AVERAGE-BANDWIDTH': expect.stringMatching(/^\d+$/), CODECS: expect.stringMatching(/avc1\.[0-9a-f]{6}.*mp4a/), 'FRAME-RATE': expect.stringMatching(/^25(\.0+)?$/) });
      expect(Number(entry.tags.BANDWIDTH)).toBeGreaterThanOrEqual(Number(entry.tags['AVERAGE-BANDWIDTH']));
    }
  });

  it('has renditions of the right size and duration, ~6 s segments each starting on a keyframe', async () => {
    const master = parsePlaylist(await text(masterUrl));
    for (const entry of master.entries) {
      const playlistUrl = new URL(entry.uri, masterUrl).href;
      const playlist = parsePlaylist(await text(playlistUrl));
      expect(playlist.tags).toContain('#EXT-X-ENDLIST');
      const durations = playlist.entries.map((segment) => segment.duration!);
      expect(durations.reduce((sum, value) => sum + value, 0)).toBeCloseTo(13, 0);
      for (const duration of durations.slice(0, -1)) expect(Math.abs(duration - 6)).toBeLessThanOrEqual(0.5);

      // Probe the downloaded segments, the way a player receives them:
      // each alone for its first frame, and their concatenation (valid MPEG-TS) as the rendition.
      const segments: Buffer[] = [];
      for (const [index, segment] of playlist.entries.entries()) {
        const bytes = Buffer.from(await (await fetch(new URL(segment.uri, playlistUrl))).arrayBuffer());
        segments.push(bytes);
        const file = path.join(mediaDir, `segment-${index}.ts`);
        await fs.writeFile(file, bytes);
        const frames = await probeJson(['-select_streams', 'v', '-show_frames', '-read_intervals', '%+#1', file]);
        expect(frames.frames[0].key_frame, `segment ${index} of ${entry.uri}`).toBe(1);
      }
      const renditionFile = path.join(mediaDir, 'rendition.ts');
      await fs.writeFile(renditionFile, Buffer.concat(segments));
      const [width, height] = entry.tags.RESOLUTION.split('x').map(Number);
      const rendition = await probeJson(['-show_streams', '-show_format', renditionFile]);
      const video = rendition.streams.find((stream: { codec_type: string }) => stream.codec_type === 'video');
      expect(video).toMatchObject({ codec_name: 'h264', width, height });
      expect(Math.abs(Number(rendition.format.duration) - 13)).toBeLessThanOrEqual(0.1);
    }
  }, 120_000);

  it('plays back end to end over HTTP with ffmpeg', async () => {
    const { stderr } = await run(tools.ffmpeg, ['-v', 'error', '-i', masterUrl, '-map', '0:v:0', '-map', '0:a:0', '-f', 'null', '-'], { maxBuffer: 16 * 1024 * 1024 });
    expect(stderr.trim()).toBe('');
  }, 60_000);

  it('exposes the Twelve Labs hls view', async () => {
    const { data } = await server.client.request(TaskHlsDocument, { id: task.id });
    expect(data!.task!.hls).toMatchObject({ videoUrl: masterUrl, status: 'SUCCEEDED' });
    expect(data!.task!.hls!.thumbnailUrls.length).toBeGreaterThan(0);
    const poster = await sharp(Buffer.from(await (await fetch(data!.task!.hls!.thumbnailUrls[0])).arrayBuffer())).metadata();
    expect(poster.format).toBe('jpeg');
  });

  it('gives a 640x360 input no 720p or 1080p rung', async () => {
    const small = await runTask({ kind: 'ADAPTIVE_VIDEO', url: `${media.url}/small.mp4` });
    const master = parsePlaylist(await text(small.outputs[0].url));
    expect(master.entries.map((entry) => entry.tags.RESOLUTION)).toEqual(['640x360']);
  }, 120_000);
});

describe('thumbnails', () => {
  it('makes a storyboard whose cues cover the video and point inside their sheets', async () => {
    const task = await runTask({ kind: 'THUMBNAILS', url: `${media.url}/small.mp4`, options: { thumbnails: { interval: 1, columns: 3, rows: 2, width: 120 } } });
    const vtt = task.outputs.find((output) => output.mimeType === 'text/vtt')!;
    const cues = parseWebVtt(await text(vtt.url));
    expect(cues[0].start).toBe(0);
    for (let index = 1; index < cues.length; index++) expect(cues[index].start).toBeCloseTo(cues[index - 1].end, 3);
    expect(cues.at(-1)!.end).toBeCloseTo(7, 1);

    const sheetSizes = new Map<string, { width: number; height: number }>();
    for (const cue of cues) {
      const match = /^(.+)#xywh=(\d+),(\d+),(\d+),(\d+)$/.exec(cue.payload)!;
      expect(match).not.toBeNull();
      const sheetUrl = new URL(match[1], vtt.url).href;
      if (!sheetSizes.has(sheetUrl)) {
        const metadata = await sharp(Buffer.from(await (await fetch(sheetUrl)).arrayBuffer())).metadata();
        sheetSizes.set(sheetUrl, { width: metadata.width!, height: metadata.height! });
      }
      const sheet = sheetSizes.get(sheetUrl)!;
      const [x, y, w, h] = match.slice(2).map(Number);
      expect(w).toBe(120);
      expect(h).toBe(68);
      expect(x + w).toBeLessThanOrEqual(sheet.width);
      expect(y + h).toBeLessThanOrEqual(sheet.height);
    }
    // 7 thumbnails at 3x2 per sheet: a full sheet, and one holding only the seventh.
    expect([...sheetSizes.values()]).toEqual([{ width: 360, height: 136 }, { width: 120, height: 68 }]);
    // The options as applied are the storyboard's: none of frames mode's defaults.
    expect(task.options).toEqual({ mode: 'storyboard', interval: 1, columns: 3, rows: 2, width: 120, format: 'jpeg' });
  }, 60_000);

  it('returns count frames of the requested size', async () => {
    const task = await runTask({ kind: 'THUMBNAILS', url: `${media.url}/small.mp4`, options: { thumbnails: { mode: 'frames', count: 4, width: 200, height: 100, format: 'png' } } });
    const frames = task.outputs.filter((output) => output.filename.startsWith('frame_'));
    expect(frames).toHaveLength(4);
    expect(task.options).toEqual({ mode: 'frames', count: 4, width: 200, height: 100, format: 'png' });
    for (const frame of frames) {
      const metadata = await sharp(Buffer.from(await (await fetch(frame.url)).arrayBuffer())).metadata();
      expect(metadata).toMatchObject({ format: 'png', width: 200, height: 100 });
    }
  }, 60_000);
});
