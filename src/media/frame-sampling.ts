// Which frames represent a video for the models: one shortly after every scene cut (the new
// shot), one per interval in between, and never more than a budget (evenly thinned).
import path from 'node:path';
import { extractFrames } from './frames.js';
import type { MediaJobContext } from './ffmpeg-process.js';
import type { MediaFacts } from './probe-media.js';
import { detectSceneCuts } from './scene-cuts.js';

export interface SampledFrame {
  path: string;
  /** Seconds into the video; 0 for a still image. */
  time: number;
}

export interface SamplingOptions {
  /** Seconds between frames within a scene. */
  interval: number;
  maxFrames: number;
  /** Scene-change score that counts as a cut (0–1). */
  sceneThreshold?: number;
  /** Pixels; models look at small images. */
  width?: number;
}

export function sampleTimes(duration: number, sceneStarts: number[], options: Pick<SamplingOptions, 'interval' | 'maxFrames'>): number[] {
  const starts = [0, ...sceneStarts.filter((time) => time > 0 && time < duration)].sort((a, b) => a - b);
  const times: number[] = [];
  starts.forEach((start, index) => {
    const end = starts[index + 1] ?? duration;
    // Half a second in: the cut frame itself may still blend the two shots.
    for (let time = Math.min(start + 0.5, (start + end) / 2); time < end; time += options.interval) times.push(round(time));
  });
  if (times.length <= options.maxFrames) return times;
  return Array.from({ length: options.maxFrames }, (_, index) => times[Math.floor((index * times.length) / options.maxFrames)]);
}

/** JPEG frames of a video (or the image itself) for analysis, written under `workDir`. */
export async function sampleFrames(inputPath: string, workDir: string, options: SamplingOptions, input: MediaFacts, context: MediaJobContext): Promise<SampledFrame[]> {
  if (input.isImage) return [{ path: inputPath, time: 0 }];
  const duration = input.duration ?? 0;
  const cuts = options.sceneThreshold === undefined ? [] : await detectSceneCuts(inputPath, workDir, { threshold: options.sceneThreshold }, input, { ...context, onProgress: undefined });
  const times = sampleTimes(duration, cuts.map((cut) => cut.time), options);
  const dir = path.join(workDir, `samples-${process.hrtime.bigint()}`);
  const frames = await extractFrames(inputPath, dir, { times, width: Math.min(options.width ?? 640, input.width ?? 640), format: 'jpeg' }, input, { ...context, onProgress: undefined });
  return frames.map((frame) => ({ path: path.join(dir, frame.relativePath), time: frame.time }));
}

const round = (seconds: number) => Math.round(seconds * 1000) / 1000;
