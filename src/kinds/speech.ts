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

const seconds = (what: string) => z.number().describe(`${what}, in seconds from the start of the media.`);

export const transcriptSegment = z.strictObject({
  start: seconds('Where the segment starts'),
  end: seconds('Where it ends'),
  text: z.string().describe('What is said.'),
  confidence: z.number().describe('How sure the recognizer is, 0–1.'),
  speaker: z.string().optional().describe('The speaker\'s label, only when the recognizer really labels speakers (speakers: true).'),
}).meta({ title: 'TranscriptSegment', typeDescription: 'A stretch of speech between pauses (voice activity detection).' });

export const transcriptWord = z.strictObject({
  start: seconds('Where the word starts'),
  end: seconds('Where it ends'),
  word: z.string().describe('The word as recognized.'),
}).meta({ title: 'TranscriptWord', typeDescription: 'One recognized word with its time.' });

export const speechResult = z.strictObject({
  detected: z.boolean().describe('False when the media has sound but no speech in it (then segments is empty).'),
  language: z.string().describe('BCP 47 code of the spoken language, e.g. en.'),
  text: z.string().describe('The whole transcript.'),
  segments: z.array(transcriptSegment).describe('The transcript in time-coded segments.'),
  words: z.array(transcriptWord).optional().describe('Every word with its time, when asked for (words: true).'),
  duration: z.number().describe('Seconds of audio analysed.'),
  model: z.string().describe('The recognizer, e.g. embedded:moonshine-tiny.'),
  reused: z.boolean().describe('True when an earlier task on the same input content and recognizer computed this transcript.'),
});

export const speechKind = defineTaskKind({
  name: 'speech',
  description: 'Speech to text: { language, text, segments: [{ start, end, text, confidence }], words? } with segment times from voice activity detection. Silence gives detected: false and no segments.',
  options: speechOptions,
  result: speechResult,

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
