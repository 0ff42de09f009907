// video, audio and animation through the GraphQL API, outputs checked with ffprobe itself.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaToolEnvironment } from '../src/media/ffmpeg-binaries.js';
import { CreateTaskDocument, TaskDocument, TaskUpdatedDocument, type CreateTaskInput } from './generated/graphql.js';
import { ffprobe, writeTestMp3, writeTestVideo } from './support/fixtures.js';
import { testMediaBinaries } from './support/media-tools.js';
import { startMediaServer, type MediaServer } from './support/media-server.js';
import { expectTypedViews } from './support/typed-views.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { runTaskToEnd } from './support/tasks.js';

let server: TestServer;
let media: MediaServer;
let mediaDir: string;
let downloads: string;

beforeAll(async () => {
  mediaDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-kinds-'));
  downloads = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-kinds-out-'));
  await Promise.all([
    writeTestVideo(path.join(mediaDir, 'clip.mp4'), { width: 320, height: 240, seconds: 2 }),
    writeTestVideo(path.join(mediaDir, 'tiny.mp4'), { width: 160, height: 120, seconds: 1 }),
    writeTestVideo(path.join(mediaDir, 'silent.mp4'), { width: 160, height: 120, seconds: 1, audio: false }),
    writeTestVideo(path.join(mediaDir, 'portrait.mp4'), { width: 320, height: 240, seconds: 1, rotation: 90 }),
    writeTestMp3(path.join(mediaDir, 'cover.mp3'), { coverArt: true }),
    writeTestMp3(path.join(mediaDir, 'tone.mp3'), { coverArt: false }),
  ]);
  media = await startMediaServer(mediaDir);
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
  await media?.close();
  await fs.rm(mediaDir, { recursive: true, force: true });
  await fs.rm(downloads, { recursive: true, force: true });
});

/** Runs a task to its end and downloads its first output. */
async function run(input: CreateTaskInput) {
  const { id } = await runTaskToEnd(server.client, input);
  await expectTypedViews(server.client, id);
  const { data } = await server.client.request(TaskDocument, { id });
  const task = data!.task!;
  expect(task.error).toBeNull();
  expect(task.status).toBe('SUCCEEDED');
  const output = task.outputs[0];
  const file = path.join(downloads, `${id}-${output.filename}`);
  await fs.writeFile(file, Buffer.from(await (await fetch(output.url)).arrayBuffer()));
  return { task, output, file, probe: await ffprobe(file) };
}

const video = (probe: Awaited<ReturnType<typeof ffprobe>>) => probe.streams.find((stream) => stream.codec_type === 'video')!;
const audio = (probe: Awaited<ReturnType<typeof ffprobe>>) => probe.streams.find((stream) => stream.codec_type === 'audio');
const frameRate = (rate: unknown) => { const [n, d] = String(rate).split('/').map(Number); return n / (d || 1); };

describe('video: every codec and container pair', () => {
  const pairs: Array<[string, string, string, string, string]> = [
    // format, codec, ffprobe codec name, container (format_name contains), audio codec
    ['mp4', 'h264', 'h264', 'mp4', 'aac'],
    ['mp4', 'h265', 'hevc', 'mp4', 'aac'],
    ['mp4', 'av1', 'av1', 'mp4', 'aac'],
    ['mov', 'h264', 'h264', 'mov', 'aac'],
    ['mov', 'h265', 'hevc', 'mov', 'aac'],
    ['webm', 'vp9', 'vp9', 'webm', 'opus'],
    ['webm', 'av1', 'av1', 'webm', 'opus'],
  ];
  it.each(pairs)('%s with %s', async (format, codec, codecName, container, audioCodec) => {
    const { probe, output } = await run({ kind: 'VIDEO', url: `${media.url}/tiny.mp4`, options: { video: { format: format as never, codec: codec as never, width: 96 } } });
    expect(video(probe)).toMatchObject({ codec_name: codecName, width: 96, height: 72 });
    expect(probe.format.format_name).toContain(container);
    expect(Number(probe.format.duration)).toBeCloseTo(1, 1);
    expect(Math.abs(Number(probe.format.duration) - 1)).toBeLessThanOrEqual(0.05);
    expect(frameRate(video(probe).avg_frame_rate)).toBeCloseTo(25, 0);
    expect(audio(probe)?.codec_name).toBe(audioCodec);
    // The output's recorded facts come from probing it, and agree with ffprobe.
    expect(output).toMatchObject({ width: 96, height: 72, kind: 'VIDEO' });
    expect(output.codecs).toContain(codecName);
  });
});

