// `chapters`: boundaries from scene cuts and long speech pauses, merged to a minimum length;
// titles from the chapter's dominant on-screen text, else the key phrases of what is said.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { extractFrames } from '../media/frames.js';
import { detectSceneCuts } from '../media/scene-cuts.js';
import type { Transcript } from '../ml/providers.js';
import { keyPhrases } from '../ml/text/key-phrases.js';
import { rankOnScreenText } from '../ml/text/on-screen-text.js';
import { pauseCandidates, planChapters, sceneCandidates, type BoundaryCandidate, type ChapterRange } from '../tracks/chapter-plan.js';
import { toWebVtt } from '../tracks/subtitle-formats.js';
import { jsonOutput } from './json-output.js';
import { speechLanguageOption, speechLanguageProblem } from './speech-options.js';
import { defineTaskKind } from './task-kind.js';

export const chaptersOptions = z.object({
  minDuration: z.number().min(1).max(3600).default(10).describe('Shortest chapter in seconds (YouTube asks for 10).'),
  maxChapters: z.number().int().min(1).max(100).default(30).describe('Most chapters to return; the strongest boundaries are kept.'),
  sceneThreshold: z.number().min(0.05).max(1).default(0.3).describe('Scene-change score (0–1) that counts as a cut.'),
  minPause: z.number().min(0.3).max(60).default(1.5).describe('Silence between sentences, in seconds, that may start a chapter.'),
  language: speechLanguageOption,
});

const chapter = z.strictObject({
  index: z.number().int().describe('0 for the first chapter.'),
  start: z.number().describe('Seconds from the start of the media.'),
  end: z.number().describe('Seconds from the start of the media.'),
  title: z.string().describe('The chapter\'s title.'),
  titleSource: z.enum(['on-screen text', 'transcript', 'position']).describe('Where the title came from: text on the frames, key phrases of what is said, or only its position (Chapter N).'),
}).meta({ title: 'Chapter', typeDescription: 'A chapter marker.' });

export type Chapter = z.infer<typeof chapter>;

export const chaptersResult = z.strictObject({
  chapters: z.array(chapter).describe('The chapters in order, covering the whole media.'),
  transcribed: z.boolean().describe('Whether speech pauses and the transcript were used (the media has sound).'),
});

export const chaptersKind = defineTaskKind({
  name: 'chapters',
  description: 'Chapter markers [{ index, start, end, title }] as WebVTT and JSON: boundaries from scene cuts and speech pauses, titles from on-screen text or the transcript\'s key phrases.',
  options: chaptersOptions,
  result: chaptersResult,
  checkCapabilities: (options, capabilities) => speechLanguageProblem(options.language, capabilities),
  unsupportedInput: (facts) => facts.isImage ? 'Chapters need a video or audio input, not a still image.' : null,

  async run({ options, input, workDir, signal, media, reportProgress, intelligence, transcript }) {
    const duration = input.facts.duration ?? 0;
    const candidates: BoundaryCandidate[] = [];
    if (input.facts.hasVideo) {
      const cuts = await detectSceneCuts(input.path, workDir, { threshold: options.sceneThreshold }, input.facts, { ...media, onProgress: (percent) => reportProgress(percent * 0.2) });
      candidates.push(...sceneCandidates(cuts));
    }
    let speech: Transcript | null = null;
    if (input.facts.hasAudio) {
      speech = (await transcript({ language: options.language }, { signal, onProgress: (fraction) => reportProgress(20 + fraction * 50) })).transcript;
      candidates.push(...pauseCandidates(speech.segments, options.minPause));
    }
    const ranges = planChapters(candidates, { duration, minDuration: options.minDuration, maxChapters: options.maxChapters });

    // Three frames spread over each chapter, all taken in one ffmpeg run.
    const titleFrames = input.facts.hasVideo
      ? await extractFrames(input.path, path.join(workDir, 'chapter-frames'), {
        times: ranges.flatMap((range) => titleFrameFractions.map((fraction) => range.start + (range.end - range.start) * fraction)),
        width: Math.min(960, input.facts.width ?? 960),
        format: 'png',
      }, input.facts, media)
      : [];

    const chapters: Chapter[] = [];
    for (const [index, range] of ranges.entries()) {
      signal.throwIfAborted();
      const frames = titleFrames.slice(index * titleFrameFractions.length, (index + 1) * titleFrameFractions.length);
      const onScreen = frames.length > 0 ? await onScreenTitle(frames.map((frame) => path.join(workDir, 'chapter-frames', frame.relativePath))) : null;
      const spoken = speech ? keyPhrases(textWithin(speech, range), 3) : [];
      const title = onScreen ?? (spoken.length > 0 ? capitalise(spoken.join(', ')) : null);
      chapters.push({ index, ...range, title: title ?? `Chapter ${index + 1}`, titleSource: onScreen ? 'on-screen text' : title ? 'transcript' : 'position' });
      reportProgress(70 + ((index + 1) / ranges.length) * 28);
    }

    const vttPath = path.join(workDir, 'chapters.vtt');
    await writeFile(vttPath, toWebVtt(chapters.map((chapter) => ({ start: chapter.start, end: chapter.end, lines: [chapter.title] }))));
    return {
      outputs: [
        { path: vttPath, kind: 'chapters', filename: 'chapters.vtt', mimeType: 'text/vtt', duration },
        await jsonOutput(workDir, 'chapters.json', chapters),
      ],
      result: { chapters, transcribed: speech !== null },
    };

    /** The text seen the most, largest, on a chapter's frames. */
    async function onScreenTitle(framePaths: string[]): Promise<string | null> {
      const lines = [];
      for (const framePath of framePaths) lines.push(await intelligence.textReader.readText(framePath, { signal }));
      return rankOnScreenText(lines)[0]?.text ?? null;
    }
  },
});

const titleFrameFractions = [0.15, 0.5, 0.85];

function textWithin(transcript: Transcript, range: ChapterRange): string {
  return transcript.segments.filter((segment) => segment.start < range.end && segment.end > range.start).map((segment) => segment.text).join(' ');
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
