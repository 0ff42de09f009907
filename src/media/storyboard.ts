import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { TaskError } from '../errors/task-error.js';
import { ffmpegCapabilities, requireFilter, runFfmpegJob, type MediaJobContext } from './ffmpeg-process.js';
import type { MediaFacts } from './probe-media.js';

export interface StoryboardOptions {
  /** Seconds between thumbnails; by default from the duration (see `storyboardInterval`). */
  interval?: number;
  /** Pixels; the tile height keeps the display aspect, rounded to even. */
  tileWidth: number;
  columns: number;
  rows: number;
  format: 'jpeg' | 'webp';
}

export interface StoryboardSheet {
  /** Relative to the output directory: `storyboard_001.jpg`. */
  relativePath: string;
  width: number;
  height: number;
}

export interface Storyboard {
  interval: number;
  tileWidth: number;
  tileHeight: number;
  sheets: StoryboardSheet[];
  /** Relative to the output directory: `storyboard.vtt`. */
  vttPath: string;
  cueCount: number;
}

export const storyboardFormats = {
  jpeg: { extension: 'jpg', mimeType: 'image/jpeg' },
  webp: { extension: 'webp', mimeType: 'image/webp' },
} as const;

/** The step for a default interval, and the most thumbnails it should give. */
const intervalSteps = [1, 2, 5, 10];
const targetThumbnails = 100;

/**
 * The default seconds between thumbnails: the smallest of 1, 2, 5 and 10 s that keeps to about
 * 100 thumbnails (up to 100 s of video → 1 s, 200 s → 2 s, 500 s → 5 s), and 10 s beyond, so
 * a long video's seek bar still changes picture every few pixels.
 */
export function storyboardInterval(duration: number): number {
  return intervalSteps.find((step) => duration / step <= targetThumbnails) ?? intervalSteps.at(-1)!;
}

/**
 * Makes a seek-bar storyboard: one ffmpeg pass takes a frame every `interval` seconds, scales
 * it to the tile size and lays the tiles out in sheets of columns x rows (the last one cut to
 * the rows it uses, and to the columns when it uses one row), and a WebVTT file whose cues cover 0 to the
 * duration without gaps, each naming its tile as `storyboard_001.jpg#xywh=x,y,w,h`.
 */
export async function makeStoryboard(
  inputPath: string,
  outputDir: string,
  options: StoryboardOptions,
  input: MediaFacts,
  context: MediaJobContext,
): Promise<Storyboard> {
  if (!input.hasVideo || !input.width || !input.height || !input.duration) {
    throw new TaskError('INPUT_UNSUPPORTED', `The input (${input.mimeType}) has no video with a known duration for a storyboard`);
  }
  const { columns, rows } = options;
  const capabilities = await ffmpegCapabilities(context.ffmpegPath);
  for (const filter of ['fps', 'scale', 'split', 'tile']) requireFilter(capabilities, filter, 'a storyboard');
  const duration = input.duration;
  const interval = options.interval ?? storyboardInterval(duration);
  if (!(interval > 0) || columns < 1 || rows < 1) throw new Error('A storyboard needs an interval above 0 and at least one column and row');
  const tileWidth = Math.max(2, Math.round(options.tileWidth));
  const tileHeight = Math.max(2, Math.round((tileWidth * input.height) / input.width / 2) * 2);
  // WebP sheets go through a lossless PNG that sharp encodes: ffmpeg builds may lack libwebp.
  const ffmpegExtension = options.format === 'webp' ? 'png' : 'jpg';

  await mkdir(outputDir, { recursive: true });
  const framesPath = path.join(outputDir, 'storyboard-frames.txt');
  const sheetPattern = path.join(outputDir, `storyboard_%03d.${ffmpegExtension}`);
  const previous = (await readdir(outputDir)).filter((name) => /^storyboard_\d+\.(jpg|png|webp)$/.test(name));
  await Promise.all(previous.map((name) => rm(path.join(outputDir, name), { force: true })));

  await runFfmpegJob(
    (command) => {
      command.input(inputPath);
      // fps picks, for each tick k·interval, the last frame before (k + ½)·interval. The
      // second branch lists each tile's frame (framecrc: one line per frame), which tells how
      // many tiles there are: the padding of the last sheet is not a tile.
      command.complexFilter(`[0:v:0]fps=${1 / interval},scale=${tileWidth}:${tileHeight},setsar=1,split[thumbs][count];[thumbs]tile=${columns}x${rows}[sheets]`);
      command.output(sheetPattern).outputOptions([
        '-map', '[sheets]', '-map_metadata', '-1',
        ...(ffmpegExtension === 'jpg' ? ['-c:v', 'mjpeg', '-q:v', '3', '-pix_fmt', 'yuvj420p'] : ['-c:v', 'png', '-compression_level', '1']),
        '-f', 'image2', '-start_number', '1',
      ]);
      command.output(framesPath).outputOptions(['-map', '[count]', '-f', 'framecrc']);
    },
    {
      ffmpegPath: context.ffmpegPath,
      threads: context.threads,
      signal: context.signal,
      expectedDurationSeconds: duration,
      onProgress: context.onProgress,
      outputPaths: [framesPath],
    },
  ).catch(async (error: unknown) => {
    await removeSheets(outputDir);
    throw error;
  });

  const tileCount = (await readFile(framesPath, 'utf8')).split('\n').filter((line) => /^\d+,/.test(line)).length;
  await rm(framesPath, { force: true });
  const written = (await readdir(outputDir)).filter((name) => new RegExp(`^storyboard_\\d+\\.${ffmpegExtension}$`).test(name)).sort();
  if (tileCount === 0 || written.length === 0) throw new Error('ffmpeg wrote no storyboard frames');

  const expected = { width: columns * tileWidth, height: rows * tileHeight };
  for (const name of written) {
    const { width, height } = await sharp(path.join(outputDir, name)).metadata();
    if (width !== expected.width || height !== expected.height) throw new Error(`ffmpeg's storyboard sheets are not ${expected.width}x${expected.height}`);
  }
  const finalNames = written.map((name) => (options.format === 'webp' ? name.replace(/\.png$/, `.${storyboardFormats.webp.extension}`) : name));
  const cues = storyboardCues({ duration, interval, tileCount, tileWidth, tileHeight, columns, rows, sheetNames: finalNames });

  // ffmpeg pads the last sheet to the full grid: cut it to the tiles the cues use, and drop a
  // sheet that holds only a tile for the very end (which no cue shows).
  const perSheet = columns * rows;
  const sheetCount = Math.ceil(cues.length / perSheet);
  await Promise.all(written.slice(sheetCount).map((name) => rm(path.join(outputDir, name), { force: true })));
  const sheets: StoryboardSheet[] = [];
  for (let index = 0; index < sheetCount; index++) {
    const tiles = index < sheetCount - 1 ? perSheet : cues.length - index * perSheet;
    sheets.push(await finishSheet(outputDir, written[index], finalNames[index], usedArea(tiles, columns, tileWidth, tileHeight), expected));
  }

  const vttPath = 'storyboard.vtt';
  await writeFile(path.join(outputDir, vttPath), webVtt(cues));
  return { interval, tileWidth, tileHeight, sheets, vttPath, cueCount: cues.length };
}