describe('video: geometry, trimming, audio, rotation', () => {
  it.each([
    ['contain', 200, 200, 200, 200],
    ['cover', 200, 200, 200, 200],
    ['fill', 100, 200, 100, 200],
  ] as const)('fit %s into %ix%i gives %ix%i', async (fit, width, height, expectedWidth, expectedHeight) => {
    const { probe } = await run({ kind: 'VIDEO', url: `${media.url}/clip.mp4`, options: { video: { fit, width, height } } });
    expect(video(probe)).toMatchObject({ width: expectedWidth, height: expectedHeight });
  });

  it('keeps the aspect ratio with only a width, at an even height', async () => {
    const { probe } = await run({ kind: 'VIDEO', url: `${media.url}/clip.mp4`, options: { video: { width: 250 } } });
    expect(video(probe)).toMatchObject({ width: 250, height: 188 });
  });

  it('trims to start and duration, frame-accurately', async () => {
    const { probe, task } = await run({ kind: 'VIDEO', url: `${media.url}/clip.mp4`, options: { video: { start: 0.5, duration: 1 } } });
    expect(Math.abs(Number(probe.format.duration) - 1)).toBeLessThanOrEqual(0.05);
    expect(task.options).toMatchObject({ start: 0.5, duration: 1, codec: 'h264', format: 'mp4' });
  });

  it('trims to start and end', async () => {
    const { probe } = await run({ kind: 'VIDEO', url: `${media.url}/clip.mp4`, options: { video: { start: 0.2, end: 1.4, fps: 10 } } });
    expect(Math.abs(Number(probe.format.duration) - 1.2)).toBeLessThanOrEqual(0.1);
    expect(frameRate(video(probe).avg_frame_rate)).toBeCloseTo(10, 0);
  });

  it('mute drops the audio', async () => {
    const { probe } = await run({ kind: 'VIDEO', url: `${media.url}/clip.mp4`, options: { video: { mute: true } } });
    expect(audio(probe)).toBeUndefined();
  });

  it('an input shot upright on a phone comes out upright', async () => {
    const { probe, task } = await run({ kind: 'VIDEO', url: `${media.url}/portrait.mp4`, options: { video: { height: 160 } } });
    expect(task.input).toMatchObject({ rotation: 90, width: 240, height: 320 });
    expect(video(probe)).toMatchObject({ width: 120, height: 160 });
    const rotation = (video(probe).side_data_list as Array<{ rotation?: number }> | undefined)?.find((data) => data.rotation !== undefined)?.rotation ?? 0;
    expect(rotation).toBe(0);
    expect((video(probe).tags as Record<string, string> | undefined)?.rotate ?? '0').toBe('0');
  });
});

describe('audio', () => {
  it.each([
    ['mp3', 'mp3'], ['aac', 'aac'], ['m4a', 'aac'], ['opus', 'opus'], ['ogg', 'opus'], ['wav', 'pcm_s16le'], ['flac', 'flac'],
  ] as const)('%s decodes as %s with the requested channels and sample rate', async (format, codecName) => {
    const isOpus = format === 'opus' || format === 'ogg';
    const sampleRate = isOpus ? 24000 : 22050;
    const { probe, output } = await run({ kind: 'AUDIO', url: `${media.url}/clip.mp4`, options: { audio: { format, channels: 1, sampleRate } } });
    // Opus always decodes at 48 kHz; the requested rate bounds what is encoded, not the decoder's.
    expect(audio(probe)).toMatchObject({ codec_name: codecName, channels: 1, sample_rate: String(isOpus ? 48000 : sampleRate) });
    expect(video(probe)).toBeUndefined();
    expect(Math.abs(Number(probe.format.duration) - 2)).toBeLessThanOrEqual(0.1);
    expect(output.kind).toBe('AUDIO');
  });

  it('fails an input without audio with INPUT_UNSUPPORTED', async () => {
    const created = await server.client.request(CreateTaskDocument, { input: { kind: 'AUDIO', url: `${media.url}/silent.mp4` } });
    const id = created.data!.createTask.id;
    const events = await server.client.subscribe(TaskUpdatedDocument, { id }).done;
    expect(events.at(-1)!.taskUpdated).toMatchObject({ status: 'FAILED', error: { code: 'INPUT_UNSUPPORTED' } });
  });
});

