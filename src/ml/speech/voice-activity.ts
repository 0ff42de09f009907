// Where the speech is: Silero VAD v5 gives a speech probability per 32 ms window, turned here
// into padded regions short enough for Moonshine. Moonshine gives text only, so these regions
// are also the transcript's timestamps.
import * as ort from 'onnxruntime-node';
import { pcmSampleRate } from './pcm-audio.js';
import { sharedSession } from './onnx-sessions.js';

/** Silero v5 at 16 kHz takes 512 new samples per call… */
export const vadWindowSamples = 512;
/** …preceded by the previous window's last 64 samples, as its reference wrapper does. */
const vadContextSamples = 64;
const windowSeconds = vadWindowSamples / pcmSampleRate;

export interface SpeechRegion {
  /** Seconds from the start of the audio. */
  start: number;
  end: number;
}

export interface RegionOptions {
  /** Probability at which speech starts. */
  threshold?: number;
  /** Probability below which speech may end (hysteresis, so a dip does not split a word). */
  endThreshold?: number;
  /** Shorter bursts (clicks, coughs) are dropped. */
  minSpeechSeconds?: number;
  /** Shorter pauses stay inside one region. */
  minSilenceSeconds?: number;
  /** Added on both sides: without it the first word after a silence was clipped. */
  padSeconds?: number;
  /** Longer regions are split at their quietest point (Moonshine degrades past about 20 s). */
  maxRegionSeconds?: number;
}

const defaults: Required<RegionOptions> = {
  threshold: 0.5,
  endThreshold: 0.35,
  minSpeechSeconds: 0.25,
  minSilenceSeconds: 0.5,
  padSeconds: 0.3,
  maxRegionSeconds: 20,
};

/**
 * One speech probability per 512-sample window (the last window zero-padded). Calls
 * `onProgress` with the fraction done now and then; checks `signal` as often.
 */
export async function speechProbabilities(
  samples: Float32Array,
  options: { signal?: AbortSignal; onProgress?: (fraction: number) => void; threads?: number } = {},
): Promise<Float32Array> {
  const session = await sharedSession('silero-vad-v5', options.threads);
  const windowCount = Math.ceil(samples.length / vadWindowSamples);
  const probabilities = new Float32Array(windowCount);
  const sampleRate = new ort.Tensor('int64', BigInt64Array.of(BigInt(pcmSampleRate)), []);
  let state: ort.Tensor = new ort.Tensor('float32', new Float32Array(2 * 128), [2, 1, 128]);
  const input = new Float32Array(vadContextSamples + vadWindowSamples);
  // Reused: each run is awaited before the buffer changes.
  const inputTensor = new ort.Tensor('float32', input, [1, input.length]);
  for (let index = 0; index < windowCount; index++) {
    if (index % 500 === 0) { // every 16 s of audio, about 80 ms of work
      options.signal?.throwIfAborted();
      options.onProgress?.(index / windowCount);
    }
    // Slide: the tail of the previous input becomes the context of this one.
    input.copyWithin(0, vadWindowSamples);
    const window = samples.subarray(index * vadWindowSamples, (index + 1) * vadWindowSamples);
    input.set(window, vadContextSamples);
    input.fill(0, vadContextSamples + window.length);
    const result = await session.run({
      input: inputTensor,
      state,
      sr: sampleRate,
    });
    probabilities[index] = (result.output.data as Float32Array)[0];
    state = result.stateN as ort.Tensor;
  }
  options.onProgress?.(1);
  return probabilities;
}

/**
 * Speech regions from the window probabilities of `sampleCount` samples: in order, inside the
 * audio, not overlapping, each at most `maxRegionSeconds` long.
 */
export function speechRegions(probabilities: Float32Array, sampleCount: number, options: RegionOptions = {}): SpeechRegion[] {
  const settings = { ...defaults, ...options };
  const duration = sampleCount / pcmSampleRate;
  const padded = mergeOverlapping(detectBursts(probabilities, duration, settings).map((region) => ({
    start: Math.max(0, region.start - settings.padSeconds),
    end: Math.min(duration, region.end + settings.padSeconds),
  })));
  return padded.flatMap((region) => splitLongRegion(region, probabilities, settings.maxRegionSeconds));
}

/** Unpadded speech with hysteresis, the way Silero's own get_speech_timestamps does it. */
function detectBursts(probabilities: Float32Array, duration: number, settings: Required<RegionOptions>): SpeechRegion[] {
  const regions: SpeechRegion[] = [];
  let start: number | undefined;
  let silenceStart: number | undefined;
  const close = (end: number) => {
    if (start !== undefined && end - start >= settings.minSpeechSeconds) regions.push({ start, end });
    start = undefined;
    silenceStart = undefined;
  };
  probabilities.forEach((probability, index) => {
    const time = index * windowSeconds;
    if (probability >= settings.threshold) {
      silenceStart = undefined;
      start ??= time;
    } else if (start !== undefined && probability < settings.endThreshold) {
      silenceStart ??= time;
      if (time - silenceStart >= settings.minSilenceSeconds) close(silenceStart);
    }
  });
  // Speech running into the end of the audio ends with it (or where its last pause began).
  close(Math.min(duration, silenceStart ?? duration));
  return regions;
}

function mergeOverlapping(regions: SpeechRegion[]): SpeechRegion[] {
  const merged: SpeechRegion[] = [];
  for (const region of regions) {
    const last = merged.at(-1);
    if (last && region.start < last.end) last.end = Math.max(last.end, region.end);
    else merged.push({ ...region });
  }
  return merged;
}

/**
 * Cuts at the least speech-like moment between half and all of `maxSeconds` from the start,
 * so every piece but the last is at least half the maximum; the pieces touch, with no gap.
 */
function splitLongRegion(region: SpeechRegion, probabilities: Float32Array, maxSeconds: number): SpeechRegion[] {
  const pieces: SpeechRegion[] = [];
  let start = region.start;
  while (region.end - start > maxSeconds) {
    const first = Math.ceil((start + maxSeconds / 2) / windowSeconds);
    const last = Math.floor((start + maxSeconds) / windowSeconds) - 1;
    let quietest = first;
    let lowest = Infinity;
    for (let index = first; index <= last; index++) {
      const level = smoothed(probabilities, index);
      if (level < lowest) {
        lowest = level;
        quietest = index;
      }
    }
    // Cut in the middle of the quiet window, not on the edge of the next sound.
    const cut = (quietest + 0.5) * windowSeconds;
    pieces.push({ start, end: cut });
    start = cut;
  }
  pieces.push({ start, end: region.end });
  return pieces;
}

/** Mean over about 160 ms: a single quiet window inside a word is not a pause. */
function smoothed(probabilities: Float32Array, index: number): number {
  let sum = 0;
  let count = 0;
  for (let offset = -2; offset <= 2; offset++) {
    const value = probabilities[index + offset];
    if (value !== undefined) {
      sum += value;
      count++;
    }
  }
  return count ? sum / count : 1;
}

/** Padded speech regions of 16 kHz mono samples. */
export async function detectSpeechRegions(
  samples: Float32Array,
  options: RegionOptions & { signal?: AbortSignal; onProgress?: (fraction: number) => void; threads?: number } = {},
): Promise<SpeechRegion[]> {
  const probabilities = await speechProbabilities(samples, options);
  return speechRegions(probabilities, samples.length, options);
}
