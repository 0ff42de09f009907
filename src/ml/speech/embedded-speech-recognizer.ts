// The speech recognizer that ships with the install: ffmpeg decodes, Silero VAD finds the
// speech (and so the timestamps), Moonshine tiny writes each region's English text.
import type { AnalysisOptions, SpeechRecognizer, Transcript, TranscriptSegment, TranscriptWord } from '../providers.js';
import { embeddedSpeechLanguages, embeddedSpeechModel } from './embedded-speech-info.js';
import { recognizeClip } from './moonshine.js';
import { decodePcm, pcmSampleRate } from './pcm-audio.js';
import { detectSpeechRegions, type RegionOptions } from './voice-activity.js';

export { embeddedSpeechModel };

/** Share of the progress for voice detection; Moonshine takes the rest (measured: VAD is about 13 % of the time). */
const vadShare = 0.15;

export interface EmbeddedSpeechDependencies {
  ffmpegPath: string;
  /** onnxruntime threads; the sessions are shared per process, so the first recognizer to run sets it. Default: half the cores. */
  threads?: number;
  /** Tuning of the speech regions (thresholds, padding, maximum length). */
  regions?: RegionOptions;
}

type TranscribeOptions = AnalysisOptions & { language?: string; words?: boolean; speakers?: boolean };

export function createEmbeddedSpeechRecognizer(deps: EmbeddedSpeechDependencies): SpeechRecognizer {
  return {
    model: embeddedSpeechModel,
    languages: embeddedSpeechLanguages,
    canLabelSpeakers: false,
    transcribe: (mediaPath, options) => transcribe(mediaPath, options, deps),
  };
}

async function transcribe(mediaPath: string, options: TranscribeOptions, deps: EmbeddedSpeechDependencies): Promise<Transcript> {
  if (options.speakers) throw new Error(`${embeddedSpeechModel} cannot label speakers; use a recognizer whose canLabelSpeakers is true`);
  if (options.language && options.language.split('-')[0].toLowerCase() !== 'en') {
    throw new Error(`${embeddedSpeechModel} only recognizes English, not ${options.language}`);
  }
  const { signal } = options;
  const report = risingProgress(options.onProgress);
  signal?.throwIfAborted();

  const samples = await decodePcm(mediaPath, { ffmpegPath: deps.ffmpegPath, signal });
  const regions = await detectSpeechRegions(samples, {
    ...deps.regions,
    signal,
    threads: deps.threads,
    onProgress: (fraction) => report(fraction * vadShare),
  });

  const speechSeconds = regions.reduce((sum, region) => sum + region.end - region.start, 0);
  let doneSeconds = 0;
  const segments: TranscriptSegment[] = [];
  for (const region of regions) {
    signal?.throwIfAborted();
    const clip = samples.subarray(Math.round(region.start * pcmSampleRate), Math.round(region.end * pcmSampleRate));
    const { text, confidence } = await recognizeClip(clip, { signal, threads: deps.threads });
    // Noise the VAD took for speech comes back empty or as a lone full stop.
    if (/[\p{L}\p{N}]/u.test(text)) segments.push({ start: region.start, end: region.end, text, confidence });
    doneSeconds += region.end - region.start;
    report(vadShare + (1 - vadShare) * (doneSeconds / speechSeconds));
  }
  report(1);

  return {
    detected: segments.length > 0,
    language: 'en',
    text: segments.map((segment) => segment.text).join(' '),
    segments,
    ...(options.words ? { words: segments.flatMap(spreadWords) } : {}),
    duration: samples.length / pcmSampleRate,
    model: embeddedSpeechModel,
  };
}

/**
 * Moonshine gives no word times: each word gets a share of its segment proportional to its
 * length in characters, which is close enough to seek to a word.
 */
export function spreadWords(segment: Pick<TranscriptSegment, 'start' | 'end' | 'text'>): TranscriptWord[] {
  const words = segment.text.split(/\s+/).filter(Boolean);
  const characters = words.reduce((sum, word) => sum + word.length, 0);
  const secondsPerCharacter = (segment.end - segment.start) / Math.max(1, characters);
  let time = segment.start;
  return words.map((word, index) => {
    const start = time;
    // The last word ends exactly at the segment's end, whatever the rounding.
    time = index === words.length - 1 ? segment.end : time + word.length * secondsPerCharacter;
    return { start, end: time, word };
  });
}

/** Progress callbacks that never go backwards (the contract says "only rising"). */
function risingProgress(onProgress: ((fraction: number) => void) | undefined): (fraction: number) => void {
  let last = 0;
  return (fraction) => {
    const value = Math.min(1, Math.max(last, fraction));
    if (value > last) {
      last = value;
      onProgress?.(value);
    }
  };
}
