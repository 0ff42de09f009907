// `thumbnails`: a seek-bar storyboard (sprite sheets + WebVTT with #xywh cues), or `count`
// frames (or frames at given times); a poster frame that avoids black frames either way.
import path from 'node:path';
import { z } from 'zod';
import { choosePosterFrame, extractFrames } from '../media/frames.js';
import { makeStoryboard } from '../media/storyboard.js';
import { defineTaskKind, type ProducedOutput } from './task-kind.js';

const imageMime = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' } as const;

export const thumbnailsOptions = z.object({
  mode: z.enum(['storyboard', 'frames']).default('storyboard')
    .describe('storyboard: sprite sheets and a WebVTT track for seek-bar previews; frames: separate images.'),
  interval: z.number().min(0.1).max(600).optional()
    .describe('Storyboard: seconds between thumbnails; by default chosen from the duration (about 1 s for short videos, up to 10 s).'),
  columns: z.number().int().min(1).max(20).default(10).describe('Storyboard: thumbnails per sheet row.'),
  rows: z.number().int().min(1).max(20).default(10).describe('Storyboard: rows per sheet.'),
  count: z.number().int().min(1).max(100).default(5).describe('Frames: how many, evenly spaced over the input.'),
  times: z.array(z.number().min(0)).max(100).optional().describe('Frames: the times in seconds to take, instead of count.'),
  width: z.number().int().min(16).max(3840).optional()
    .describe('Thumbnail width in pixels (storyboard default 160). With only one of width and height, the other keeps the aspect ratio.'),
  height: z.number().int().min(16).max(2160).optional().describe('Frames: thumbnail height in pixels.'),
  format: z.enum(['jpeg', 'png', 'webp']).default('jpeg').describe('Image format (storyboards: jpeg or webp).'),
}).superRefine((options, context) => {
  if (options.mode === 'storyboard' && options.format === 'png') {
    context.addIssue({ code: 'custom', path: ['format'], message: 'storyboard sheets are jpeg or webp' });
  }
  if (options.mode === 'storyboard' && options.times) {
    context.addIssue({ code: 'custom', path: ['times'], message: 'times applies to frames mode' });
  }
});

const frameSize = {
  width: z.number().int().describe('Pixels.'),
  height: z.number().int().describe('Pixels.'),
};

export const thumbnailsResult = z.strictObject({
  mode: thumbnailsOptions.shape.mode.unwrap().describe('What was made: a storyboard or separate frames.'),
  interval: z.number().optional().describe('Storyboard: seconds between thumbnails.'),
  tileWidth: z.number().int().optional().describe('Storyboard: a thumbnail\'s width in pixels.'),
  tileHeight: z.number().int().optional().describe('Storyboard: a thumbnail\'s height in pixels.'),
  columns: z.number().int().optional().describe('Storyboard: thumbnails per sheet row.'),
  rows: z.number().int().optional().describe('Storyboard: rows per sheet.'),
  sheets: z.number().int().optional().describe('Storyboard: sprite sheets made.'),
  cues: z.number().int().optional().describe('Storyboard: cues in the WebVTT track (one per thumbnail).'),
  frames: z.array(z.strictObject({
    filename: z.string().describe('The output\'s filename.'),
    time: z.number().describe('Seconds from the start of the video.'),
    ...frameSize,
  }).meta({ title: 'ThumbnailFrame', typeDescription: 'A frame taken as an image.' })).optional().describe('Frames: the images, in time order.'),
  poster: z.strictObject({
    time: z.number().describe('Seconds from the start of the video.'),
    ...frameSize,
  }).meta({ title: 'PosterFrame', typeDescription: 'The poster frame (poster.jpg), chosen to avoid black frames.' }).describe('The poster frame (poster.jpg).'),
});

const framesOnly = ['count', 'times', 'height'] as const;
const storyboardOnly = ['interval', 'columns', 'rows'] as const;

export const thumbnailsKind = defineTaskKind({
  name: 'thumbnails',
  description: 'A seek-bar storyboard (sprite sheets + WebVTT with #xywh= cues, as video players expect) or count frames at width x height; always with a poster frame that avoids black frames.',
  options: thumbnailsOptions,
  result: thumbnailsResult,

  // The applied options are those of the chosen mode: the other mode's defaults would claim
  // settings that were never used (count: 5 on a storyboard).
  completeOptions(options) {
    const applied: Partial<typeof options> = { ...options };
    for (const name of options.mode === 'storyboard' ? framesOnly : storyboardOnly) delete applied[name];
    if (options.times) delete applied.count;
    return applied as typeof options;
  },

  unsupportedInput: (facts, options) => {
    if (!facts.hasVideo || facts.isImage) return `The thumbnails kind needs a video input; this ${facts.mimeType} has no video stream.`;
    const late = facts.duration === null ? undefined : options.times?.find((time) => time >= facts.duration!);
    return late === undefined ? null : `times: ${late} s is at or past the end of the input (${facts.duration!.toFixed(2)} s).`;
  },

  async run({ options, input, workDir, media, reportProgress }) {
    const outputs: ProducedOutput[] = [];
    let result: Omit<z.input<typeof thumbnailsResult>, 'poster'>;

    if (options.mode === 'storyboard') {
      const dir = path.join(workDir, 'storyboard');
      const format = options.format === 'webp' ? 'webp' : 'jpeg';
      const board = await makeStoryboard(input.path, dir, { interval: options.interval, tileWidth: options.width ?? 160, columns: options.columns, rows: options.rows, format }, input.facts, { ...media, onProgress: reportProgress });
      outputs.push({ path: path.join(dir, board.vttPath), relativePath: board.vttPath, kind: 'thumbnails', filename: board.vttPath, mimeType: 'text/vtt', duration: input.facts.duration });
      for (const sheet of board.sheets) {
        outputs.push({ path: path.join(dir, sheet.relativePath), relativePath: sheet.relativePath, kind: 'thumbnails', filename: sheet.relativePath, mimeType: imageMime[format], width: sheet.width, height: sheet.height });
      }
      result = { mode: 'storyboard', interval: board.interval, tileWidth: board.tileWidth, tileHeight: board.tileHeight, columns: options.columns, rows: options.rows, sheets: board.sheets.length, cues: board.cueCount };
    } else {
      const dir = path.join(workDir, 'frames');
      const frames = await extractFrames(input.path, dir, { count: options.times ? undefined : options.count, times: options.times, width: options.width, height: options.height, format: options.format }, input.facts, { ...media, onProgress: reportProgress });
      for (const frame of frames) {
        outputs.push({ path: path.join(dir, frame.relativePath), relativePath: frame.relativePath, kind: 'image', filename: frame.relativePath, mimeType: imageMime[options.format], width: frame.width, height: frame.height });
      }
      result = { mode: 'frames', frames: frames.map(({ relativePath, time, width, height }) => ({ filename: relativePath, time, width, height })) };
    }

    const posterPath = path.join(workDir, 'poster.jpg');
    const poster = await choosePosterFrame(input.path, posterPath, input.facts, media);
    outputs.push({ path: posterPath, kind: 'image', filename: 'poster.jpg', mimeType: 'image/jpeg', width: poster.width, height: poster.height });
    return { outputs, result: { ...result, poster: { time: poster.time, width: poster.width, height: poster.height } } };
  },
});
