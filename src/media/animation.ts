import sharp from 'sharp';
import { TaskError } from '../errors/task-error.js';
import {
  ffmpegCapabilities,
  jobOptions,
  probeOutput,
  requireEncoder,
  requireFilter,
  runFfmpegJob,
  type FfmpegCapabilities,
  type MediaJobContext,
  type OutputFacts,
} from './ffmpeg-process.js';
import type { MediaFacts } from './probe-media.js';
import { expectedOutputDuration, resolveTimeWindow, timeWindowArguments } from './time-window.js';

export type AnimationFormat = 'gif' | 'webp';

export interface AnimationOptions {
  format: AnimationFormat;
  start?: number;
  end?: number;
  duration?: number;
  fps: number;
  /** Pixels; the height keeps the (display) aspect. By default the input's width. */
  width?: number;
}

export const animationFormats: Record<AnimationFormat, { mimeType: string; extension: string }> = {
  gif: { mimeType: 'image/gif', extension: 'gif' },
  webp: { mimeType: 'image/webp', extension: 'webp' },
};

/**
 * Writes a clip of the video as a GIF or animated WebP that loops forever. The GIF gets a
 * palette made from the clip itself (one decode: the frames are split between palettegen and
 * paletteuse). Facts, and the frame count, are read back from the file.
 */
export async function makeAnimation(
  inputPath: string,
  outputPath: string,
  options: AnimationOptions,
  input: MediaFacts,
  context: MediaJobContext,
): Promise<OutputFacts & { frameCount: number }> {
  if (!input.hasVideo || !input.width) {
    throw new TaskError('INPUT_UNSUPPORTED', `The input (${input.mimeType}) has no video stream to animate`);
  }
  const capabilities = await ffmpegCapabilities(context.ffmpegPath);
  const window = resolveTimeWindow(options, input.duration);
  const trim = timeWindowArguments(window);
  // lanczos keeps thin lines and text legible when shrinking to GIF sizes.
  const frames = `fps=${options.fps},scale=${Math.round(options.width ?? input.width)}:-1:flags=lanczos`;
  const encoding = options.format === 'gif' ? gifArguments(frames, capabilities) : webpArguments(frames, capabilities);

  await runFfmpegJob(
    (command) => {
      command.input(inputPath).inputOptions(trim.input);
      command.output(outputPath).outputOptions([
        ...trim.output,
        '-map', '0:v:0', '-an', '-map_metadata', '-1',
        ...encoding,
        // 0: loop forever (the WebP muxer's own default is to play once).
        '-loop', '0',
        '-f', options.format,
      ]);
    },
    jobOptions(context, expectedOutputDuration(window, input.duration), [outputPath]),
  );
  const [facts, metadata] = await Promise.all([probeOutput(outputPath, context), sharp(outputPath).metadata()]);
  const frameCount = metadata.pages ?? 1;
  // Frame delays are what the file says; GIF keeps them in hundredths of a second.
  const fps = facts.duration ? Math.round((frameCount / facts.duration) * 100) / 100 : null;
  return { ...facts, fps, frameCount };
}

function gifArguments(frames: string, capabilities: FfmpegCapabilities): string[] {
  requireFilter(capabilities, 'palettegen', 'GIF animations');
  requireFilter(capabilities, 'paletteuse', 'GIF animations');
  // stats_mode=diff weighs the palette towards what moves; diff_mode=rectangle re-dithers only
  // the changed area, so static parts don't shimmer and the GIF compresses better.
  const palette = 'split[frames][sample];[sample]palettegen=stats_mode=diff[palette];'
    + '[frames][palette]paletteuse=dither=bayer:bayer_scale=5:diff_mode=rectangle';
  return ['-vf', `${frames},${palette}`, '-c:v', 'gif'];
}

function webpArguments(frames: string, capabilities: FfmpegCapabilities): string[] {
  // libwebp_anim encodes only what changes between frames; plain libwebp writes whole frames.
  const encoder = capabilities.encoders.has('libwebp_anim') ? 'libwebp_anim' : 'libwebp';
  requireEncoder(capabilities, encoder, 'animated WebP');
  return ['-vf', frames, '-c:v', encoder, '-lossless', '0', '-quality', '75', '-compression_level', '4', '-pix_fmt', 'yuv420p'];
}