describe('animation', () => {
  it.each(['gif', 'webp'] as const)('%s has the requested frame count and width', async (format) => {
    const { file } = await run({ kind: 'ANIMATION', url: `${media.url}/clip.mp4`, options: { animation: { format, start: 0.5, duration: 1, fps: 8, width: 120 } } });
    const decoded = await sharp(file, { animated: true }).metadata();
    expect(decoded.format).toBe(format);
    expect(decoded.width).toBe(120);
    expect(decoded.pageHeight).toBe(90);
    expect(Math.abs((decoded.pages ?? 0) - 8)).toBeLessThanOrEqual(1);
  });
});

describe('bad options fail at createTask', () => {
  it.each([
    ['vp9 in mp4', { kind: 'VIDEO', url: 'http://localhost/a.mp4', options: { video: { codec: 'vp9', format: 'mp4' } } }, 'options.video.codec'],
    ['fps 0', { kind: 'VIDEO', url: 'http://localhost/a.mp4', options: { video: { fps: 0 } } }, 'options.video.fps'],
    ['end before start', { kind: 'VIDEO', url: 'http://localhost/a.mp4', options: { video: { start: 5, end: 2 } } }, 'options.video.end'],
    ['end and duration', { kind: 'ANIMATION', url: 'http://localhost/a.mp4', options: { animation: { end: 3, duration: 2 } } }, 'options.animation.duration'],
    ['quality 101', { kind: 'VIDEO', url: 'http://localhost/a.mp4', options: { video: { quality: 101 } } }, 'options.video.quality'],
    ['an unknown quality preset', { kind: 'VIDEO', url: 'http://localhost/a.mp4', options: { video: { quality: 'ultra' } } }, 'options.video.quality'],
    ['opus at 44.1 kHz', { kind: 'AUDIO', url: 'http://localhost/a.mp4', options: { audio: { format: 'opus', sampleRate: 44100 } } }, 'options.audio.sampleRate'],
  ] as Array<[string, CreateTaskInput, string]>)('%s', async (_name, input, field) => {
    const result = await server.client.request(CreateTaskDocument, { input });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(result.errors![0].message.length).toBeGreaterThan(10);
  });
});

describe('image of an audio file', () => {
  it('takes the cover art embedded in an MP3', async () => {
    const { task, file } = await run({ kind: 'IMAGE', url: `${media.url}/cover.mp3`, options: { image: { format: 'png', width: 150 } } });
    expect(task.input).toMatchObject({ mimeType: 'audio/mpeg', hasVideo: false });
    const cover = await sharp(file).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    expect(cover.info).toMatchObject({ width: 150, height: 100 });
    // The same picture as testsrc2's first frame, made here independently (the cover is a JPEG of it).
    const { ffmpeg } = await testMediaBinaries();
    const referencePath = path.join(downloads, 'cover-reference.png');
    await promisify(execFile)(ffmpeg.path, ['-y', '-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=300x200:rate=1:duration=1', '-frames:v', '1', referencePath], { env: mediaToolEnvironment(ffmpeg.path) });
    const reference = await sharp(referencePath).resize(150).removeAlpha().raw().toBuffer();
    let difference = 0;
    for (let index = 0; index < reference.length; index++) difference += Math.abs(reference[index] - cover.data[index]);
    expect(difference / reference.length).toBeLessThan(12);
  });

  it('fails an audio file without a picture, saying what would do', async () => {
    const { id } = await runTaskToEnd(server.client, { kind: 'IMAGE', url: `${media.url}/tone.mp3` });
    const { data } = await server.client.request(TaskDocument, { id });
    expect(data!.task).toMatchObject({ status: 'FAILED', error: { code: 'INPUT_UNSUPPORTED', message: 'The image kind needs an image, a video or an audio file with cover art; this audio/mpeg has no picture.' } });
  });
});
