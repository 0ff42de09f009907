// Media for the web console's browser test and its demo: a spoken clip at 854x480 (two HLS rungs,
// 480p and 360p), a longer silent video that takes a while to transcode (to cancel), and a photo.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { writeTestImage, writeTestVideo } from './fixtures.js';
import { testMediaBinaries } from './media-tools.js';

const run = promisify(execFile);
const spokenTitle = path.resolve('test/fixtures/spoken-title.mp4');

export interface ConsoleMedia {
  /** 8 s, 854x480 H.264 + AAC, speech: "Welcome to the kitchen. Today we make chocolate cookies with fresh butter." */
  spoken: string;
  /** 24 s of 1280x720 test pattern with a tone: a video task on it runs long enough to cancel. */
  long: string;
  /** 640x480 PNG gradient. */
  photo: string;
}

export async function writeConsoleMedia(folder: string): Promise<ConsoleMedia> {
  const { ffmpeg } = await testMediaBinaries();
  const media = { spoken: path.join(folder, 'kitchen.mp4'), long: path.join(folder, 'long-pattern.mp4'), photo: path.join(folder, 'gradient.png') };
  await Promise.all([
    run(ffmpeg.path, ['-y', '-v', 'error', '-i', spokenTitle, '-vf', 'scale=854:480', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'copy', media.spoken]),
    writeTestVideo(media.long, { width: 1280, height: 720, seconds: 24 }),
    writeTestImage(media.photo, 640, 480),
  ]);
  return media;
}
