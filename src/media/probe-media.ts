import { execFile } from 'node:child_process';
import { open, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { TaskError } from '../errors/task-error.js';
import { mediaToolEnvironment } from './ffmpeg-binaries.js';
import { inputPolicyOptions, inputPolicyRefusal } from './input-policy.js';

const run = promisify(execFile);

/** Probed facts of an input file (SPEC §1 `input`). Width and height are the display size. */
export interface MediaFacts {
  mimeType: string;
  container: string;
  size: number;
  /** Seconds; null for still images. */
  duration: number | null;
  width: number | null;
  height: number | null;
  /** The average frame rate (frames ÷ duration). */
  fps: number | null;
  /**
   * The highest rate the frames come at: above `fps` for variable-frame-rate video (a phone's
   * 30 fps that slows to 15 in the dark). ffprobe's r_frame_rate.
   */
  maxFps: number | null;
  /** Bits per second of the whole file. */
  bitrate: number | null;
  videoCodec: string | null;
  audioCodec: string | null;
  /** Clockwise degrees the stored picture is turned for display: 0, 90, 180 or 270. */
  rotation: number;
  hasAudio: boolean;
  /** False for still images, which have `isImage` instead. */
  hasVideo: boolean;
  /** An audio file's embedded picture (an MP3's or M4A's cover art): not counted as video. */
  hasCoverArt: boolean;
  isImage: boolean;
}

export interface ProbeOptions {
  ffprobePath: string;
  signal?: AbortSignal;
  /** Images with more pixels are refused before any decoding (decompression bombs). */
  maxPixels?: number;
}

/**
 * Reads what a file is. Still images go to sharp (which also fully decodes them, to catch
 * truncation), everything else to ffprobe. Throws TaskError INPUT_UNSUPPORTED for non-media,
 * INPUT_INVALID for corrupt media and INPUT_TOO_LARGE for images over `maxPixels`.
 */
export async function probeMedia(path: string, options: ProbeOptions): Promise<MediaFacts> {
  const [{ size }, head] = await Promise.all([stat(path), readHead(path)]);
  const sniffed = sniffContent(head);
  if (sniffed.kind === 'image') return probeStillImage(path, size, sniffed, options.maxPixels);
  // Text never reaches ffprobe: playlists and concat scripts would make it open other files.
  if (sniffed.kind === 'text') throw notMediaError(sniffed);
  const facts = await probeWithFfprobe(path, size, sniffed, options);
  if (facts.isImage) checkPixelCount(facts.width ?? 0, facts.height ?? 0, options.maxPixels);
  return facts;
}

// --- Sniffing: what the first bytes say, so errors can name what a non-media file looks like.

interface Sniffed {
  /**
   * image: a still image, read with sharp (ffprobe can't read some, like AVIF or HEIC);
   * media: an audio or video signature, so a read failure means corrupt, not unsupported;
   * binary: unrecognised, ffprobe may know it; text: not media.
   */
  kind: 'image' | 'media' | 'binary' | 'text';
  /** A MIME type, or "an empty file". */
  looksLike: string;
}

async function readHead(path: string): Promise<Buffer> {
  const file = await open(path);
  try {
    const { buffer, bytesRead } = await file.read({ buffer: Buffer.alloc(512), position: 0 });
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

function sniffContent(head: Buffer): Sniffed {
  const image = (looksLike: string): Sniffed => ({ kind: 'image', looksLike });
  const media = (looksLike: string): Sniffed => ({ kind: 'media', looksLike });
  const ascii = (start: number, end: number) => head.toString('latin1', start, end);

  if (head.length < 4) return { kind: 'text', looksLike: head.length === 0 ? 'an empty file' : 'text/plain' };
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return image('image/jpeg');
  if (ascii(0, 8) === '\x89PNG\r\n\x1a\n') return image('image/png');
  if (ascii(0, 4) === 'GIF8') return image('image/gif');
  if (ascii(0, 4) === 'II*\0' || ascii(0, 4) === 'MM\0*') return image('image/tiff');
  if (ascii(0, 4) === 'RIFF') {
    const riffType = ascii(8, 12);
    if (riffType === 'WEBP') return image('image/webp');
    return media(riffType === 'WAVE' ? 'audio/wav' : 'video/x-msvideo');
  }
  if (ascii(4, 8) === 'ftyp') {
    // Brands (major and compatible) fill the rest of the first box.
    const brands = ascii(8, Math.min(head.readUInt32BE(0), head.length));
    if (/avif|avis/.test(brands)) return image('image/avif');
    if (/heic|heix|heim|heis|mif1/.test(brands)) return image('image/heic');
    return media(brands.startsWith('qt  ') ? 'video/quicktime' : 'video/mp4');
  }
  if (head.readUInt32BE(0) === 0x1a45dfa3) return media(ascii(0, 64).includes('webm') ? 'video/webm' : 'video/x-matroska');
  if (ascii(0, 4) === 'OggS') return media('audio/ogg');
  if (ascii(0, 4) === 'fLaC') return media('audio/flac');
  if (ascii(0, 3) === 'ID3') return media('audio/mpeg');
  if (ascii(0, 3) === 'FLV') return media('video/x-flv');
  if (head[0] === 0x47 && head[188] === 0x47) return media('video/mp2t');
  if (head.readUInt32BE(0) === 0x000001ba) return media('video/mpeg');
  if (head[0] === 0xff && (head[1] & 0xf6) === 0xf0) return media('audio/aac');
  if (head[0] === 0xff && (head[1] & 0xe0) === 0xe0) return media('audio/mpeg');
  if (looksLikeText(head)) return { kind: 'text', looksLike: textMimeType(head.toString('utf8')) };
  return { kind: 'binary', looksLike: 'application/octet-stream' };
}

function looksLikeText(head: Buffer): boolean {
  return !head.some((byte) => byte < 0x09 || (byte > 0x0d && byte < 0x20 && byte !== 0x1b));
}

function textMimeType(text: string): string {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (/<!doctype html|<html|<head|<body/i.test(start)) return 'text/html';
  if (/<svg/i.test(start)) return 'image/svg+xml';
  if (start.startsWith('<')) return 'application/xml';
  if (start.startsWith('{') || start.startsWith('[')) return 'application/json';
  if (start.startsWith('#EXTM3U')) return 'application/vnd.apple.mpegurl';
  return 'text/plain';
}

function notMediaError(sniffed: Sniffed, cause?: unknown): TaskError {
  const message = `The input is not a media file ffprobe or sharp can read (it looks like ${sniffed.looksLike})`;
  return new TaskError('INPUT_UNSUPPORTED', message, { cause });
}

function corruptMediaError(sniffed: Sniffed, detail: string, cause?: unknown): TaskError {
  return new TaskError('INPUT_INVALID', `The input looks like ${sniffed.looksLike} but is corrupt or truncated (${detail})`, { cause });
}

// --- Still images, read with sharp.

async function probeStillImage(path: string, size: number, sniffed: Sniffed, maxPixels?: number): Promise<MediaFacts> {
  // Only the header is read here: sharp's own pixel limit would call a bomb corrupt before ours names it.
  const metadata = await sharp(path, { limitInputPixels: false }).metadata().catch((error: unknown) => {
    throw imageReadError(error, path, sniffed);
  });
  checkPixelCount(metadata.width, metadata.height, maxPixels);
  await checkImageIsComplete(path, size, sniffed);
  const mimeType = metadata.mediaType ?? sniffed.looksLike;
  const frameDelays = (metadata.pages ?? 1) > 1 ? metadata.delay : undefined;
  return {
    mimeType,
    container: mimeType.replace('image/', ''),
    size,
    duration: frameDelays ? frameDelays.reduce((sum, delay) => sum + delay, 0) / 1000 : null,
    width: metadata.autoOrient.width,
    height: metadata.autoOrient.height,
    fps: null,
    maxFps: null,
    bitrate: null,
    videoCodec: null,
    audioCodec: null,
    rotation: exifOrientationRotation[metadata.orientation ?? 1] ?? 0,
    hasAudio: false,
    hasVideo: false,
    hasCoverArt: false,
    isImage: true,
  };
}

/** Clockwise turn of each EXIF orientation; 2, 4, 5 and 7 also mirror. */
const exifOrientationRotation: Record<number, number> = { 3: 180, 4: 180, 5: 270, 6: 90, 7: 90, 8: 270 };

function checkPixelCount(width: number, height: number, maxPixels?: number): void {
  if (maxPixels === undefined || width * height <= maxPixels) return;
  const megapixels = (pixels: number) => Math.round(pixels / 1e5) / 10;
  throw new TaskError(
    'INPUT_TOO_LARGE',
    `The image is ${width} x ${height} = ${megapixels(width * height)} megapixels, over the limit of ${megapixels(maxPixels)}`,
  );
}

/**
 * Truncation shows at the end of the file for the common formats: JPEG ends with its EOI marker,
 * PNG with IEND, GIF with its trailer, WebP's RIFF header gives the length. Checking that reads a
 * few bytes instead of decoding every pixel (46 ms for a 12 MP JPEG); other formats are decoded.
 * Processing decodes with failOn 'truncated' as well, so damage inside a file is still caught.
 */
async function checkImageIsComplete(path: string, size: number, sniffed: Sniffed): Promise<void> {
  const complete = await endsCompletely(path, size, sniffed.looksLike);
  if (complete === null) return decodeFully(path, sniffed);
  if (!complete) throw corruptMediaError(sniffed, 'the file ends before its end marker');
}

async function endsCompletely(path: string, size: number, mimeType: string): Promise<boolean | null> {
  const tailLength = Math.min(size, 4096);
  const file = await open(path, 'r');
  try {
    const tail = Buffer.alloc(tailLength);
    await file.read(tail, 0, tailLength, size - tailLength);
    // Some writers pad after the end marker; padding is zeros or whitespace.
    let end = tail.length;
    while (end > 0 && (tail[end - 1] === 0x00 || tail[end - 1] === 0x0a || tail[end - 1] === 0x0d || tail[end - 1] === 0x20)) end--;
    const trimmed = tail.subarray(0, end);
    switch (mimeType) {
      case 'image/jpeg': return trimmed.length >= 2 && trimmed[trimmed.length - 2] === 0xff && trimmed[trimmed.length - 1] === 0xd9;
      case 'image/png': return trimmed.subarray(-12).subarray(0, 8).toString('latin1').endsWith('IEND');
      case 'image/gif': return trimmed[trimmed.length - 1] === 0x3b;
      case 'image/webp': {
        const header = Buffer.alloc(8);
        await file.read(header, 0, 8, 0);
        return header.readUInt32LE(4) + 8 <= size;
      }
      default: return null;
    }
  } finally {
    await file.close();
  }
}

/** Decodes every pixel into a tiny thumbnail: the headers alone don't reveal truncation. */
async function decodeFully(path: string, sniffed: Sniffed): Promise<void> {
  await sharp(path, { failOn: 'truncated', sequentialRead: true, limitInputPixels: false })
    .resize(8, 8, { fit: 'fill' })
    .raw()
    .toBuffer()
    .catch((error: unknown) => {
      throw imageReadError(error, path, sniffed);
    });
}

function imageReadError(error: unknown, path: string, sniffed: Sniffed): TaskError {
  const detail = errorDetail((error as Error).message, path);
  // Prebuilt sharp decodes AVIF but not HEIC (HEVC is patent-encumbered).
  if (/unsupported codec|not been built in/i.test(detail)) {
    const message = `The ${sniffed.looksLike} image uses a codec sharp cannot decode (${detail})`;
    return new TaskError('INPUT_UNSUPPORTED', message, { cause: error });
  }
  return corruptMediaError(sniffed, detail, error);
}

/** The distinct lines of a sharp or ffprobe error, without their noise (addresses, retries, paths). */
function errorDetail(message: string, path: string): string {
  const lines = message
    .split('\n')
    .map((line) =>
      line
        .replace(/^Input (file|buffer) has corrupt header: */, '')
        .replace(/^\[[^\]]+ @ 0x[0-9a-f]+\] */, '')
        .replaceAll(`${path}: `, '')
        .trim(),
    )
    .filter((line) => /[a-z]{3}/i.test(line) && !line.includes('bad seek to'));
  return [...new Set(lines)].join('; ').slice(0, 300);
}

// --- Audio and video, read with ffprobe.

interface FfprobeStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  disposition?: { attached_pic?: number };
  tags?: { rotate?: string };
  side_data_list?: { rotation?: number }[];
}

interface FfprobeOutput {
  streams?: FfprobeStream[];
  format?: { format_name?: string; duration?: string; bit_rate?: string; tags?: { major_brand?: string } };
}

async function probeWithFfprobe(path: string, size: number, sniffed: Sniffed, options: ProbeOptions): Promise<MediaFacts> {
  const output = await runFfprobe(path, sniffed, options);
  const formatName = output.format?.format_name ?? '';
  const streams = output.streams ?? [];
  // Cover art in audio files is a one-picture video stream.
  const video = streams.find((stream) => stream.codec_type === 'video' && !stream.disposition?.attached_pic);
  const audio = streams.find((stream) => stream.codec_type === 'audio');
  if (!video && !audio) {
    throw new TaskError('INPUT_UNSUPPORTED', `The input (${formatName}) has no audio or video stream`);
  }
  const isImage = /^image2$|_pipe$/.test(formatName);
  const container = isImage ? formatName.replace(/_pipe$/, '') : containerName(formatName, output, sniffed);
  const rotation = video ? streamRotation(video) : 0;
  const turned = rotation === 90 || rotation === 270;
  return {
    mimeType: isImage ? `image/${container}` : containerMimeType(container, Boolean(video)),
    container,
    size,
    duration: isImage ? null : toNumber(output.format?.duration),
    width: (turned ? video?.height : video?.width) ?? null,
    height: (turned ? video?.width : video?.height) ?? null,
    fps: video && !isImage ? frameRate(video) : null,
    maxFps: video && !isImage ? maxFrameRate(video) : null,
    bitrate: toNumber(output.format?.bit_rate),
    videoCodec: video && !isImage ? (video.codec_name ?? null) : null,
    audioCodec: audio?.codec_name ?? null,
    rotation,
    hasAudio: Boolean(audio),
    hasVideo: Boolean(video) && !isImage,
    hasCoverArt: streams.some((stream) => stream.codec_type === 'video' && stream.disposition?.attached_pic),
    isImage,
  };
}

async function runFfprobe(path: string, sniffed: Sniffed, options: ProbeOptions): Promise<FfprobeOutput> {
  const args = ['-v', 'error', ...(await inputPolicyOptions(options.ffprobePath)), '-print_format', 'json', '-show_format', '-show_streams', path];
  let stdout: string;
  let stderr: string;
  try {
    ({ stdout, stderr } = await run(options.ffprobePath, args, {
      env: mediaToolEnvironment(options.ffprobePath),
      signal: options.signal,
      killSignal: 'SIGKILL',
      maxBuffer: 16 * 1024 * 1024,
    }));
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    // ffprobe itself could not run (missing, not executable): the server's fault, not the input's.
    if ((error as { syscall?: string }).syscall?.startsWith('spawn')) throw new Error(`could not run ${options.ffprobePath}: ${(error as Error).message}`, { cause: error });
    const stderrText = (error as { stderr?: string }).stderr || (error as Error).message;
    const refusal = inputPolicyRefusal(stderrText);
    if (refusal) throw refusal;
    if (sniffed.kind !== 'media') throw notMediaError(sniffed, error);
    throw corruptMediaError(sniffed, errorDetail(stderrText, path), error);
  }
  // ffprobe reads only the headers, but reports a file that ends early (e.g. a cut-off WebM).
  if (/ended prematurely|truncated/i.test(stderr)) throw corruptMediaError(sniffed, errorDetail(stderr, path));
  return JSON.parse(stdout) as FfprobeOutput;
}

/** ffprobe names demuxers ("mov,mp4,m4a,3gp,3g2,mj2"); the brand or signature tells which one it is. */
function containerName(formatName: string, output: FfprobeOutput, sniffed: Sniffed): string {
  if (formatName.startsWith('mov,')) {
    const brand = output.format?.tags?.major_brand ?? '';
    if (brand.startsWith('qt')) return 'mov';
    return brand.startsWith('3g') ? '3gp' : 'mp4';
  }
  if (formatName === 'matroska,webm') return sniffed.looksLike === 'video/webm' ? 'webm' : 'matroska';
  return formatName.split(',')[0];
}

/** MIME type of each container, with video and audio-only. */
const containerMimeTypes: Record<string, readonly [video: string, audioOnly: string]> = {
  mp4: ['video/mp4', 'audio/mp4'],
  mov: ['video/quicktime', 'video/quicktime'],
  '3gp': ['video/3gpp', 'audio/3gpp'],
  webm: ['video/webm', 'audio/webm'],
  matroska: ['video/x-matroska', 'audio/x-matroska'],
  ogg: ['video/ogg', 'audio/ogg'],
  avi: ['video/x-msvideo', 'video/x-msvideo'],
  flv: ['video/x-flv', 'video/x-flv'],
  mpegts: ['video/mp2t', 'video/mp2t'],
  mpeg: ['video/mpeg', 'audio/mpeg'],
  asf: ['video/x-ms-asf', 'audio/x-ms-wma'],
  mp3: ['audio/mpeg', 'audio/mpeg'],
  aac: ['audio/aac', 'audio/aac'],
  wav: ['audio/wav', 'audio/wav'],
  flac: ['audio/flac', 'audio/flac'],
};

function containerMimeType(container: string, hasVideo: boolean): string {
  const types = containerMimeTypes[container];
  if (!types) return 'application/octet-stream';
  return hasVideo ? types[0] : types[1];
}

/**
 * The display matrix holds the counter-clockwise angle (a phone's portrait video says -90);
 * older ffprobe builds give the clockwise `rotate` tag instead.
 */
function streamRotation(stream: FfprobeStream): number {
  const matrixRotation = stream.side_data_list?.find((data) => data.rotation !== undefined)?.rotation;
  const clockwise = matrixRotation !== undefined ? -matrixRotation : Number(stream.tags?.rotate ?? 0);
  return (((Math.round(clockwise / 90) * 90) % 360) + 360) % 360;
}

function frameRate(stream: FfprobeStream): number | null {
  for (const rate of [stream.avg_frame_rate, stream.r_frame_rate]) {
    const [numerator, denominator] = (rate ?? '').split('/').map(Number);
    if (numerator > 0 && denominator > 0) return Math.round((numerator / denominator) * 1000) / 1000;
  }
  return null;
}

/**
 * r_frame_rate, the rate every timestamp fits: the top rate of variable-frame-rate video. Some
 * containers give a timebase instead (90000/1, 1000/1): then the average stands in.
 */
function maxFrameRate(stream: FfprobeStream): number | null {
  const average = frameRate(stream);
  const [numerator, denominator] = (stream.r_frame_rate ?? '').split('/').map(Number);
  const rate = numerator > 0 && denominator > 0 ? Math.round((numerator / denominator) * 1000) / 1000 : null;
  if (rate === null || rate > 240 || (average !== null && rate < average)) return average;
  return rate;
}

function toNumber(value: string | undefined): number | null {
  const number = Number(value);
  return value !== undefined && Number.isFinite(number) ? number : null;
}
