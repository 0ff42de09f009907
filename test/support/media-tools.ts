// The ffmpeg and ffprobe the tests use: the server's own policy (the bundled builds unless
// FFMPEG_PATH / FFPROBE_PATH name others), so `FFMPEG_PATH=/usr/bin/ffmpeg
// FFPROBE_PATH=/usr/bin/ffprobe npm test` runs the whole suite, servers included, on another build.
import { resolveMediaBinaries, type MediaBinaries } from '../../src/media/ffmpeg-binaries.js';

/** FFMPEG_PATH and FFPROBE_PATH as set for this test run, to hand to a server's environment. */
export function mediaToolSettings(): Record<string, string> {
  const settings: Record<string, string> = {};
  if (process.env.FFMPEG_PATH) settings.FFMPEG_PATH = process.env.FFMPEG_PATH;
  if (process.env.FFPROBE_PATH) settings.FFPROBE_PATH = process.env.FFPROBE_PATH;
  return settings;
}

let binaries: Promise<MediaBinaries> | undefined;

export function testMediaBinaries(): Promise<MediaBinaries> {
  binaries ??= resolveMediaBinaries({ ffmpegPath: process.env.FFMPEG_PATH, ffprobePath: process.env.FFPROBE_PATH });
  return binaries;
}
