// Real-sized inputs for the overhead section, and reading facts back from files: a 1280x720
// H.264/AAC clip from ffmpeg's lavfi sources and a 12-megapixel JPEG of gradients and noise.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import sharp from 'sharp';

const run = promisify(execFile);
const require = createRequire(import.meta.url);

/** The npm-bundled static ffmpeg or ffprobe (what the server falls back to). */
export function bundledBinary(name: 'ffmpeg' | 'ffprobe'): string {
  return (require(name === 'ffmpeg' ? '@ffmpeg-installer/ffmpeg' : '@ffprobe-installer/ffprobe') as { path: string }).path;
}

export async function binaryVersion(binary: string): Promise<string> {
  const { stdout } = await run(binary, ['-version'], { timeout: 10_000 });
  return stdout.split('\n', 1)[0].replace(/\s+Copyright.*$/, '').trim();
}

/** testsrc2 (moving, detailed) with a 440 Hz tone: H.264 yuv420p + AAC in MP4, fast-start. */
/** `variant` shifts the hue (and the tone): each variant is a different file to decode and encode. */
export async function writeTestVideo(ffmpeg: string, file: string, options: { width: number; height: number; seconds: number; fps: number; variant?: number }): Promise<void> {
  const { width, height, seconds, fps, variant = 0 } = options;
  await run(ffmpeg, [
    '-y', '-v', 'error', '-nostdin',
    '-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=${fps}:duration=${seconds}${variant ? `,hue=h=${(variant * 37) % 360}` : ''}`,
    '-f', 'lavfi', '-i', `sine=frequency=${440 + variant * 10}:sample_rate=48000:duration=${seconds}`,
    '-c:v', 'libx264', '-preset', 'fast', '-crf', '23', '-g', String(fps * 2), '-pix_fmt', 'yuv420p',
    '-c:a', 'aac', '-b:a', '128k', '-shortest', '-movflags', '+faststart', file,
  ], { timeout: 300_000 });
}

/**
 * A photo-like JPEG: smooth gradients and soft shapes under per-pixel noise (sensor grain), so
 * the encoder and decoder do realistic work (a flat or pure-gradient image compresses to almost
 * nothing). Seeded: the same seed gives the same bytes, another seed another photo.
 */
export async function writeNoisyJpeg(file: string, width: number, height: number, quality: number, noiseSeed = 0x9e3779b9): Promise<void> {
  const channels = 3;
  const pixels = Buffer.alloc(width * height * channels);
  let seed = noiseSeed;
  const noise = () => {
    // xorshift32; the sum of two uniforms is a triangle distribution in -20..20.
    seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5;
    return ((seed >>> 24) + ((seed >>> 16) & 0xff)) / 12.75 - 20;
  };
  for (let y = 0; y < height; y++) {
    const vertical = Math.cos(y / 173);
    for (let x = 0; x < width; x++) {
      const shape = 60 * Math.sin(x / 211) * vertical;
      const offset = (y * width + x) * channels;
      pixels[offset] = clamp((200 * x) / width + 30 + shape + noise());
      pixels[offset + 1] = clamp((180 * y) / height + 40 - shape / 2 + noise());
      pixels[offset + 2] = clamp(128 + shape + noise());
    }
  }
  await sharp(pixels, { raw: { width, height, channels } }).jpeg({ quality }).toFile(file);
}

const clamp = (value: number) => Math.max(0, Math.min(255, Math.round(value)));

export interface FileFacts {
  size: number;
  width: number | null;
  height: number | null;
  duration: number | null;
  bitrate: number | null;
  codecs: string[];
  sha256: string;
}

/** ffprobe's view of a media file, with its size and hash. */
export async function probeFile(ffprobe: string, file: string): Promise<FileFacts> {
  const { stdout } = await run(ffprobe, ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file], { timeout: 30_000 });
  const probed = JSON.parse(stdout) as { format: { duration?: string; bit_rate?: string }; streams: Array<{ codec_type: string; codec_name: string; width?: number; height?: number }> };
  const video = probed.streams.find((stream) => stream.codec_type === 'video');
  const number = (value?: string) => (value === undefined ? null : Number(value));
  const bytes = await fs.readFile(file);
  return {
    size: bytes.length,
    width: video?.width ?? null,
    height: video?.height ?? null,
    duration: number(probed.format.duration),
    bitrate: number(probed.format.bit_rate),
    codecs: probed.streams.map((stream) => stream.codec_name),
    sha256: sha256(bytes),
  };
}

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
