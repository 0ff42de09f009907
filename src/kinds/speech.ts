// `speech`: the transcript with segment times from voice activity, optionally word times.
// Computed once per input content and recognizer; subtitles, chapters and description reuse it.
import { z } from 'zod';
import { jsonOutput } from './json-output.js';
import { speechLanguageOption, speechLanguageProblem } from './speech-options.js';
import { defineTaskKind } from './task-kind.js';

export const speechOptions = z.object({
  language: speechLanguageOption,
  words: z.boolean().default(false).describe('Also return every word with its start and end time.'),
  speakers: z.boolean().default(false)
    .describe('Label speakers (segment.speaker). Refused when the configured speech provider cannot label speakers: labels are never invented.'),
});

export const speechKind = defineTaskKind({
  name: 'speech',
  description: 'Speech to text: { language, text, segments: [{ start, end, text, confidence }], words? } with segment times from voice activity detection. Silence gives detected: false and no segments.',
  options: speechOptions,

  checkCapabilities(options, capabilities) {
    if (options.speakers && !capabilities.canLabelSpeakers) {
      return {
        option: 'speakers',
        message: 'The configured speech provider cannot label speakers (neither the embedded Moonshine model nor the OpenAI transcription API returns speaker turns); leave speakers off.',
      };
    }
    return speechLanguageProblem(options.language, capabilities);
  },

  unsupportedInput: (facts) => facts.hasAudio ? null : `The input (${facts.mimeType}) has no audio stream to transcribe.`,

  async run({ options, workDir, signal, reportProgress, transcript }) {
    const { transcript: result, reused } = await transcript(
      { language: options.language, words: options.words },
      { signal, onProgress: (fraction) => reportProgress(fraction * 95) },
    );
    return {
      outputs: [{ ...await jsonOutput(workDir, 'transcript.json', result), duration: result.duration }],
      result: { ...result, reused },
    };
  },
});
