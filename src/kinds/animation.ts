// `animation`: a looping GIF (with a generated palette) or animated WebP clip of a video.
import path from 'node:path';
import { z } from 'zod';
import { makeAnimation } from '../media/animation.js';
import { checkTimeWindow, halfTheCores, outputFilename, timeWindowFields, windowOutsideInput } from './common-options.js';
import { defineTaskKind } from './task-kind.js';

/** Without end or duration, a clip this long: a GIF of a whole film is nobody's intent. */
export const defaultClipSeconds = 5;

export const animationOptions = z.object({
  format: z.enum(['gif', 'webp']).default('gif').describe('gif (a palette generated from the clip) or webp (animated WebP, smaller).'),
  ...timeWindowFields,
  fps: z.number().min(1).max(30).default(10).describe('Frames per second.'),
  width: z.number().int().min(16).max(1920).default(480).describe('Width in pixels; the height keeps the aspect ratio.'),
}).superRefine(checkTimeWindow);

export const animationResult = z.strictObject({
  frameCount: z.number().int().describe('Frames in the animation.'),
});

export const animationKind = defineTaskKind({
  name: 'animation',
  description: `A looping GIF or animated WebP clip of a video (start, end or duration, fps, width). Without end or duration the clip lasts ${defaultClipSeconds} s.`,
  options: animationOptions,
  result: animationResult,
  completeOptions: (options) => (options.end === undefined && options.duration === undefined ? { ...options, duration: defaultClipSeconds } : options),
  defaultConcurrency: halfTheCores,

  unsupportedInput: (facts, options) =>
    !facts.hasVideo || facts.isImage ? `The animation kind needs a video input; this ${facts.mimeType} has no video stream.` : windowOutsideInput(options, facts),

  async run({ options, input, workDir, media, reportProgress }) {
    const outputPath = path.join(workDir, outputFilename(input.path, options.format, 'animation'));
    const { frameCount, ...facts } = await makeAnimation(input.path, outputPath, options, input.facts, {
      ...media, onProgress: reportProgress,
    });
    return { outputs: [{ path: outputPath, kind: 'image', filename: path.basename(outputPath), ...facts }], result: { frameCount } };
  },
});
