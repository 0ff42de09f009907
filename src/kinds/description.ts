// `description`: { title, description, tags, language, confidence } from sampled frames (their
// on-screen text), the transcript, and a vision language model when one is configured.
import { z } from 'zod';
import { sampleFrames } from '../media/frame-sampling.js';
import { composeDescription, describedText } from '../ml/describe/compose-description.js';
import { detectLanguage } from '../ml/text/language.js';
import type { Transcript } from '../ml/providers.js';
import { rankOnScreenText } from '../ml/text/on-screen-text.js';
import { jsonOutput } from './json-output.js';
import { speechLanguageOption, speechLanguageProblem } from './speech-options.js';
import { defineTaskKind } from './task-kind.js';

export const descriptionOptions = z.object({
  maxTags: z.number().int().min(1).max(50).default(15).describe('Most tags to return.'),
  frames: z.number().int().min(1).max(20).default(6).describe('Video: frames to look at (one per scene first, then evenly spaced).'),
  language: speechLanguageOption,
});

export const descriptionResult = z.strictObject({
  title: z.string().describe('A short title.'),
  description: z.string().describe('A sentence or two on what the media shows and says.'),
  tags: z.array(z.string()).describe('Keywords, most telling first (at most maxTags).'),
  language: z.string().describe('BCP 47 code of the language of its text and speech.'),
  confidence: z.number().describe('How much the description rests on, 0–1.'),
  objects: z.array(z.string()).describe('Objects the embedded detector saw (COCO labels, e.g. person, cup), on the most frames first.'),
  model: z.string().describe('What wrote the description: embedded, or the vision language model\'s name.'),
});

export const descriptionKind = defineTaskKind({
  name: 'description',
  description: 'Describes the media: { title, description, tags, language, confidence } from on-screen text and the transcript (embedded models), or from a vision language model when DESCRIPTION_PROVIDER=openai.',
  options: descriptionOptions,
  result: descriptionResult,
  checkCapabilities: (options, capabilities) => speechLanguageProblem(options.language, capabilities),
  unsupportedInput: () => null,

  async run({ options, input, workDir, signal, media, reportProgress, intelligence, transcript }) {
    const { facts } = input;
    const visual = facts.isImage || facts.hasVideo;
    const frames = visual
      ? await sampleFrames(input.path, workDir, { interval: Math.max(1, (facts.duration ?? 0) / options.frames), maxFrames: options.frames, sceneThreshold: 0.3, width: 960 }, facts, media)
      : [];
    reportProgress(10);

    const lines = [];
    const objectFrames = new Map<string, number>();
    for (const frame of frames) {
      lines.push(await intelligence.textReader.readText(frame.path, { signal }));
      const labels = new Set((await intelligence.objects.detect(frame.path, { signal })).filter((object) => object.score >= 0.5).map((object) => object.label));
      for (const label of labels) objectFrames.set(label, (objectFrames.get(label) ?? 0) + 1);
    }
    const onScreenText = rankOnScreenText(lines);
    // Objects seen on the most frames first.
    const objects = [...objectFrames.entries()].sort((a, b) => b[1] - a[1]).map(([label]) => label);
    reportProgress(40);

    let speech: Transcript | null = null;
    if (facts.hasAudio) {
      speech = (await transcript({ language: options.language }, { signal, onProgress: (fraction) => reportProgress(40 + fraction * 45) })).transcript;
    }
    const mediaType = facts.isImage ? 'image' : facts.hasVideo ? 'video' : 'audio';
    const description = intelligence.describer
      ? await intelligence.describer.describe(frames.map((frame) => frame.path), { transcript: speech ?? undefined, onScreenText: onScreenText.map((line) => line.text), objects }, { signal })
      : composeDescription({
        mediaType, duration: facts.duration, onScreenText, objects, transcript: speech, maxTags: options.maxTags,
        language: await detectLanguage(describedText(speech, onScreenText)),
      });
    const result = { ...description, tags: description.tags.slice(0, options.maxTags), objects, model: intelligence.describer?.model ?? 'embedded' };
    return { outputs: [await jsonOutput(workDir, 'description.json', result)], result };
  },
});
