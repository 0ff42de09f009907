import colourModule, { type ColorConstructor } from '@img/colour';
import { TaskError } from '../errors/task-error.js';
import { ffmpegCapabilities, jobOptions, probeOutput, requireEncoder, runFfmpegJob, type MediaJobContext, type OutputFacts } from './ffmpeg-process.js';
import type { MediaFacts } from './probe-media.js';
import { expectedOutputDuration, resolveTimeWindow, timeWindowArguments } from './time-window.js';

export type { MediaJobContext, OutputFacts } from './ffmpeg-process.js';

// The package's types describe its ESM shape; at runtime the default import is the function.
const Colour = colourModule as unknown as ColorConstructor;

export type VideoFormat = 'mp4' | 'webm' | 'mov';
export type VideoCodec = 'h264' | 'h265' | 'vp9' | 'av1';
export type QualityPreset = 'very_low' | 'low' | 'medium' | 'high' | 'very_high';
export type VideoPosition = 'center' | 'top' | 'bottom' | 'left' | 'right' | 'top_left' | 'top_right' | 'bottom_left' | 'bottom_right';

export interface VideoTranscodeOptions {
  /** Pixels, rounded to even; with one side only, the other keeps the (display) aspect. */
  width?: number;
  height?: number;
  /** With both sides: contain fits inside and pads with background, cover crops at position, fill stretches. */
  fit: 'contain' | 'cover' | 'fill';
  /** Where cover crops and contain places the picture. */
  position: VideoPosition;
  /** CSS colour of contain's padding; video has no alpha, so transparency is dropped. */
  background: string;
  format: VideoFormat;
  codec: VideoCodec;
  /** 0–100 or a preset, mapped to the codec's CRF (see `crfFor`). */
  quality: number | QualityPreset;
  /** Target video bits/s; replaces CRF with capped VBR. */
  bitrate?: number;
  /** 1–60; by default the input's. */
  fps?: number;
  start?: number;
  end?: number;
  duration?: number;
  mute: boolean;
}

export const videoFormats: Record<VideoFormat, { mimeType: string; extension: string }> = {
  mp4: { mimeType: 'video/mp4', extension: 'mp4' },
  mov: { mimeType: 'video/quicktime', extension: 'mov' },
  webm: { mimeType: 'video/webm', extension: 'webm' },
};

/**
 * Each codec's encoder and speed settings: fast presets, since a server encodes many videos
 * once each. x264/x265 `veryfast` is ~3x faster than `medium` for ~10 % more bits at the same
 * CRF; libvpx-vp9 `good` at cpu-used 4 with row threads is its usual fast VOD setting;
 * libaom (2018 builds especially) is slow even at its fastest, cpu-used 8.
 */
const videoEncoders: Record<VideoCodec, { encoder: string; speed: string[] }> = {
  h264: { encoder: 'libx264', speed: ['-preset', 'veryfast'] },
  // hvc1 (parameter sets in the sample entry) is the tag Apple players require for HEVC.
  h265: { encoder: 'libx265', speed: ['-preset', 'veryfast', '-tag:v', 'hvc1'] },
  vp9: { encoder: 'libvpx-vp9', speed: ['-deadline', 'good', '-cpu-used', '4', '-row-mt', '1'] },
  // libaom was "experimental" in ffmpeg 4.1; -strict experimental is harmless in newer builds.
  av1: { encoder: 'libaom-av1', speed: ['-cpu-used', '8', '-row-mt', '1', '-strict', 'experimental'] },
};

/** What each preset means on the 0–100 scale. */
export const qualityPresetValues: Record<QualityPreset, number> = { very_low: 20, low: 40, medium: 60, high: 80, very_high: 95 };

/**
 * CRF at quality 0, 20, 40, 60, 80 and 100, per codec; between anchors it is interpolated
 * linearly and rounded. Lower CRF is better and bigger. The codecs' own scales differ: x264
 * and x265 use 0–51 (x264's default 23 ≈ quality 65, x265's 28 gives similar pictures at
 * ~60 % of the size), libvpx-vp9 and libaom 0–63.
 *
 * | quality          |  0 | 20 (very_low) | 40 (low) | 60 (medium) | 80 (high) | 95 (very_high) | 100 |
 * | h264 (libx264)   | 45 | 35            | 29       | 24          | 20        | 16             | 15  |
 * | h265 (libx265)   | 47 | 38            | 32       | 28          | 24        | 20             | 18  |
 * | vp9 (libvpx-vp9) | 60 | 48            | 40       | 34          | 28        | 21             | 18  |
 * | av1 (libaom-av1) | 60 | 48            | 40       | 34          | 28        | 21             | 18  |
 */
