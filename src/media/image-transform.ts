import { execFile } from 'node:child_process';
import { rm, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { TaskError } from '../errors/task-error.js';
import { withSpan } from '../tracing/tracing.js';
import { argumentShape } from './ffmpeg-process.js';
import { inputPolicyRefusal, withInputPolicy } from './input-policy.js';

const run = promisify(execFile);

export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'avif' | 'gif';

export type ImagePosition =
  | 'center'
  | 'top'
  | 'bottom'
  | 'left'
  | 'right'
  | 'top_left'
  | 'top_right'
  | 'bottom_left'
  | 'bottom_right'
  | 'entropy'
  | 'attention';

export interface ImageTransformOptions {
  /** Only one of width and height keeps the aspect ratio; neither keeps the size. */
  width?: number;
  height?: number;
  /** With both sides: contain fits inside and pads, cover fills and crops, fill stretches. */
  fit: 'contain' | 'cover' | 'fill';
  /** Where cover crops and contain places the picture; entropy and attention pick the busiest crop. */
  position: ImagePosition;
  /** CSS colour of contain's padding; a transparent one becomes white in JPEG, which has no alpha. */
  background: string;
  format: ImageFormat;
  /** 1–100 for jpeg, webp and avif; png and gif are lossless here and ignore it. */
  quality: number;
}

/** Facts of the written file. */
export interface ImageFacts {
  width: number;
  height: number;
  format: ImageFormat;
  mimeType: string;
  size: number;
}

export const imageFormats: Record<ImageFormat, { mimeType: string; extension: string }> = {
  jpeg: { mimeType: 'image/jpeg', extension: 'jpg' },
  png: { mimeType: 'image/png', extension: 'png' },
  webp: { mimeType: 'image/webp', extension: 'webp' },
  avif: { mimeType: 'image/avif', extension: 'avif' },
  gif: { mimeType: 'image/gif', extension: 'gif' },
};

/**
 * Resizes and re-encodes an image in one sharp pipeline: EXIF orientation applied, metadata
 * stripped (sharp keeps none unless asked). Input faults become TaskErrors.
 */
export async function transformImage(
  inputPath: string,
  outputPath: string,
  options: ImageTransformOptions,
  limits: { maxPixels: number },
): Promise<ImageFacts> {
  const isJpeg = options.format === 'jpeg';
  const background = isJpeg && isTransparent(options.background) ? '#ffffff' : options.background;
  let image = sharp(inputPath, {
    autoOrient: true,
    failOn: 'truncated',
    limitInputPixels: limits.maxPixels,
    sequentialRead: true,
  });
  if (isJpeg) image = image.flatten({ background });
  if (options.width || options.height) {
    image = image.resize({
      width: options.width,
      height: options.height,
      fit: options.fit,
      position: sharpPositions[options.position],
      background,
    });
  }
  try {
    // sharp does the work here: decoding, resizing and encoding happen in toFile.
    const size = { ...(options.width ? { 'image.width': options.width } : {}), ...(options.height ? { 'image.height': options.height } : {}) };
    const info = await withSpan('sharp', { 'image.format': options.format, 'image.fit': options.fit, ...size },
      () => image.toFormat(options.format, encoderOptions(options)).toFile(outputPath));
    const { mimeType } = imageFormats[options.format];
    return { width: info.width, height: info.height, format: options.format, mimeType, size: info.size };
  } catch (error) {
    throw imageInputError(error, limits.maxPixels);
  }
}

function encoderOptions({ format, quality }: ImageTransformOptions): { quality?: number } {
  // For png, sharp's `quality` would switch to a lossy palette.
  return format === 'jpeg' || format === 'webp' || format === 'avif' ? { quality } : {};
}

const sharpPositions: Record<ImagePosition, string> = {
  center: 'centre',
  top: 'top',
  bottom: 'bottom',
  left: 'left',
  right: 'right',
  top_left: 'left top',
  top_right: 'right top',
  bottom_left: 'left bottom',
  bottom_right: 'right bottom',
  entropy: 'entropy',
  attention: 'attention',
};

/** `transparent` or a hex colour with zero alpha (#RGBA, #RRGGBBAA). */
function isTransparent(colour: string): boolean {
  return /^(transparent|#[0-9a-f]{3}0|#[0-9a-f]{6}00)$/i.test(colour.trim());
}

/** sharp's errors from reading the input become TaskErrors; anything else is rethrown as is. */
function imageInputError(error: unknown, maxPixels: number): unknown {
  const message = (error as Error).message ?? '';
  if (/pixel limit/i.test(message)) {
    return new TaskError('INPUT_TOO_LARGE', `The image has more than ${maxPixels} pixels, the limit`, { cause: error });
  }
  if (/unsupported image format|unsupported codec|not been built in/i.test(message)) {
    return new TaskError('INPUT_UNSUPPORTED', `sharp cannot read this image (${firstLine(message)})`, { cause: error });
  }
  if (/corrupt|premature end|read error|unexpected end|invalid|bad seek|unable to parse|truncated/i.test(message)) {
    return new TaskError('INPUT_INVALID', `The image is corrupt or truncated (${firstLine(message)})`, { cause: error });
  }
  return error;
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0].trim();
}

/**
 * Writes the video frame at `atSeconds` as a PNG (lossless, so sharp encodes the result once),
 * turned upright (ffmpeg autorotates). Past the end, it writes the last frame instead.
 * Aborting `signal` kills ffmpeg.
 */
export async function extractVideoFrame(
  inputPath: string,
  atSeconds: number,
  outputPath: string,
  options: { ffmpegPath: string; signal?: AbortSignal },
): Promise<void> {
  await rm(outputPath, { force: true });
  // -ss before -i seeks to the keyframe before, then decodes up to the exact time.
  await runFfmpeg(options, ['-ss', String(atSeconds), '-i', inputPath, '-frames:v', '1', ...pngOutput(outputPath)]);
  if (await fileHasContent(outputPath)) return;
  // Nothing decoded after atSeconds: keep overwriting one file with the last second's frames.
  await runFfmpeg(options, ['-sseof', '-1', '-i', inputPath, ...pngOutput(outputPath)]);
  if (!(await fileHasContent(outputPath))) {
    throw new TaskError('INPUT_INVALID', `The input has no video frame at ${atSeconds} s nor in its last second`);
  }
}

/**
 * Writes an audio file's embedded picture (an MP3's or M4A's cover art; the first, which is the
 * front cover by convention) as a PNG.
 */
export async function extractCoverArt(inputPath: string, outputPath: string, options: { ffmpegPath: string; signal?: AbortSignal }): Promise<void> {
  await rm(outputPath, { force: true });
  await runFfmpeg(options, ['-i', inputPath, '-map', '0:v:0', '-frames:v', '1', ...pngOutput(outputPath)]);
  if (!(await fileHasContent(outputPath))) throw new TaskError('INPUT_INVALID', 'The input\'s cover art could not be decoded');
}

function pngOutput(outputPath: string): string[] {
  // Level 1: the PNG is temporary and read once; deflate effort would only cost time.
  return ['-an', '-sn', '-dn', '-c:v', 'png', '-compression_level', '1', '-f', 'image2', '-update', '1', '-y', outputPath];
}

async function runFfmpeg(options: { ffmpegPath: string; signal?: AbortSignal }, args: string[]): Promise<void> {
  try {
    const fullArgs = await withInputPolicy(options.ffmpegPath, ['-v', 'error', '-nostdin', ...args]);
    await withSpan('ffmpeg', { 'ffmpeg.args': argumentShape(fullArgs) }, () => run(options.ffmpegPath, fullArgs, { signal: options.signal, killSignal: 'SIGKILL' }));
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    const stderr = (error as { stderr?: string }).stderr?.trim();
    const refusal = inputPolicyRefusal(stderr ?? '');
    if (refusal) throw refusal;
    throw new Error(`ffmpeg failed to extract a frame: ${stderr || (error as Error).message}`, { cause: error });
  }
}

async function fileHasContent(path: string): Promise<boolean> {
  return stat(path).then(
    (file) => file.size > 0,
    () => false,
  );
}
