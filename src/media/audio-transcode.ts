import { TaskError } from '../errors/task-error.js';
import { ffmpegCapabilities, jobOptions, probeOutput, requireEncoder, runFfmpegJob, type MediaJobContext, type OutputFacts } from './ffmpeg-process.js';
import type { MediaFacts } from './probe-media.js';
import { expectedOutputDuration, resolveTimeWindow, timeWindowArguments } from './time-window.js';

export type AudioFormat = 'mp3' | 'aac' | 'm4a' | 'opus' | 'ogg' | 'wav' | 'flac';

export interface AudioTranscodeOptions {
  format: AudioFormat;
  /** Bits/s for the lossy formats (mp3, aac/m4a, opus/ogg); wav and flac ignore it. */
  bitrate?: number;
  /** By default the input's (mp3 at most 2). */
  channels?: number;
  /** By default the input's; otherwise the nearest rate the codec takes (see `audioFormatInfo`). */
  sampleRate?: number;
  start?: number;
  end?: number;
  duration?: number;
}

export interface AudioFormatInfo {
  extension: string;
  mimeType: string;
  /** ffmpeg's muxer (`-f`) and encoder (`-c:a`). */
  muxer: string;
  encoder: string;
  /** Bits/s when the options give none; null for lossless formats. */
  defaultBitrate: number | null;
  /** The rates the codec takes; null for any. */
  sampleRates: readonly number[] | null;
  maxChannels: number;
}

const aacInMp4: AudioFormatInfo = {
  extension: 'm4a',
  mimeType: 'audio/mp4',
  // The ipod muxer is mp4 with the M4A brand audio players look for.
  muxer: 'ipod',
  encoder: 'aac',
  defaultBitrate: 160_000,
  sampleRates: [7350, 8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000, 64000, 88200, 96000],
  maxChannels: 8,
};

/** Opus in Ogg; players always decode Opus at 48 kHz, whatever rate it was encoded at. */
const opusInOgg = (extension: string): AudioFormatInfo => ({
  extension,
  mimeType: 'audio/ogg',
  muxer: 'ogg',
  encoder: 'libopus',
  defaultBitrate: 128_000,
  sampleRates: [8000, 12000, 16000, 24000, 48000],
  maxChannels: 8,
});

const audioFormats: Record<AudioFormat, AudioFormatInfo> = {
  mp3: {
    extension: 'mp3',
    mimeType: 'audio/mpeg',
    muxer: 'mp3',
    encoder: 'libmp3lame',
    defaultBitrate: 192_000,
    // MPEG-1, 2 and 2.5 layer III: 48 kHz at most.
    sampleRates: [8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000],
    maxChannels: 2,
  },
  aac: aacInMp4,
  m4a: aacInMp4,
  opus: opusInOgg('opus'),
  ogg: opusInOgg('ogg'),
  wav: { extension: 'wav', mimeType: 'audio/wav', muxer: 'wav', encoder: 'pcm_s16le', defaultBitrate: null, sampleRates: null, maxChannels: 8 },
  flac: { extension: 'flac', mimeType: 'audio/flac', muxer: 'flac', encoder: 'flac', defaultBitrate: null, sampleRates: null, maxChannels: 8 },
};

/** File extension, MIME type and encoding of each audio format. */
export function audioFormatInfo(format: AudioFormat): AudioFormatInfo {
  return audioFormats[format];
}

/** The rate a format will be written at for a requested one: the nearest it takes. */
export function supportedSampleRate(format: AudioFormat, requested: number): number {
  const rates = audioFormats[format].sampleRates;
  if (!rates) return requested;
  return rates.reduce((best, rate) => (Math.abs(rate - requested) < Math.abs(best - requested) ? rate : best));
}

/**
 * Extracts or transcodes the first audio stream into `outputPath`, trimmed to the window.
 * Tags and cover art are not copied. The facts returned are probed from the written file.
 */
export async function transcodeAudio(
  inputPath: string,
  outputPath: string,
  options: AudioTranscodeOptions,
  input: MediaFacts,
  context: MediaJobContext,
): Promise<OutputFacts> {
  if (!input.hasAudio) {
    throw new TaskError('INPUT_UNSUPPORTED', `The input (${input.mimeType}) has no audio stream to extract`);
  }
  const format = audioFormats[options.format];
  requireEncoder(await ffmpegCapabilities(context.ffmpegPath), format.encoder, `audio format ${options.format}`);
  const window = resolveTimeWindow(options, input.duration);
  const trim = timeWindowArguments(window);
  const bitrate = format.defaultBitrate === null ? null : (options.bitrate ?? format.defaultBitrate);

  await runFfmpegJob(
    (command) => {
      command.input(inputPath).inputOptions(trim.input);
      command.output(outputPath).outputOptions([
        ...trim.output,
        '-map', '0:a:0',
        '-map_metadata', '-1', '-map_chapters', '-1',
        '-c:a', format.encoder,
        ...(bitrate !== null ? ['-b:a', String(bitrate)] : []),
        ...(options.channels ? ['-ac', String(Math.min(options.channels, format.maxChannels))] : []),
        ...(options.sampleRate ? ['-ar', String(supportedSampleRate(options.format, options.sampleRate))] : []),
        ...(format.muxer === 'ipod' ? ['-movflags', '+faststart'] : []),
        '-f', format.muxer,
      ]);
    },
    jobOptions(context, expectedOutputDuration(window, input.duration), [outputPath]),
  );
  return probeOutput(outputPath, context);
}
