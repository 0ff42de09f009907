import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeMediaBinary, releaseOf, resolveMediaBinaries, type MediaBinaries } from '../src/media/ffmpeg-binaries.js';
import { testMediaBinaries } from './support/media-tools.js';
import {
  extractVideoFrame,
  imageFormats,
  transformImage,
  type ImageFormat,
  type ImageTransformOptions,
} from '../src/media/image-transform.js';
import { probeMedia } from '../src/media/probe-media.js';

const run = promisify(execFile);

let dir: string;
let binaries: MediaBinaries;
const file = (name: string) => path.join(dir, name);
const probe = (name: string, maxPixels?: number) => probeMedia(file(name), { ffprobePath: binaries.ffprobe.path, maxPixels });
const noLimit = { maxPixels: 100_000_000 };

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'media-test-'));
  binaries = await testMediaBinaries();
  await Promise.all([
    generateVideos(),
    generateImages(),
    writeFile(file('page.html'), '<!doctype html>\n<html><body>Not found</body></html>\n'),
  ]);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function ffmpeg(...args: string[]): Promise<void> {
  await run(binaries.ffmpeg.path, ['-v', 'error', '-y', ...args]);
}

async function generateVideos(): Promise<void> {
  const testPattern = ['-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25', '-t', '2'];
  await Promise.all([
    ffmpeg(...testPattern, '-f', 'lavfi', '-i', 'sine=frequency=440', '-t', '2',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', file('av.mp4')),
    ffmpeg(...testPattern, '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', file('silent.webm')),
    ffmpeg('-f', 'lavfi', '-i', 'sine=frequency=440', '-t', '1', '-c:a', 'libmp3lame', file('tone.mp3')),
  ]);
  // ffmpeg 4.1 stream copy writes `rotate=N` as the opposite turn: 270 gives the matrix a phone
  // writes for a portrait video (display turned 90° clockwise), which ffprobe reads as -90.
  await ffmpeg('-i', file('av.mp4'), '-c', 'copy', '-metadata:s:v:0', 'rotate=270', file('portrait.mp4'));
  await ffmpeg('-i', file('av.mp4'), '-c', 'copy', '-f', 'mpegts', file('broadcast.ts'));
  await writeFirstHalf('av.mp4', 'truncated.mp4');
}

async function generateImages(): Promise<void> {
  const noise = sharp({
    create: { width: 320, height: 240, channels: 3, background: '#000000', noise: { type: 'gaussian', mean: 128, sigma: 40 } },
  });
  await Promise.all([
    noise.clone().png().toFile(file('noise.png')),
    noise.clone().jpeg({ quality: 90 }).toFile(file('noise.jpg')),
    solid(400, 200, '#0000ff').png().toFile(file('wide-blue.png')),
    // Stored 200 x 100, displayed 100 x 200.
    solid(200, 100, '#00ff00').jpeg().withMetadata({ orientation: 6 }).toFile(file('orientation-6.jpg')),
    solid(100, 200, '#ff0000')
      .composite([{ input: { create: { width: 100, height: 100, channels: 3, background: '#0000ff' } }, top: 100, left: 0 }])
      .png()
      .toFile(file('red-over-blue.png')),
    writeDecompressionBomb(file('bomb.png')),
    writeFile(file('random.bin'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251))),
  ]);
  await Promise.all([writeFirstHalf('noise.jpg', 'truncated.jpg'), writeFirstHalf('noise.png', 'truncated.png')]);
}

function solid(width: number, height: number, background: string) {
  return sharp({ create: { width, height, channels: 3, background } });
}

async function writeFirstHalf(from: string, to: string): Promise<void> {
  const bytes = await readFile(file(from));
  await writeFile(file(to), bytes.subarray(0, bytes.length >> 1));
}