export const crfAnchors: Record<VideoCodec, readonly [number, number, number, number, number, number]> = {
  h264: [45, 35, 29, 24, 20, 15],
  h265: [47, 38, 32, 28, 24, 18],
  vp9: [60, 48, 40, 34, 28, 18],
  av1: [60, 48, 40, 34, 28, 18],
};

export function crfFor(codec: VideoCodec, quality: number | QualityPreset): number {
  const value = typeof quality === 'number' ? Math.min(100, Math.max(0, quality)) : qualityPresetValues[quality];
  const anchors = crfAnchors[codec];
  const index = Math.min(4, Math.floor(value / 20));
  const fraction = (value - index * 20) / 20;
  return Math.round(anchors[index] + (anchors[index + 1] - anchors[index]) * fraction);
}

/**
 * Transcodes the video (and its audio, unless muted or absent) into `outputPath`: resized per
 * fit, trimmed, upright (ffmpeg applies the rotation while filtering), yuv420p with even
 * dimensions, fast-start for MP4 and MOV, AAC in MP4/MOV and Opus in WebM at 48 kHz. The facts
 * returned are probed from the written file.
 */
export async function transcodeVideo(
  inputPath: string,
  outputPath: string,
  options: VideoTranscodeOptions,
  input: MediaFacts,
  context: MediaJobContext,
): Promise<OutputFacts> {
  if (!input.hasVideo || !input.width || !input.height) {
    throw new TaskError('INPUT_UNSUPPORTED', `The input (${input.mimeType}) has no video stream to transcode`);
  }
  const { encoder, speed } = videoEncoders[options.codec];
  requireEncoder(await ffmpegCapabilities(context.ffmpegPath), encoder, `codec ${options.codec}`);
  const withAudio = input.hasAudio && !options.mute;
  const window = resolveTimeWindow(options, input.duration);
  const trim = timeWindowArguments(window);
  const videoFilters = [
    // A start between two frames keeps the next one, a fraction of a frame after the cut: moved
    // to 0 it is not dropped (CFR rounding) nor leaves a gap, and audio stays within a frame.
    ...(window.start > 0 ? ['setpts=PTS-STARTPTS'] : []),
    ...(options.fps ? [`fps=${options.fps}`] : []),
    ...sizeFilters({ width: input.width, height: input.height }, options),
    'setsar=1',
    'format=yuv420p',
  ];

  await runFfmpegJob(
    (command) => {
      command.input(inputPath).inputOptions(trim.input);
      command.output(outputPath).outputOptions([
        ...trim.output,
        '-map', '0:v:0',
        ...(withAudio ? ['-map', '0:a:0'] : ['-an']),
        // Strip the input's tags and chapters: phone videos carry their GPS location.
        '-map_metadata', '-1', '-map_chapters', '-1',
        '-vf', videoFilters.join(','),
        // Frames keep their own times: a variable-rate input stays variable (MP4 would otherwise be
        // filled up to its top rate with copies); with `fps` the filter has made them constant.
        '-vsync', 'vfr',
        '-c:v', encoder, ...speed, ...rateControl(options, context.threads),
        '-pix_fmt', 'yuv420p',
        // Autorotation already turned the picture: no rotation tag may survive to turn it again.
        '-metadata:s:v:0', 'rotate=0',
        ...(withAudio ? audioArguments(options.format) : []),
        ...(options.format === 'webm' ? [] : ['-movflags', '+faststart']),
        // ffmpeg 4.1 gives up ("Too many packets buffered") when one stream starts well after the other.
        '-max_muxing_queue_size', '1024',
        '-f', options.format,
      ]);
    },
    jobOptions(context, expectedOutputDuration(window, input.duration), [outputPath]),
  );
  return probeOutput(outputPath, context);
}

