// Scene cuts from ffmpeg's scene-change score (no model needed): ffmpeg scores how much each frame
// differs from the one before; the decision of what counts as a cut is ours, in plain code.
//
// The score is taken on RGB pictures on every build. ffmpeg 4.1's `select` only accepted RGB;
// from 4.3 it scores whatever the decoder gives, and on YUV 4:2:0 (chroma at a quarter of the
// pixels) a change of colour scores a third as much: Debian's 5.1 gave the three-scenes
// fixture's cuts 0.17 and 0.21 where 4.1 gave 0.76 and 0.56. Converted to RGB first, both
// builds give the same scores (test/fixtures/scene-scores holds both traces).
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { jobOptions, runFfmpegJob, type MediaJobContext } from './ffmpeg-process.js';
import type { MediaFacts } from './probe-media.js';

export interface SceneScore {
  /** Seconds. */
  time: number;
  /** 0–1: how different the frame is from the one before. */
  score: number;
}

export type SceneCut = SceneScore;

/** The picture ffmpeg scores: small (as good at finding cuts, several times cheaper) and RGB. */
export const sceneScoreFilter = 'scale=160:-2,format=rgb24';

/** Frames closer than this to a stronger cut are part of the same change (a flash, a dissolve). */
const minSecondsBetweenCuts = 0.5;

/**
 * The scene-change score of every frame scoring at least `minScore` (0: every frame), in
 * time order, from one decoding pass.
 */
export async function measureSceneScores(
  inputPath: string,
  workDir: string,
  options: { minScore: number; scoreFilter?: string },
  input: MediaFacts,
  context: MediaJobContext,
): Promise<SceneScore[]> {
  const metadataFile = path.join(workDir, `scenes-${process.hrtime.bigint()}.txt`);
  const scoreFilter = options.scoreFilter ?? sceneScoreFilter;
  const filter = `${scoreFilter},select='gte(scene,${options.minScore})',metadata=print:file=${metadataFile.replace(/[\\':]/g, '\\$&')}`;
  try {
    await runFfmpegJob((command) => {
      command.input(inputPath);
      command.output('-').outputOptions(['-map', '0:v:0', '-vf', filter, '-an', '-f', 'null']);
    }, jobOptions(context, input.duration, []));
    const text = await readFile(metadataFile, 'utf8').catch(() => '');
    return parseSceneMetadata(text);
  } finally {
    await rm(metadataFile, { force: true });
  }
}

/**
 * The cuts among scored frames: a frame scoring above `threshold` that is the strongest within
 * half a second, so one change seen over several frames (a flash, a fade) is one cut.
 */
export function sceneCutsFrom(scores: SceneScore[], threshold: number): SceneCut[] {
  const candidates = scores.filter((frame) => frame.score > threshold).sort((a, b) => a.time - b.time);
  // A tie goes to the earlier frame: the change starts there.
  const beats = (other: SceneScore, frame: SceneScore) => other.score > frame.score || (other.score === frame.score && other.time < frame.time);
  return candidates.filter((frame, index) => {
    for (let other = index - 1; other >= 0 && frame.time - candidates[other].time < minSecondsBetweenCuts; other--) {
      if (beats(candidates[other], frame)) return false;
    }
    for (let other = index + 1; other < candidates.length && candidates[other].time - frame.time < minSecondsBetweenCuts; other++) {
      if (beats(candidates[other], frame)) return false;
    }
    return true;
  });
}

export async function detectSceneCuts(
  inputPath: string,
  workDir: string,
  options: { threshold: number },
  input: MediaFacts,
  context: MediaJobContext,
): Promise<SceneCut[]> {
  const scores = await measureSceneScores(inputPath, workDir, { minScore: options.threshold }, input, context);
  return sceneCutsFrom(scores, options.threshold);
}

/** `frame:1 pts:150 pts_time:15` followed by `lavfi.scene_score=0.83`, per selected frame. */
export function parseSceneMetadata(text: string): SceneScore[] {
  const scores: SceneScore[] = [];
  let time: number | null = null;
  for (const line of text.split('\n')) {
    const frame = /pts_time:([\d.]+)/.exec(line);
    if (frame) time = Number(frame[1]);
    const score = /lavfi\.scene_score=([\d.]+)/.exec(line);
    if (score && time !== null) {
      scores.push({ time, score: Number(score[1]) });
      time = null;
    }
  }
  return scores;
}