/** A 1x1 PNG whose header claims 10000 x 10000: only a decoder would find out. */
async function writeDecompressionBomb(target: string): Promise<void> {
  const png = await solid(1, 1, '#ffffff').png().toBuffer();
  png.writeUInt32BE(10_000, 16);
  png.writeUInt32BE(10_000, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  await writeFile(target, png);
}

async function pixelAt(filePath: string, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(filePath).raw().toBuffer({ resolveWithObject: true });
  const offset = (y * info.width + x) * info.channels;
  return [...data.subarray(offset, offset + info.channels)];
}

describe('resolveMediaBinaries', () => {
  it('uses the bundled builds, not an ffmpeg that happens to be on PATH', async () => {
    const shadowDir = file('path-shadow');
    await mkdir(shadowDir, { recursive: true });
    for (const name of ['ffmpeg', 'ffprobe']) await writeFile(path.join(shadowDir, name), '#!/bin/sh\necho "$0 version 9.9"\n', { mode: 0o755 });
    const savedPath = process.env.PATH;
    process.env.PATH = `${shadowDir}${path.delimiter}${savedPath}`;
    try {
      const found = await resolveMediaBinaries();
      expect(found.ffmpeg).toMatchObject({ source: 'bundled', release: '4.1', tested: true });
      expect(found.ffmpeg.path).toMatch(/@ffmpeg-installer/);
      expect(found.ffprobe).toMatchObject({ source: 'bundled', tested: true });
      expect(found.ffmpeg.version).toMatch(/^ffmpeg version /);
      expect(describeMediaBinary(found.ffmpeg)).toBe('4.1 (bundled)');
    } finally {
      process.env.PATH = savedPath;
    }
  });

  it('takes the configured path, checks its release and fails fast when it does not run', async () => {
    const configured = await resolveMediaBinaries({ ffprobePath: binaries.ffprobe.path });
    expect(configured.ffprobe).toMatchObject({ path: binaries.ffprobe.path, source: 'config', release: binaries.ffprobe.release });
    await expect(resolveMediaBinaries({ ffmpegPath: file('no-such-ffmpeg') })).rejects.toThrow(/no-such-ffmpeg -version failed/);
  });

  it('refuses a configured ffmpeg older than 4.1, naming the variable to change', async () => {
    const old = file('ffmpeg-3.4');
    await writeFile(old, '#!/bin/sh\necho "ffmpeg version 3.4.8"\necho "libavcodec     57.107.100 / 57.107.100"\n', { mode: 0o755 });
    await expect(resolveMediaBinaries({ ffmpegPath: old })).rejects.toThrow(/is ffmpeg 3\.x; mediatasks needs FFmpeg 4\.1 or newer \(unset FFMPEG_PATH/);
  });

  it('tells the release from libavcodec, also for git builds whose banner is a hash', () => {
    const versionOutput = (libavcodec: string) => `ffmpeg version N-47683-g0e8eb07980-static\nlibavutil      56. 24.101\nlibavcodec     ${libavcodec}\n`;
    expect(releaseOf(versionOutput('58. 42.100 / 58. 42.100'))).toBe('4.1');
    expect(releaseOf(versionOutput('59. 37.100 / 59. 37.100'))).toBe('5.1');
    expect(releaseOf(versionOutput('60. 22.100 / 60. 22.100'))).toBe('6.0');
    expect(releaseOf(versionOutput('61. 19.101 / 61. 19.101'))).toBe('7.1');
    expect(releaseOf(versionOutput('63.  1.100 / 63.  1.100'))).toBe('9.x');
    expect(releaseOf('ffmpeg version 4.1\n')).toBeNull();
  });
});

describe('probeMedia', () => {
  it('probes an MPEG-TS input (the bundled ffprobe crashes on one unless kept from the system iconv)', async () => {
    const facts = await probeMedia(file('broadcast.ts'), { ffprobePath: binaries.ffprobe.path });
    expect(facts).toMatchObject({ mimeType: 'video/mp2t', videoCodec: 'h264', hasAudio: true, hasVideo: true });
  });

  it('reads a video with audio', async () => {
    const facts = await probe('av.mp4');
    expect(facts).toMatchObject({
      mimeType: 'video/mp4',
      container: 'mp4',
      size: (await stat(file('av.mp4'))).size,
      width: 320,
      height: 240,
      fps: 25,
      videoCodec: 'h264',
      audioCodec: 'aac',
      rotation: 0,
      hasAudio: true,
      hasVideo: true,
      isImage: false,
    });
    expect(facts.duration).toBeCloseTo(2, 1);
    expect(Math.abs(facts.duration! - 2)).toBeLessThan(0.05);
    expect(facts.bitrate).toBeGreaterThan(0);
  });

  it('reads a video without audio', async () => {
    expect(await probe('silent.webm')).toMatchObject({
      mimeType: 'video/webm',
      container: 'webm',
      videoCodec: 'vp8',
      audioCodec: null,
      hasAudio: false,
      hasVideo: true,
    });
  });

  it('reads audio only', async () => {
    expect(await probe('tone.mp3')).toMatchObject({ mimeType: 'audio/mpeg', audioCodec: 'mp3', hasVideo: false, width: null });
  });

  it('reports rotation and the display size of a portrait phone video', async () => {
    expect(await probe('portrait.mp4')).toMatchObject({ rotation: 90, width: 240, height: 320 });
  });

  it('reads still images with sharp', async () => {
    expect(await probe('noise.png')).toMatchObject({
      mimeType: 'image/png',
      container: 'png',
      isImage: true,
      hasVideo: false,
      width: 320,
      height: 240,
      duration: null,
    });
    expect(await probe('noise.jpg')).toMatchObject({ mimeType: 'image/jpeg', isImage: true });
  });

  it('gives the display size of a JPEG turned by EXIF orientation', async () => {
    expect(await probe('orientation-6.jpg')).toMatchObject({ width: 100, height: 200, rotation: 90 });
  });

  it('refuses what is not media, naming what it looks like', async () => {
    await expect(probe('page.html')).rejects.toMatchObject({ code: 'INPUT_UNSUPPORTED', message: expect.stringContaining('text/html') });
    await expect(probe('random.bin')).rejects.toMatchObject({
      code: 'INPUT_UNSUPPORTED',
      message: expect.stringContaining('application/octet-stream'),
    });
  });

  it('calls truncated media invalid', async () => {
    await expect(probe('truncated.jpg')).rejects.toMatchObject({ name: 'TaskError', code: 'INPUT_INVALID' });
    await expect(probe('truncated.png')).rejects.toMatchObject({ name: 'TaskError', code: 'INPUT_INVALID' });
    await expect(probe('truncated.mp4')).rejects.toMatchObject({
      code: 'INPUT_INVALID',
      message: expect.stringContaining('moov atom not found'),
    });
  });

  it('refuses a decompression bomb from its header', async () => {
    await expect(probe('bomb.png', 1_000_000)).rejects.toMatchObject({
      code: 'INPUT_TOO_LARGE',
      message: expect.stringContaining('10000 x 10000 = 100 megapixels, over the limit of 1'),
    });
  });
});

describe('transformImage', () => {
  const defaults: ImageTransformOptions = { fit: 'cover', position: 'center', background: '#000000', format: 'png', quality: 80 };

  async function transform(input: string, options: Partial<ImageTransformOptions>, limits = noLimit) {
    const output = file(`out-${Math.random().toString(36).slice(2)}.${imageFormats[options.format ?? 'png'].extension}`);
    const facts = await transformImage(file(input), output, { ...defaults, ...options }, limits);
    return { facts, output, metadata: await sharp(output).metadata() };
  }

  it.each([
    [{ width: 100 }, 100, 50],
    [{ height: 100 }, 200, 100],
    [{}, 400, 200],
    [{ width: 100, height: 100, fit: 'contain' as const }, 100, 100],
    [{ width: 100, height: 100, fit: 'cover' as const }, 100, 100],
    [{ width: 100, height: 80, fit: 'fill' as const }, 100, 80],
  ])('sizes %o as %i x %i', async (size, width, height) => {
    const { facts, metadata } = await transform('wide-blue.png', size);
    expect([metadata.width, metadata.height]).toEqual([width, height]);
    expect([facts.width, facts.height]).toEqual([width, height]);
  });

  it('pads contain with the background colour', async () => {
    const { output } = await transform('wide-blue.png', { width: 100, height: 100, fit: 'contain', background: '#ff0000' });
    expect(await pixelAt(output, 0, 0)).toEqual([255, 0, 0]);
    expect(await pixelAt(output, 50, 50)).toEqual([0, 0, 255]);
  });

  it('pads with transparency, which JPEG turns white', async () => {
    const png = await transform('wide-blue.png', { width: 100, height: 100, fit: 'contain', background: 'transparent' });
    expect((await pixelAt(png.output, 0, 0))[3]).toBe(0);
    const jpeg = await transform('wide-blue.png', {
      width: 100, height: 100, fit: 'contain', background: 'transparent', format: 'jpeg',
    });
    for (const channel of await pixelAt(jpeg.output, 0, 0)) expect(channel).toBeGreaterThan(250);
  });

  it('crops cover at the position', async () => {
    const top = await transform('red-over-blue.png', { width: 100, height: 100, position: 'top' });
    expect((await pixelAt(top.output, 50, 95)).slice(0, 3)).toEqual([255, 0, 0]);
    const bottom = await transform('red-over-blue.png', { width: 100, height: 100, position: 'bottom' });
    expect((await pixelAt(bottom.output, 50, 5)).slice(0, 3)).toEqual([0, 0, 255]);
  });

  it.each(['jpeg', 'png', 'webp', 'avif', 'gif'] satisfies ImageFormat[])('writes %s', async (format) => {
    const { facts, output, metadata } = await transform('noise.png', { width: 64, height: 64, format });
    expect(metadata.mediaType).toBe(imageFormats[format].mimeType);
    expect(facts).toEqual({ width: 64, height: 64, format, mimeType: imageFormats[format].mimeType, size: (await stat(output)).size });
  });

  it('applies EXIF orientation and strips metadata', async () => {
    const { metadata } = await transform('orientation-6.jpg', { format: 'jpeg' });
    expect([metadata.width, metadata.height]).toEqual([100, 200]);
    expect(metadata.exif).toBeUndefined();
    expect(metadata.orientation).toBeUndefined();
  });

  it('makes smaller JPEGs at lower quality', async () => {
    const low = await transform('noise.jpg', { format: 'jpeg', quality: 20 });
    const high = await transform('noise.jpg', { format: 'jpeg', quality: 90 });
    expect(low.facts.size).toBeLessThan(high.facts.size / 2);
  });

  it('maps bad input to task errors', async () => {
    await expect(transform('truncated.jpg', { width: 10 })).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    await expect(transform('bomb.png', { width: 10 }, { maxPixels: 1_000_000 })).rejects.toMatchObject({ code: 'INPUT_TOO_LARGE' });
    await expect(transform('page.html', { width: 10 })).rejects.toMatchObject({ code: 'INPUT_UNSUPPORTED' });
  });
});

describe('extractVideoFrame', () => {
  const extract = async (input: string, atSeconds: number, signal?: AbortSignal) => {
    const output = file(`frame-${input}-${atSeconds}.png`);
    await extractVideoFrame(file(input), atSeconds, output, { ffmpegPath: binaries.ffmpeg.path, signal });
    return sharp(output).metadata();
  };

  it('writes the frame at a time as a PNG of the video size', async () => {
    expect(await extract('av.mp4', 1)).toMatchObject({ format: 'png', width: 320, height: 240 });
  });

  it('writes the last frame when the time is past the end', async () => {
    expect(await extract('av.mp4', 10)).toMatchObject({ format: 'png', width: 320, height: 240 });
  });

  it('turns the frame upright', async () => {
    expect(await extract('portrait.mp4', 1)).toMatchObject({ width: 240, height: 320 });
  });

  it('stops when aborted', async () => {
    await expect(extract('av.mp4', 1, AbortSignal.abort())).rejects.toMatchObject({ name: 'AbortError' });
  });
});
