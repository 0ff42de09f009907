// `video`: transcode, resize, trim and re-encode a video with ffmpeg.
import path from 'node:path';
import { z } from 'zod';
import { transcodeVideo, type VideoCodec, type VideoFormat } from '../media/video-transcode.js';
import { checkTimeWindow, colourOption, fits, halfTheCores, outputFilename, positions, qualityOption, timeWindowFields, windowOutsideInput } from './common-options.js';
import { defineTaskKind, pictureOf, requestedSize } from './task-kind.js';

const formats = ['mp4', 'webm', 'mov'] as const satisfies readonly VideoFormat[];
const codecs = ['h264', 'h265', 'vp9', 'av1'] as const satisfies readonly VideoCodec[];

/** Which codecs each container can carry here (players, not only ffmpeg, must accept the pair). */
export const codecsByFormat: Record<VideoFormat, { default: VideoCodec; allowed: readonly VideoCodec[] }> = {
  mp4: { default: 'h264', allowed: ['h264', 'h265', 'av1'] },
  mov: { default: 'h264', allowed: ['h264', 'h265'] },
  webm: { default: 'vp9', allowed: ['vp9', 'av1'] },
};

const maxDimension = 7680;

export const videoOptions = z.object({
  width: z.number().int().min(2).max(maxDimension).optional()
    .describe('Output width in pixels (rounded to even). With only one of width and height, the other keeps the aspect ratio.'),
  height: z.number().int().min(2).max(maxDimension).optional()
    .describe('Output height in pixels (rounded to even). With only one of width and height, the other keeps the aspect ratio.'),
  fit: z.enum(fits).default('contain')
    .describe('How the picture fills width x height: contain fits inside and pads with background, cover crops at position, fill stretches.'),
  position: z.enum(positions).default('center').describe('What cover keeps when it crops.'),
  background: colourOption('Padding colour for contain.'),
  format: z.enum(formats).default('mp4').describe('Container. MP4 and MOV are written fast-start (playable while downloading).'),
  codec: z.enum(codecs).optional()
    .describe('Video codec: h264 (default for mp4 and mov), h265, vp9 (default for webm) or av1. mp4 takes h264, h265, av1; mov h264, h265; webm vp9, av1.'),
  quality: qualityOption('Quality from 0 to 100 or a preset, mapped to the codec\'s CRF scale (see the README). Ignored when bitrate is given.'),
  bitrate: z.number().int().min(50_000).max(200_000_000).optional().describe('Target video bitrate in bits per second, instead of quality.'),
  fps: z.number().min(1).max(60).optional().describe('Output frame rate, constant. By default each frame keeps its time: a variable-frame-rate input (most phone videos) stays variable.'),
  ...timeWindowFields,
  mute: z.boolean().default(false).describe('Drop the audio.'),
}).superRefine((options, context) => {
  checkTimeWindow(options, context);
  if (options.codec && !codecsByFormat[options.format].allowed.includes(options.codec)) {
    context.addIssue({
      code: 'custom', path: ['codec'],
      message: `codec ${options.codec} does not suit format ${options.format}; ${options.format} takes ${codecsByFormat[options.format].allowed.join(', ')}`,
    });
  }
});

/** The codec defaults to the format's usual one. */
function withCodec<Options extends { format: VideoFormat; codec?: VideoCodec }>(options: Options): Options & { codec: VideoCodec } {
  return { ...options, codec: options.codec ?? codecsByFormat[options.format].default };
}

export const videoKind = defineTaskKind({
  name: 'video',
  description: 'Transcode a video: resize (contain, cover, fill), trim, change frame rate, codec (h264, h265, vp9, av1) and container (mp4, webm, mov). Rotation is applied; MP4 is fast-start.',
  options: videoOptions,
  completeOptions: withCodec,
  defaultConcurrency: halfTheCores,
  outputSize: (options, facts) => requestedSize(options, pictureOf(facts)),
  // 8K UHD: what encoders' highest levels and any player take.
  maxOutputPixels: 7680 * 4320,

  unsupportedInput: (facts, options) =>
    !facts.hasVideo || facts.isImage ? `The video kind needs a video input; this ${facts.mimeType} has no video stream.` : windowOutsideInput(options, facts),

  async run({ options, input, workDir, media, reportProgress }) {
    const outputPath = path.join(workDir, outputFilename(input.path, options.format, 'video'));
    const facts = await transcodeVideo(input.path, outputPath, withCodec(options), input.facts, {
      ...media, onProgress: reportProgress,
    });
    return { outputs: [{ path: outputPath, kind: 'video', filename: path.basename(outputPath), ...facts }] };
  },
});
