// Test media, generated on the spot: images with sharp, video with ffmpeg's lavfi sources.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { mediaToolEnvironment } from '../../src/media/ffmpeg-binaries.js';
import { testMediaBinaries } from './media-tools.js';

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

export interface TestVideoOptions {
  width?: number;
  height?: number;
  seconds?: number;
  fps?: number;
  /** A 440 Hz tone (true), digital silence ('silence'), or no audio stream (false). */
  audio?: boolean | 'silence';
  /** Display rotation as phones record it: the stored picture is turned for display. */
  rotation?: 90;
}

export async function writeTestVideo(path: string, options: TestVideoOptions = {}): Promise<void> {
  const { ffmpeg } = await testMediaBinaries();
  const { width = 320, height = 240, seconds = 2, fps = 25, audio = true } = options;
  const inputs = ['-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=${fps}:duration=${seconds}`];
  if (audio === 'silence') inputs.push('-f', 'lavfi', '-t', String(seconds), '-i', 'anullsrc=r=44100:cl=mono');
  else if (audio) inputs.push('-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`);
  await run(ffmpeg.path, ['-y', '-v', 'error', ...inputs, '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-preset', 'ultrafast',
    ...(audio ? ['-c:a', 'aac'] : []), '-shortest', ...(options.rotation ? ['-f', 'mp4', `${path}.upright`] : [path])]);
  if (options.rotation) {
    // ffmpeg 4.1's stream copy stores `rotate=N` as the opposite turn: 270 gives the display
    // matrix of a phone held upright (ffprobe: rotation -90), displayed turned by 90°.
    await run(ffmpeg.path, ['-y', '-v', 'error', '-i', `${path}.upright`, '-c', 'copy', '-metadata:s:v:0', 'rotate=270', path]);
    await fs.rm(`${path}.upright`);
  }
}

/**
 * 4 s of variable frame rate, as phones record: 15 fps for 2 s, then 30 fps (90 frames,
 * average 22.5 fps, top rate 30).
 */
export async function writeVariableFrameRateVideo(path: string): Promise<void> {
  const { ffmpeg } = await testMediaBinaries();
  await run(ffmpeg.path, ['-y', '-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=30:duration=4',
    '-vf', "select='gte(t\\,2)+not(mod(n\\,2))'", '-vsync', 'vfr', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-preset', 'ultrafast', path],
  { env: mediaToolEnvironment(ffmpeg.path) });
}

/** A 2 s MP3 tone; with `coverArt`, carrying a 300x200 JPEG of testsrc2's picture as its attached picture. */
export async function writeTestMp3(path: string, options: { coverArt: boolean }): Promise<void> {
  const { ffmpeg } = await testMediaBinaries();
  const cover = options.coverArt
    ? ['-f', 'lavfi', '-i', 'testsrc2=size=300x200:rate=1:duration=1', '-map', '0:a', '-map', '1:v', '-c:v', 'mjpeg', '-disposition:v', 'attached_pic']
    : [];
  await run(ffmpeg.path, ['-y', '-v', 'error', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=2', ...cover, '-c:a', 'libmp3lame', '-id3v2_version', '3', path],
    { env: mediaToolEnvironment(ffmpeg.path) });
}

/** ffprobe's view of a file, read with ffprobe itself rather than the server's own probing. */
export async function ffprobe(path: string, extraArguments: string[] = []): Promise<{ format: Record<string, string>; streams: Array<Record<string, unknown>> }> {
  const { ffprobe: binary } = await testMediaBinaries();
  const { stdout } = await run(binary.path, ['-v', 'error', ...extraArguments, '-print_format', 'json', '-show_format', '-show_streams', path], { env: mediaToolEnvironment(binary.path) });
  return JSON.parse(stdout);
}
