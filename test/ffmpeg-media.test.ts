// The ffmpeg tools on small generated clips: every output is checked with ffprobe or sharp.
import { readdir, readFile, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAnimation } from '../src/media/animation.js';
import { audioFormatInfo, supportedSampleRate, transcodeAudio, type AudioFormat } from '../src/media/audio-transcode.js';
import type { MediaBinaries } from '../src/media/ffmpeg-binaries.js';
import { testMediaBinaries } from './support/media-tools.js';
import { ffmpegCapabilities, requireEncoder, runFfmpegJob, type FfmpegCapabilities, type MediaJobContext } from '../src/media/ffmpeg-process.js';
import { extractVideoFrame } from '../src/media/image-transform.js';
import { probeMedia, type MediaFacts } from '../src/media/probe-media.js';
import { expectedOutputDuration, resolveTimeWindow } from '../src/media/time-window.js';
import {
  crfFor,
  transcodeVideo,
  videoFormats,
  type VideoCodec,
  type VideoFormat,
  type VideoTranscodeOptions,
} from '../src/media/video-transcode.js';
import { ffprobe, writeTestVideo, writeVariableFrameRateVideo } from './support/fixtures.js';

let dir: string;
let binaries: MediaBinaries;
const inputs: Record<string, MediaFacts> = {};
const file = (name: string) => path.join(dir, name);
let outputCount = 0;
const outputFile = (extension: string) => file(`out-${++outputCount}.${extension}`);
const context = (extra: Partial<MediaJobContext> = {}): MediaJobContext => ({
  ffmpegPath: binaries.ffmpeg.path,
  ffprobePath: binaries.ffprobe.path,
  threads: 0,
  ...extra,
});

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ffmpeg-media-test-'));
  binaries = await testMediaBinaries();
  await Promise.all([
    writeTestVideo(file('av.mp4')),
    writeTestVideo(file('silent.mp4'), { audio: false }),
    writeTestVideo(file('portrait.mp4'), { rotation: 90 }),
    // libaom is slow: 15 frames of a small picture are enough to check AV1.
    writeTestVideo(file('tiny.mp4'), { width: 160, height: 120, seconds: 0.6 }),
    writeTestVideo(file('medium.mp4'), { width: 640, height: 360, seconds: 4 }),
    writeVariableFrameRateVideo(file('vfr.mp4')),
  ]);
  for (const name of ['av.mp4', 'silent.mp4', 'portrait.mp4', 'tiny.mp4', 'medium.mp4', 'vfr.mp4']) {
    inputs[name] = await probeMedia(file(name), { ffprobePath: binaries.ffprobe.path });
  }
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

type Stream = { codec_type: string; codec_name: string; width?: number; height?: number; channels?: number; sample_rate?: string; bit_rate?: string;
  tags?: Record<string, string>; side_data_list?: unknown[] };
const streamsOf = async (filePath: string) => (await ffprobe(filePath)).streams as Stream[];
const videoStream = async (filePath: string) => (await streamsOf(filePath)).find((stream) => stream.codec_type === 'video')!;
const audioStream = async (filePath: string) => (await streamsOf(filePath)).find((stream) => stream.codec_type === 'audio');

const videoDefaults: VideoTranscodeOptions = {
  fit: 'contain', position: 'center', background: '#000000', format: 'mp4', codec: 'h264', quality: 'medium', mute: false,
};

async function video(input: string, options: Partial<VideoTranscodeOptions>, extra: Partial<MediaJobContext> = {}) {
  const full = { ...videoDefaults, ...options };
  const output = outputFile(videoFormats[full.format].extension);
  const facts = await transcodeVideo(file(input), output, full, inputs[input], context(extra));
  return { facts, output };
}

/** The frame at `seconds` as raw RGB, via a PNG. */
async function frameAt(filePath: string, seconds: number) {
  const png = `${filePath}-${seconds}.png`;
  await extractVideoFrame(filePath, seconds, png, { ffmpegPath: binaries.ffmpeg.path });
  return sharp(png).raw().toBuffer({ resolveWithObject: true });
}

function meanDifference(a: Buffer, b: Buffer): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
  return sum / a.length;
}

async function ffmpegProcessesWriting(outputPath: string): Promise<number[]> {
  const pids: number[] = [];
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const commandLine = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (commandLine.includes(outputPath)) pids.push(Number(pid));
  }
  return pids;
}