/** The part of a sheet `tiles` tiles fill: whole rows, and only the columns used when one row is. */
function usedArea(tiles: number, columns: number, tileWidth: number, tileHeight: number): { width: number; height: number } {
  return { width: Math.min(tiles, columns) * tileWidth, height: Math.ceil(tiles / columns) * tileHeight };
}

/** Crops a sheet to `area` and encodes it as its final format (WebP sheets come from a PNG). */
async function finishSheet(
  outputDir: string,
  written: string,
  relativePath: string,
  area: { width: number; height: number },
  full: { width: number; height: number },
): Promise<StoryboardSheet> {
  const source = path.join(outputDir, written);
  const trimmed = area.width < full.width || area.height < full.height;
  if (!trimmed && written === relativePath) return { relativePath, ...full };
  const image = sharp(source).extract({ left: 0, top: 0, ...area });
  const encoded = relativePath.endsWith('.webp') ? image.webp({ quality: 75 }) : image.jpeg({ quality: 85 });
  const target = path.join(outputDir, `${relativePath}.tmp`);
  await encoded.toFile(target);
  await rm(source);
  await rename(target, path.join(outputDir, relativePath));
  return { relativePath, ...area };
}

async function removeSheets(outputDir: string): Promise<void> {
  const names = await readdir(outputDir).catch(() => [] as string[]);
  await Promise.all(names.filter((name) => /^storyboard_\d+\.(jpg|png|webp)$/.test(name)).map((name) => rm(path.join(outputDir, name), { force: true })));
}

export interface StoryboardCue {
  start: number;
  end: number;
  /** `storyboard_001.jpg#xywh=0,0,160,90` */
  target: string;
}

/**
 * Cue k covers [k·interval, (k+1)·interval) and shows tile k; the last cue ends at the
 * duration, whether ffmpeg made a tile more (its frame for the end is left out) or one fewer
 * (the last cue stretches over the missing one).
 */
export function storyboardCues(layout: {
  duration: number;
  interval: number;
  tileCount: number;
  tileWidth: number;
  tileHeight: number;
  columns: number;
  rows: number;
  sheetNames: string[];
}): StoryboardCue[] {
  const { duration, interval, tileWidth, tileHeight, columns, rows } = layout;
  const perSheet = columns * rows;
  const count = Math.max(1, Math.min(layout.tileCount, Math.ceil(duration / interval - 1e-9), layout.sheetNames.length * perSheet));
  const cues: StoryboardCue[] = [];
  for (let index = 0; index < count; index++) {
    const sheet = Math.floor(index / perSheet);
    const place = index % perSheet;
    const x = (place % columns) * tileWidth;
    const y = Math.floor(place / columns) * tileHeight;
    cues.push({
      start: index * interval,
      end: index === count - 1 ? duration : (index + 1) * interval,
      target: `${layout.sheetNames[sheet]}#xywh=${x},${y},${tileWidth},${tileHeight}`,
    });
  }
  return cues;
}

function webVtt(cues: StoryboardCue[]): string {
  const blocks = cues.map((cue) => `${vttTime(cue.start)} --> ${vttTime(cue.end)}\n${cue.target}`);
  return `WEBVTT\n\n${blocks.join('\n\n')}\n`;
}

/** HH:MM:SS.mmm */
function vttTime(seconds: number): string {
  const milliseconds = Math.round(seconds * 1000);
  const pad = (value: number, length = 2) => String(value).padStart(length, '0');
  const hours = Math.floor(milliseconds / 3_600_000);
  const minutes = Math.floor((milliseconds % 3_600_000) / 60_000);
  const secs = Math.floor((milliseconds % 60_000) / 1000);
  return `${pad(hours)}:${pad(minutes)}:${pad(secs)}.${pad(milliseconds % 1000, 3)}`;
}
