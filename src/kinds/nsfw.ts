// `nsfw`: moderation scores of an image, or of a video's sampled frames (per scene and at an
// interval) with the worst frames reported. Decided on explicit content (nudity, sexual);
// "suggestive" is reported but does not decide: sports and skin photos score high on it.
import { z } from 'zod';
import { sampleFrames } from '../media/frame-sampling.js';
import type { ModerationScores } from '../ml/providers.js';
import { jsonOutput } from './json-output.js';
import { defineTaskKind } from './task-kind.js';

export const nsfwOptions = z.object({
  threshold: z.number().min(0.05).max(1).default(0.5).describe('Score of nudity or sexual content from which the media counts as detected.'),
  interval: z.number().min(0.5).max(600).default(5).describe('Video: seconds between sampled frames within a scene (one frame is also taken after every scene cut).'),
  maxFrames: z.number().int().min(1).max(300).default(60).describe('Video: most frames to analyse (evenly thinned beyond this).'),
  worstFrames: z.number().int().min(0).max(50).default(5).describe('Video: how many of the highest-scoring frames to report.'),
});

const moderationScores = z.object({
  nudity: z.number().describe('Probability of nudity, 0–1: decides with sexual.'),
  sexual: z.number().describe('Probability of sexual content, 0–1: decides with nudity.'),
  suggestive: z.number().describe('Probability of suggestive content, 0–1: reported, never decides (sports and skin photos score high).'),
}).catchall(z.number()).meta({ title: 'NsfwScores', typeDescription: 'Scores 0–1; the model\'s own categories (e.g. porn, hentai, sexy, drawing, neutral) are in `result` beside these.' });

export const nsfwResult = z.strictObject({
  detected: z.boolean().describe('Whether nudity or sexual content reached the threshold on the image or on any frame.'),
  scores: moderationScores.describe('The media\'s score in each category: its worst frame\'s.'),
  confidence: z.number().describe('How sure the decision is, 0.5–1: the distance of the deciding score from the threshold.'),
  threshold: z.number().describe('The threshold applied.'),
  model: z.string().describe('The classifier, e.g. embedded:nsfwjs-mobilenet-v2.'),
  framesAnalysed: z.number().int().describe('Pictures classified: 1 for an image.'),
  frames: z.array(z.strictObject({
    time: z.number().describe('Seconds from the start of the video.'),
    scores: moderationScores.describe('The frame\'s scores.'),
  }).meta({ title: 'NsfwFrame', typeDescription: 'A sampled video frame and its scores.' })).optional().describe('Video: the highest-scoring frames, worst first (worstFrames of them).'),
});

export const nsfwKind = defineTaskKind({
  name: 'nsfw',
  description: 'Detects nudity and sexual content: { detected, scores: { nudity, sexual, suggestive, … }, confidence, frames? } over the image or frames sampled per scene and at an interval.',
  options: nsfwOptions,
  result: nsfwResult,
  unsupportedInput: (facts) => facts.hasVideo || facts.isImage ? null : `The input (${facts.mimeType}) has no picture to check.`,

  async run({ options, input, workDir, signal, media, reportProgress, intelligence }) {
    const frames = await sampleFrames(input.path, workDir, { interval: options.interval, maxFrames: options.maxFrames, sceneThreshold: 0.3, width: 448 }, input.facts, media);
    reportProgress(20);
    const scores = await intelligence.moderation.classify(frames.map((frame) => frame.path), { signal, onProgress: (fraction) => reportProgress(20 + fraction * 75) });

    const decisive = (score: ModerationScores) => Math.max(score.nudity, score.sexual);
    const worst = scores.reduce((max, score) => (decisive(score) > decisive(max) ? score : max), scores[0]);
    // The media's score in each category is its worst frame's: one explicit frame is enough.
    const overall: ModerationScores = { nudity: 0, sexual: 0, suggestive: 0 };
    for (const score of scores) for (const [category, value] of Object.entries(score)) overall[category] = Math.max(overall[category] ?? 0, round(value));
    const peak = decisive(worst);
    const detected = peak >= options.threshold;
    const ranked = frames.map((frame, index) => ({ time: frame.time, scores: roundAll(scores[index]) }))
      .sort((a, b) => decisive(b.scores) - decisive(a.scores));
    const result = {
      detected,
      scores: overall,
      // How sure the decision is: distance from the threshold, scaled to 0.5–1.
      confidence: round(0.5 + Math.min(0.5, Math.abs(peak - options.threshold) / (2 * Math.max(options.threshold, 1 - options.threshold)))),
      threshold: options.threshold,
      model: intelligence.moderation.model,
      framesAnalysed: frames.length,
      ...(input.facts.isImage ? {} : { frames: ranked.slice(0, options.worstFrames) }),
    };
    return { outputs: [await jsonOutput(workDir, 'nsfw.json', result)], result };
  },
});

const round = (value: number) => Math.round(value * 1000) / 1000;
const roundAll = (scores: ModerationScores): ModerationScores => Object.fromEntries(Object.entries(scores).map(([key, value]) => [key, round(value)])) as ModerationScores;
