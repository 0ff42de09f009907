// Scene cuts from ffmpeg's scene-change score (no model needed): the frames whose difference to
// the previous frame scores above the threshold, read back from the `metadata` filter's file.
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { jobOptions, runFfmpegJob, type MediaJobContext } from './ffmpeg-process.js';
import type { MediaFacts } from './probe-media.js';

export interface SceneCut {
  /** Seconds. */
  time: number;
  /** 0–1: how different the frame is from the one before. */
  score: number;
}

export async function detectSceneCuts(
  inputPath: string,
  workDir: string,
  options: { threshold: number },
  input: MediaFacts,
  context: MediaJobContext,
): Promise<SceneCut[]> {
  const metadataFile = path.join(workDir, `scenes-${process.hrtime.bigint()}.txt`);
  // Scoring a small picture is as good at finding cuts and several times cheaper.
  const filter = `scale=160:-2,select='gt(scene,${options.threshold})',metadata=print:file=${metadataFile.replace(/[\\':]/g, '\\$&')}`;
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

/** `frame:1 pts:150 pts_time:15` followed by `lavfi.scene_score=0.83`, per selected frame. */
export function parseSceneMetadata(text: string): SceneCut[] {
  const cuts: SceneCut[] = [];
  let time: number | null = null;
  for (const line of text.split('\n')) {
    const frame = /pts_time:([\d.]+)/.exec(line);
    if (frame) time = Number(frame[1]);
    const score = /lavfi\.scene_score=([\d.]+)/.exec(line);
    if (score && time !== null) {
      cuts.push({ time, score: Number(score[1]) });
      time = null;
    }
  }
  return cuts;
}
