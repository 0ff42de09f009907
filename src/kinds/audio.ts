// `audio`: extract the audio of a video, or transcode audio, with ffmpeg.
import path from 'node:path';
import { z } from 'zod';
import { audioFormatInfo, transcodeAudio } from '../media/audio-transcode.js';
import { checkTimeWindow, outputFilename, timeWindowFields, windowOutsideInput } from './common-options.js';
import { defineTaskKind } from './task-kind.js';

const formats = ['mp3', 'aac', 'm4a', 'opus', 'ogg', 'wav', 'flac'] as const;

export const audioOptions = z.object({
  format: z.enum(formats).default('mp3').describe('mp3; aac or m4a (AAC in MP4); opus or ogg (Opus in Ogg); wav (16-bit PCM); flac.'),
  bitrate: z.number().int().min(8_000).max(512_000).optional().describe('Bits per second, for the lossy formats; by default the encoder\'s.'),
  channels: z.number().int().min(1).max(8).optional().describe('1 mono, 2 stereo, …; by default the input\'s.'),
  sampleRate: z.number().int().min(8_000).max(192_000).optional()
    .describe('Samples per second; by default the input\'s. mp3 takes at most 48000. Opus takes 8000, 12000, 16000, 24000 or 48000 and always decodes at 48000: the rate bounds the encoded bandwidth.'),
  ...timeWindowFields,
}).superRefine((options, context) => {
  checkTimeWindow(options, context);
  if ((options.format === 'opus' || options.format === 'ogg') && options.sampleRate && ![8000, 12000, 16000, 24000, 48000].includes(options.sampleRate)) {
    context.addIssue({ code: 'custom', path: ['sampleRate'], message: 'Opus takes 8000, 12000, 16000, 24000 or 48000' });
  }
  if (options.format === 'mp3' && options.sampleRate && options.sampleRate > 48_000) {
    context.addIssue({ code: 'custom', path: ['sampleRate'], message: 'mp3 takes at most 48000' });
  }
});

export const audioKind = defineTaskKind({
  name: 'audio',
  description: 'Extract or transcode audio: mp3, aac/m4a, opus/ogg, wav or flac, with bitrate, channels, sample rate and trimming.',
  options: audioOptions,

  unsupportedInput: (facts, options) =>
    !facts.hasAudio ? `The input (${facts.mimeType}) has no audio stream.` : windowOutsideInput(options, facts),

  async run({ options, input, workDir, media, reportProgress }) {
    const outputPath = path.join(workDir, outputFilename(input.path, audioFormatInfo(options.format).extension, 'audio'));
    const facts = await transcodeAudio(input.path, outputPath, options, input.facts, {
      ...media, onProgress: reportProgress,
    });
    return { outputs: [{ path: outputPath, kind: 'audio', filename: path.basename(outputPath), ...facts }] };
  },
});
