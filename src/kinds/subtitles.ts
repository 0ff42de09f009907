// `subtitles`: WebVTT or SRT captions from the input's transcript (shared with `speech`).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { captionCues } from '../tracks/captions.js';
import { subtitleFormats, toSrt, toWebVtt } from '../tracks/subtitle-formats.js';
import { speechLanguageOption, speechLanguageProblem } from './speech-options.js';
import { defineTaskKind } from './task-kind.js';

export const subtitlesOptions = z.object({
  format: z.enum(['vtt', 'srt']).default('vtt').describe('vtt: WebVTT (HTML5 <track>, HLS); srt: SubRip.'),
  language: speechLanguageOption,
  maxLineLength: z.number().int().min(20).max(80).default(42).describe('Characters per line (captioning guides use 37–42).'),
  maxLines: z.number().int().min(1).max(3).default(2).describe('Lines per cue.'),
});

export const subtitlesResult = z.strictObject({
  format: subtitlesOptions.shape.format.unwrap().describe('The caption file\'s format.'),
  language: z.string().describe('BCP 47 code of the spoken language (also in the file name).'),
  cues: z.number().int().describe('Captions in the file.'),
  detected: z.boolean().describe('False when the media has sound but no speech (the file then has no cues).'),
  transcriptReused: z.boolean().describe('True when an earlier task on the same input computed the transcript.'),
});

export const subtitlesKind = defineTaskKind({
  name: 'subtitles',
  description: 'Captions from speech as WebVTT or SRT: at most two lines of about 42 characters per cue, each on screen 1–7 s, never overlapping.',
  options: subtitlesOptions,
  result: subtitlesResult,
  checkCapabilities: (options, capabilities) => speechLanguageProblem(options.language, capabilities),
  unsupportedInput: (facts) => facts.hasAudio ? null : `The input (${facts.mimeType}) has no audio stream to caption.`,

  async run({ options, workDir, signal, reportProgress, transcript }) {
    const { transcript: speech, reused } = await transcript(
      { language: options.language, words: true },
      { signal, onProgress: (fraction) => reportProgress(fraction * 95) },
    );
    const cues = captionCues(speech, { maxLineLength: options.maxLineLength, maxLines: options.maxLines, minDuration: 1, maxDuration: 7 });
    const format = subtitleFormats[options.format];
    const filename = `subtitles.${speech.language}.${format.extension}`;
    const file = path.join(workDir, filename);
    await writeFile(file, options.format === 'vtt' ? toWebVtt(cues) : toSrt(cues));
    return {
      outputs: [{ path: file, kind: 'subtitles', filename, mimeType: format.mimeType, duration: speech.duration }],
      result: { format: options.format, language: speech.language, cues: cues.length, detected: speech.detected, transcriptReused: reused },
    };
  },
});