describe('resolveTimeWindow', () => {
  it('keeps everything without a trim', () => {
    expect(resolveTimeWindow({}, 10)).toEqual({ start: 0, length: null });
    expect(expectedOutputDuration({ start: 0, length: null }, 10)).toBe(10);
    expect(expectedOutputDuration({ start: 4, length: null }, 10)).toBe(6);
    expect(expectedOutputDuration({ start: 4, length: null }, null)).toBeNull();
  });

  it('takes end or duration after start, clamped to the input', () => {
    expect(resolveTimeWindow({ start: 2, end: 5 }, 10)).toEqual({ start: 2, length: 3 });
    expect(resolveTimeWindow({ start: 2, duration: 5 }, 10)).toEqual({ start: 2, length: 5 });
    expect(resolveTimeWindow({ start: 8, duration: 5 }, 10)).toEqual({ start: 8, length: 2 });
    expect(resolveTimeWindow({ end: 30 }, 10)).toEqual({ start: 0, length: 10 });
    expect(resolveTimeWindow({ start: 8, duration: 5 }, null)).toEqual({ start: 8, length: 5 });
    expect(expectedOutputDuration({ start: 8, length: 2 }, 10)).toBe(2);
  });

  it('refuses a window with nothing in it', () => {
    expect(() => resolveTimeWindow({ start: 10 }, 10)).toThrow(expect.objectContaining({ code: 'INPUT_UNSUPPORTED' }));
    expect(() => resolveTimeWindow({ start: 5, end: 4 }, 10)).toThrow(/Nothing to keep between start 5 s and end 4 s/);
  });
});

describe('crfFor', () => {
  it('maps quality and presets onto each codec\'s CRF scale, better quality to lower CRF', () => {
    expect(crfFor('h264', 'medium')).toBe(24);
    expect(crfFor('h264', 60)).toBe(24);
    expect(crfFor('h264', 70)).toBe(22);
    expect(crfFor('h265', 'medium')).toBe(28);
    expect(crfFor('vp9', 'very_low')).toBe(48);
    expect(crfFor('av1', 100)).toBe(18);
    expect(crfFor('h264', 0)).toBe(45);
    for (const codec of ['h264', 'h265', 'vp9', 'av1'] satisfies VideoCodec[]) {
      const crfs = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((quality) => crfFor(codec, quality));
      expect(crfs).toEqual([...crfs].sort((a, b) => b - a));
    }
  });
});

describe('ffmpeg capabilities', () => {
  it('lists the encoders and filters of the ffmpeg in use, once per path', async () => {
    const capabilities = await ffmpegCapabilities(binaries.ffmpeg.path);
    for (const encoder of ['libx264', 'libx265', 'libvpx-vp9', 'libaom-av1', 'aac', 'libopus', 'libmp3lame', 'flac', 'pcm_s16le']) {
      expect(capabilities.encoders).toContain(encoder);
    }
    for (const filter of ['scale', 'pad', 'crop', 'fps', 'palettegen', 'paletteuse']) expect(capabilities.filters).toContain(filter);
    expect(capabilities.encoders).not.toContain('=');
    expect(capabilities.version).toMatch(/^ffmpeg version /);
    expect(ffmpegCapabilities(binaries.ffmpeg.path)).toBe(ffmpegCapabilities(binaries.ffmpeg.path));
  });

  it('refuses a missing encoder with a message that says what to do', () => {
    const capabilities: FfmpegCapabilities = {
      path: '/usr/bin/ffmpeg',
      version: 'ffmpeg version 5.1.6-0+deb12u1 Copyright (c) 2000-2024 the FFmpeg developers',
      encoders: new Set(['libx264']),
      filters: new Set(['scale']),
    };
    expect(() => requireEncoder(capabilities, 'libx264', 'codec h264')).not.toThrow();
    expect(() => requireEncoder(capabilities, 'libx265', 'codec h265')).toThrow(expect.objectContaining({
      name: 'TaskError',
      code: 'PROCESSING_FAILED',
      message: 'The ffmpeg in use (ffmpeg version 5.1.6-0+deb12u1, /usr/bin/ffmpeg) has no libx265 encoder, needed for codec h265; '
        + 'install an ffmpeg that has it and set FFMPEG_PATH',
    }));
  });
});