/** CRF, or with a bitrate capped VBR: average `bitrate`, peaks to 1.5x over a 2 s buffer. */
function rateControl(options: VideoTranscodeOptions, threads: number): string[] {
  const { codec, bitrate } = options;
  const x265Params = ['log-level=error', ...(threads > 0 ? [`pools=${threads}`] : [])];
  if (bitrate) {
    const maxrate = Math.round(bitrate * 1.5);
    const bufsize = bitrate * 2;
    const capped = ['-b:v', String(bitrate), '-maxrate', String(maxrate), '-bufsize', String(bufsize)];
    if (codec !== 'h265') return capped;
    // ffmpeg 4.1's libx265 wrapper ignores -maxrate and -bufsize: x265 takes them in kbit/s.
    x265Params.push(`vbv-maxrate=${Math.round(maxrate / 1000)}`, `vbv-bufsize=${Math.round(bufsize / 1000)}`);
    return ['-b:v', String(bitrate), '-x265-params', x265Params.join(':')];
  }
  const crf = ['-crf', String(crfFor(codec, options.quality))];
  if (codec === 'h264') return crf;
  if (codec === 'h265') return [...crf, '-x265-params', x265Params.join(':')];
  // libvpx and libaom take -crf as constant quality only with -b:v 0.
  return [...crf, '-b:v', '0'];
}

/** Stereo at most (Opus in WebM and browsers' AAC take stereo best); mono stays mono. */
function audioArguments(format: VideoFormat): string[] {
  const codec = format === 'webm' ? ['-c:a', 'libopus', '-b:a', '96k'] : ['-c:a', 'aac', '-b:a', '128k'];
  return [...codec, '-ar', '48000', '-af', 'aformat=channel_layouts=mono|stereo'];
}

// --- Geometry, in display pixels (after rotation).

interface Size {
  width: number;
  height: number;
}

/** Scale (and pad or crop) filters that give even output dimensions. */
function sizeFilters(source: Size, options: VideoTranscodeOptions): string[] {
  const { width, height, fit } = options;
  const aspect = source.width / source.height;
  if (!width && !height) return [scale(even(source.width), even(source.height))];
  if (!width) return [scale(even(even(height!) * aspect), even(height!))];
  if (!height) return [scale(even(width), even(even(width) / aspect))];
  const box = { width: even(width), height: even(height) };
  if (fit === 'fill') return [scale(box.width, box.height)];
  const [horizontal, vertical] = alignment(options.position);
  if (fit === 'contain') {
    const factor = Math.min(box.width / source.width, box.height / source.height);
    const inner = { width: Math.min(box.width, even(source.width * factor)), height: Math.min(box.height, even(source.height * factor)) };
    const x = offset(box.width - inner.width, horizontal);
    const y = offset(box.height - inner.height, vertical);
    return [scale(inner.width, inner.height), `pad=${box.width}:${box.height}:${x}:${y}:color=${ffmpegColour(options.background)}`];
  }
  const factor = Math.max(box.width / source.width, box.height / source.height);
  const outer = { width: Math.max(box.width, even(source.width * factor)), height: Math.max(box.height, even(source.height * factor)) };
  const x = offset(outer.width - box.width, horizontal);
  const y = offset(outer.height - box.height, vertical);
  return [scale(outer.width, outer.height), `crop=${box.width}:${box.height}:${x}:${y}`];
}

function scale(width: number, height: number): string {
  return `scale=${width}:${height}`;
}

/** yuv420p stores colour per 2x2 block, so every encoder here wants even sides. */
function even(pixels: number): number {
  return Math.max(2, Math.round(pixels / 2) * 2);
}

type Align = 'start' | 'center' | 'end';

function alignment(position: VideoPosition): [horizontal: Align, vertical: Align] {
  const horizontal = position.includes('left') ? 'start' : position.includes('right') ? 'end' : 'center';
  const vertical = position.includes('top') ? 'start' : position.includes('bottom') ? 'end' : 'center';
  return [horizontal, vertical];
}

/** Offset of the picture in `slack` spare pixels; even, so chroma lines up. */
function offset(slack: number, align: Align): number {
  if (align === 'start') return 0;
  if (align === 'end') return slack;
  return Math.floor(slack / 4) * 2;
}

/** A CSS colour as ffmpeg's 0xRRGGBB (ffmpeg knows neither #rgb nor rgb()). */
function ffmpegColour(css: string): string {
  return `0x${Colour(css).hex().slice(1)}`;
}
