// Test media, generated on the spot: images with sharp, video with ffmpeg's lavfi sources.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { resolveMediaBinaries } from '../../src/media/ffmpeg-binaries.js';

const run = promisify(execFile);

export async function writeTestImage(path: string, width: number, height: number, format: 'png' | 'jpeg' = 'png'): Promise<void> {
  // A gradient, not a flat colour, so that encoders and crops have something to work on.
  const channels = 3;
  const pixels = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const offset = (y * width + x) * channels;
      pixels[offset] = Math.round((255 * x) / Math.max(1, width - 1));
      pixels[offset + 1] = Math.round((255 * y) / Math.max(1, height - 1));
      pixels[offset + 2] = 128;
    }
  }
  await sharp(pixels, { raw: { width, height, channels } }).toFormat(format).toFile(path);
}

export async function writeTestVideo(path: string, options: { width?: number; height?: number; seconds?: number; audio?: boolean } = {}): Promise<void> {
  const { ffmpeg } = await resolveMediaBinaries();
  const { width = 320, height = 240, seconds = 2, audio = true } = options;
  const inputs = ['-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=25:duration=${seconds}`];
  if (audio) inputs.push('-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`);
  await run(ffmpeg.path, ['-y', '-v', 'error', ...inputs, '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-preset', 'ultrafast',
    ...(audio ? ['-c:a', 'aac'] : []), '-shortest', path]);
}