describe('runFfmpegJob', () => {
  it('fails with the last lines ffmpeg wrote, not its banner', async () => {
    const output = outputFile('mp4');
    const job = runFfmpegJob((command) => command.input(file('missing.mp4')).output(output), {
      ffmpegPath: binaries.ffmpeg.path, threads: 0, expectedDurationSeconds: 1, outputPaths: [output],
    });
    await expect(job).rejects.toThrow(/^ffmpeg failed: .*missing\.mp4: No such file or directory$/);
    await expect(job).rejects.not.toThrow(/configuration:|Copyright/);
  });

  it('rejects at once when already aborted', async () => {
    const output = outputFile('mp4');
    const job = runFfmpegJob((command) => command.input(file('av.mp4')).output(output), {
      ffmpegPath: binaries.ffmpeg.path, threads: 0, expectedDurationSeconds: 2, outputPaths: [output], signal: AbortSignal.abort(),
    });
    await expect(job).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('transcodeVideo', () => {
  const pairs: Array<[VideoFormat, VideoCodec, string, string]> = [
    ['mp4', 'h264', 'h264', 'aac'],
    ['mp4', 'h265', 'hevc', 'aac'],
    ['mp4', 'av1', 'av1', 'aac'],
    ['mov', 'h264', 'h264', 'aac'],
    ['mov', 'h265', 'hevc', 'aac'],
    ['webm', 'vp9', 'vp9', 'opus'],
    ['webm', 'av1', 'av1', 'opus'],
  ];

  it.each(pairs)('writes %s with %s video (%s) and %s audio', async (format, codec, videoCodec, audioCodec) => {
    const input = codec === 'av1' ? 'tiny.mp4' : 'av.mp4';
    const { facts, output } = await video(input, { format, codec });
    const source = inputs[input];
    expect(facts).toMatchObject({
      mimeType: videoFormats[format].mimeType,
      container: format,
      size: (await stat(output)).size,
      width: source.width,
      height: source.height,
      fps: 25,
      codecs: [videoCodec, audioCodec],
    });
    expect(Math.abs(facts.duration! - source.duration!)).toBeLessThanOrEqual(0.04);
    expect(facts.bitrate).toBeGreaterThan(0);
    const streams = await streamsOf(output);
    expect(streams.find((stream) => stream.codec_type === 'video')).toMatchObject({ codec_name: videoCodec, pix_fmt: 'yuv420p' });
    expect(streams.find((stream) => stream.codec_type === 'audio')).toMatchObject({ codec_name: audioCodec, sample_rate: '48000' });
    if (format !== 'webm') {
      // Fast start: the index (moov) comes before the media data (mdat).
      const head = (await readFile(output)).subarray(0, 64 * 1024).toString('latin1');
      expect(head.indexOf('moov')).toBeGreaterThan(0);
      expect(head.indexOf('moov')).toBeLessThan(head.indexOf('mdat'));
    }
  });

  it.each([
    [{ width: 200, height: 200, fit: 'contain' as const }, 200, 200],
    [{ width: 200, height: 200, fit: 'cover' as const }, 200, 200],
    [{ width: 200, height: 100, fit: 'fill' as const }, 200, 100],
    [{ width: 150 }, 150, 112],
    [{ height: 101 }, 136, 102],
  ])('sizes %o as %i x %i', async (size, width, height) => {
    const { facts, output } = await video('silent.mp4', size);
    expect([facts.width, facts.height]).toEqual([width, height]);
    expect(await videoStream(output)).toMatchObject({ width, height });
  });

  it('pads contain with the background colour', async () => {
    const contained = await video('silent.mp4', { width: 200, height: 200, fit: 'contain', background: 'red' });
    const { data, info } = await frameAt(contained.output, 1);
    // 320 x 240 fits as 200 x 150, padded 24 px above and 26 below.
    const pixel = (x: number, y: number) => [...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3)];
    for (const [x, y] of [[100, 5], [100, 194]]) {
      const [r, g, b] = pixel(x, y);
      expect(r).toBeGreaterThan(230);
      expect(g + b).toBeLessThan(40);
    }
  });

  it('trims frame-accurately from start for duration', async () => {
    const { facts, output } = await video('silent.mp4', { start: 0.5, duration: 1 });
    expect(Math.abs(facts.duration! - 1)).toBeLessThanOrEqual(0.04);
    const [first, atHalf, atZero] = await Promise.all([frameAt(output, 0), frameAt(file('silent.mp4'), 0.5), frameAt(file('silent.mp4'), 0)]);
    expect(meanDifference(first.data, atHalf.data)).toBeLessThan(3);
    expect(meanDifference(first.data, atZero.data)).toBeGreaterThan(10);
  });

  it('trims to an end and drops audio when muted', async () => {
    const { facts, output } = await video('av.mp4', { start: 1, end: 1.8, mute: true });
    expect(Math.abs(facts.duration! - 0.8)).toBeLessThanOrEqual(0.04);
    expect(facts.codecs).toEqual(['h264']);
    expect(await audioStream(output)).toBeUndefined();
  });

  it('writes no audio for an input without any', async () => {
    const { facts, output } = await video('silent.mp4', { format: 'webm', codec: 'vp9', width: 160 });
    expect(facts.codecs).toEqual(['vp9']);
    expect(await audioStream(output)).toBeUndefined();
  });

  it('turns a rotated phone video upright and leaves no rotation behind', async () => {
    expect(inputs['portrait.mp4']).toMatchObject({ rotation: 90, width: 240, height: 320 });
    const whole = await video('portrait.mp4', {});
    expect(whole.facts).toMatchObject({ width: 240, height: 320 });
    const resized = await video('portrait.mp4', { width: 120 });
    expect(resized.facts).toMatchObject({ width: 120, height: 160 });
    for (const { output } of [whole, resized]) {
      const stream = await videoStream(output);
      expect(stream).toMatchObject({ width: stream.width, height: stream.height });
      expect(stream.width).toBeLessThan(stream.height!);
      expect(stream.tags?.rotate ?? '0').toBe('0');
      expect(JSON.stringify(stream.side_data_list ?? [])).not.toMatch(/rotation":\s*-?[1-9]/);
      expect((await probeMedia(output, { ffprobePath: binaries.ffprobe.path })).rotation).toBe(0);
    }
  });

  it('keeps roughly to a requested bitrate', async () => {
    const { output } = await video('silent.mp4', { bitrate: 300_000 });
    const bitrate = Number((await videoStream(output)).bit_rate);
    expect(bitrate).toBeGreaterThan(150_000);
    expect(bitrate).toBeLessThan(450_000);
  });

  it('writes bigger files at higher quality', async () => {
    const low = await video('silent.mp4', { quality: 'very_low' });
    const high = await video('silent.mp4', { quality: 'very_high' });
    expect(high.facts.size).toBeGreaterThan(low.facts.size * 2);
  });

  it('keeps the frame times of a variable-frame-rate input unless fps is given', async () => {
    expect(inputs['vfr.mp4']).toMatchObject({ fps: 22.5, maxFps: 30 });
    const frameCount = async (filePath: string) =>
      Number((await ffprobe(filePath, ['-count_frames', '-select_streams', 'v:0'])).streams[0].nb_read_frames);
    const kept = await video('vfr.mp4', {});
    expect(await frameCount(kept.output)).toBe(90);
    expect(kept.facts.fps).toBeCloseTo(22.5, 0);
    expect(Math.abs(kept.facts.duration! - 4)).toBeLessThanOrEqual(0.1);
    const constant = await video('vfr.mp4', { fps: 30 });
    expect(await frameCount(constant.output)).toBe(120);
    expect(constant.facts.fps).toBe(30);
  });

  it('changes the frame rate', async () => {
    const { facts } = await video('silent.mp4', { fps: 10 });
    expect(facts.fps).toBe(10);
    expect(Math.abs(facts.duration! - 2)).toBeLessThanOrEqual(0.1);
  });

  it('reports progress that only rises, more than once, ending at 100', async () => {
    const values: number[] = [];
    // ffmpeg reports twice a second: one thread of x265 on a 640 x 360 clip lasts a few reports.
    await video('medium.mp4', { codec: 'h265', quality: 'very_high' }, { threads: 1, onProgress: (percent) => values.push(percent) });
    expect(values.length).toBeGreaterThan(2);
    expect(values.some((value) => value > 0 && value < 90)).toBe(true);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(new Set(values).size).toBe(values.length);
    expect(values.at(-1)).toBe(100);
    expect(values[0]).toBeGreaterThanOrEqual(0);
  });

  it('stops when aborted: ffmpeg killed within a second, no partial file', async () => {
    const controller = new AbortController();
    const output = outputFile('mp4');
    const job = transcodeVideo(file('av.mp4'), output, { ...videoDefaults, codec: 'av1', quality: 'very_high' }, inputs['av.mp4'],
      context({ signal: controller.signal }));
    job.catch(() => {});
    const waitStart = Date.now();
    while ((await ffmpegProcessesWriting(output)).length === 0 && Date.now() - waitStart < 10_000) await new Promise((r) => setTimeout(r, 20));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await ffmpegProcessesWriting(output)).not.toEqual([]);
    expect((await stat(output)).size).toBeGreaterThanOrEqual(0);

    const abortedAt = Date.now();
    controller.abort(new Error('cancelled by the test'));
    await expect(job).rejects.toThrow('cancelled by the test');
    expect(Date.now() - abortedAt).toBeLessThan(1000);
    expect(await ffmpegProcessesWriting(output)).toEqual([]);
    await expect(stat(output)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('transcodeAudio', () => {
  const cases: Array<[AudioFormat, string, number, number]> = [
    ['mp3', 'mp3', 1, 22050],
    ['aac', 'aac', 2, 44100],
    ['m4a', 'aac', 1, 32000],
    ['opus', 'opus', 1, 48000],
    ['ogg', 'opus', 2, 24000],
    ['wav', 'pcm_s16le', 1, 16000],
    ['flac', 'flac', 2, 32000],
  ];

  it.each(cases)('writes %s (%s, %i channels, %i Hz)', async (format, codec, channels, sampleRate) => {
    const { extension, mimeType } = audioFormatInfo(format);
    const output = outputFile(extension);
    const facts = await transcodeAudio(file('av.mp4'), output, { format, channels, sampleRate, start: 0.5 }, inputs['av.mp4'], context());
    expect(facts).toMatchObject({ mimeType, codecs: [codec], width: null, size: (await stat(output)).size });
    // MP3 counts whole frames of 1152 samples, encoder delay and padding included: 0.1 s at 22 kHz.
    expect(Math.abs(facts.duration! - 1.5)).toBeLessThanOrEqual(format === 'mp3' ? 0.1 : 0.04);
    const streams = await streamsOf(output);
    expect(streams).toHaveLength(1);
    // Ogg Opus always decodes at 48 kHz; ffprobe reports that rate.
    expect(streams[0]).toMatchObject({ codec_name: codec, channels, sample_rate: String(codec === 'opus' ? 48000 : sampleRate) });
  });

  it('takes the nearest sample rate a codec supports', () => {
    expect(supportedSampleRate('opus', 44100)).toBe(48000);
    expect(supportedSampleRate('opus', 22050)).toBe(24000);
    expect(supportedSampleRate('mp3', 96000)).toBe(48000);
    expect(supportedSampleRate('flac', 96000)).toBe(96000);
    expect(audioFormatInfo('m4a')).toMatchObject({ extension: 'm4a', mimeType: 'audio/mp4' });
  });

  it('keeps to a requested bitrate', async () => {
    const output = outputFile('mp3');
    const facts = await transcodeAudio(file('av.mp4'), output, { format: 'mp3', bitrate: 64_000 }, inputs['av.mp4'], context());
    expect(facts.bitrate).toBeGreaterThan(56_000);
    expect(facts.bitrate).toBeLessThan(80_000);
  });

  it('refuses an input without audio', async () => {
    const output = outputFile('mp3');
    await expect(transcodeAudio(file('silent.mp4'), output, { format: 'mp3' }, inputs['silent.mp4'], context())).rejects.toMatchObject({
      name: 'TaskError',
      code: 'INPUT_UNSUPPORTED',
      message: 'The input (video/mp4) has no audio stream to extract',
    });
  });
});

describe('makeAnimation', () => {
  it.each(['gif', 'webp'] as const)('writes a looping %s with the requested frames and width', async (format) => {
    const output = outputFile(format);
    const values: number[] = [];
    const facts = await makeAnimation(file('portrait.mp4'), output, { format, start: 0.5, duration: 1, fps: 10, width: 120 }, inputs['portrait.mp4'],
      context({ onProgress: (percent) => values.push(percent) }));
    const metadata = await sharp(output, { animated: true }).metadata();
    expect(metadata).toMatchObject({ format, width: 120, loop: 0 });
    expect(metadata.pages).toBeGreaterThanOrEqual(9);
    expect(metadata.pages).toBeLessThanOrEqual(11);
    expect(metadata.pageHeight).toBe(160);
    expect(facts).toMatchObject({ mimeType: `image/${format}`, container: format, codecs: [format], width: 120, height: 160, frameCount: metadata.pages });
    expect(facts.duration).toBeCloseTo(1, 1);
    expect(facts.fps).toBeCloseTo(10, 0);
    expect(values.at(-1)).toBe(100);
  });
});
