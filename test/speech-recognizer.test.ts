// The embedded speech recognizer on real models and the real ffmpeg: espeak-ng fixtures with a
// known text (scripts/make-fixtures.sh), silence and a silent video made here with ffmpeg.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaToolEnvironment } from '../src/media/ffmpeg-binaries.js';
import { testMediaBinaries } from './support/media-tools.js';
import type { SpeechRecognizer, Transcript } from '../src/ml/providers.js';
import { createEmbeddedSpeechRecognizer, spreadWords } from '../src/ml/speech/embedded-speech-recognizer.js';
import { sharedSession } from '../src/ml/speech/onnx-sessions.js';
import { decodePcm, NoAudioStreamError, pcmSampleRate } from '../src/ml/speech/pcm-audio.js';
import { speechRegions, vadWindowSamples } from '../src/ml/speech/voice-activity.js';
import { normalizedWords, wordErrorRate } from '../src/ml/speech/word-error-rate.js';
import { writeTestVideo } from './support/fixtures.js';

const run = promisify(execFile);
const fixtures = path.join(import.meta.dirname, 'fixtures/speech');
const knownText = path.join(fixtures, 'known-text.ogg');
const twoSentences = path.join(fixtures, 'two-sentences-pause.ogg');

let dir: string;
let ffmpegPath: string;
let recognizer: SpeechRecognizer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'speech-test-'));
  ffmpegPath = (await testMediaBinaries()).ffmpeg.path;
  recognizer = createEmbeddedSpeechRecognizer({ ffmpegPath });
  const ffmpeg = (...args: string[]) => run(ffmpegPath, ['-y', '-v', 'error', ...args], { env: mediaToolEnvironment(ffmpegPath) });
  await Promise.all([
    ffmpeg('-f', 'lavfi', '-i', 'anullsrc=r=16000:cl=mono', '-t', '3', path.join(dir, 'silence.wav')),
    // Three readings back to back, without a pause long enough to cut: one region over 20 s.
    ffmpeg('-i', knownText, '-i', knownText, '-i', knownText, '-filter_complex', '[0:a][1:a][2:a]concat=n=3:v=0:a=1', path.join(dir, 'long.wav')),
    writeTestVideo(path.join(dir, 'no-audio.mp4'), { audio: false, seconds: 1 }),
  ]);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Transcribes and logs the real-time factor, for information only. */
async function timedTranscribe(file: string, options: Parameters<SpeechRecognizer['transcribe']>[1] = {}): Promise<Transcript> {
  const started = performance.now();
  const transcript = await recognizer.transcribe(file, options);
  const seconds = (performance.now() - started) / 1000;
  console.log(`${path.basename(file)}: ${transcript.duration.toFixed(1)} s of audio in ${seconds.toFixed(2)} s, real-time factor ${(seconds / transcript.duration).toFixed(3)}`);
  return transcript;
}

function expectOrderedInside(transcript: Transcript): void {
  let previousEnd = 0;
  for (const segment of transcript.segments) {
    expect(segment.start).toBeGreaterThanOrEqual(previousEnd);
    expect(segment.end).toBeGreaterThan(segment.start);
    expect(segment.end).toBeLessThanOrEqual(transcript.duration);
    expect(segment.confidence).toBeGreaterThan(0);
    expect(segment.confidence).toBeLessThanOrEqual(1);
    previousEnd = segment.end;
  }
}

/** Seconds of audio in a file, as the decoder sees them. */
async function durationOf(file: string): Promise<number> {
  return (await decodePcm(file, { ffmpegPath })).length / pcmSampleRate;
}

describe('word error rate', () => {
  it('ignores case and punctuation and counts substitutions, deletions and insertions', () => {
    expect(normalizedWords("Hello, World! Don't stop — it's 5 o'clock.")).toEqual(['hello', 'world', "don't", 'stop', "it's", '5', "o'clock"]);
    expect(wordErrorRate('The cat sat on the mat.', 'the CAT sat on the mat')).toBe(0);
    expect(wordErrorRate('the cat sat on the mat', 'the dog sat on the mat')).toBeCloseTo(1 / 6);
    expect(wordErrorRate('the cat sat on the mat', 'the cat sat on mat')).toBeCloseTo(1 / 6);
    expect(wordErrorRate('the cat sat on the mat', 'well the cat sat on the mat')).toBeCloseTo(1 / 6);
    expect(wordErrorRate('a b', 'c d e f')).toBe(2);
    expect(wordErrorRate('', '')).toBe(0);
    expect(wordErrorRate('', 'noise')).toBe(1);
  });
});

describe('speech regions', () => {
  const windowSeconds = vadWindowSamples / pcmSampleRate;
  /** Probabilities from [start, end, probability] stretches, 0 elsewhere. */
  const probabilities = (seconds: number, ...stretches: Array<[number, number, number]>) => {
    const values = new Float32Array(Math.ceil(seconds / windowSeconds));
    for (const [start, end, probability] of stretches) values.fill(probability, Math.round(start / windowSeconds), Math.round(end / windowSeconds));
    return values;
  };

  it('pads, clamps to the audio, drops blips and keeps short pauses inside', () => {
    const regions = speechRegions(probabilities(10, [0.1, 2, 0.9], [2, 2.3, 0.4], [2.3, 3, 0.9], [5, 5.1, 0.9], [7, 9.9, 0.8]), 10 * pcmSampleRate);
    expect(regions).toHaveLength(2);
    expect(regions[0].start).toBe(0);
    expect(regions[0].end).toBeCloseTo(3.3, 1);
    expect(regions[1].start).toBeCloseTo(6.7, 1);
    expect(regions[1].end).toBe(10);
  });

  it('merges regions whose padding overlaps, and only those', () => {
    const close = speechRegions(probabilities(10, [1, 2, 0.9], [2.55, 3.5, 0.9]), 10 * pcmSampleRate);
    expect(close).toHaveLength(1);
    const apart = speechRegions(probabilities(10, [1, 2, 0.9], [3, 4, 0.9]), 10 * pcmSampleRate);
    expect(apart).toHaveLength(2);
    expect(apart[0].end).toBeLessThanOrEqual(apart[1].start);
  });

  it('splits speech longer than the maximum at its quietest moment', () => {
    const regions = speechRegions(probabilities(50, [1, 49, 0.95], [15, 15.2, 0.4], [33, 33.2, 0.45]), 50 * pcmSampleRate);
    expect(regions.map((region) => region.end - region.start).every((length) => length <= 20)).toBe(true);
    expect(regions).toHaveLength(3);
    expect(regions[0].end).toBeCloseTo(15.1, 1);
    expect(regions[1].start).toBe(regions[0].end);
    expect(regions[1].end).toBeCloseTo(33.1, 1);
    expect(regions[2].end).toBeCloseTo(49.3, 1);
  });
});

describe('embedded speech recognizer', () => {
  it('shares one onnxruntime session per model, even between concurrent first calls', () => {
    expect(sharedSession('silero-vad-v5')).toBe(sharedSession('silero-vad-v5'));
    expect(sharedSession('moonshine-tiny-decoder')).not.toBe(sharedSession('moonshine-tiny-encoder'));
  });

  it('describes itself', () => {
    expect(recognizer.model).toBe('embedded:moonshine-tiny');
    expect(recognizer.languages).toEqual(['en']);
    expect(recognizer.canLabelSpeakers).toBe(false);
  });

  it('transcribes a known text with at most 20 % word errors', async () => {
    const expected = (await readFile(path.join(fixtures, 'known-text.txt'), 'utf8')).trim();
    const progress: number[] = [];
    const transcript = await timedTranscribe(knownText, { onProgress: (fraction) => progress.push(fraction) });
    const errorRate = wordErrorRate(expected, transcript.text);
    console.log(`known text: word error rate ${(errorRate * 100).toFixed(1)} % — "${transcript.text}"`);
    expect(errorRate).toBeLessThanOrEqual(0.2);
    expect(transcript).toMatchObject({ detected: true, language: 'en', model: 'embedded:moonshine-tiny' });
    expect(transcript.duration).toBeCloseTo(await durationOf(knownText), 1);
    expect(transcript.words).toBeUndefined();
    expect(transcript.text).toBe(transcript.segments.map((segment) => segment.text).join(' '));
    expectOrderedInside(transcript);
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('cuts two sentences at the pause between them', async () => {
    const sentences = JSON.parse(await readFile(path.join(fixtures, 'two-sentences-pause.json'), 'utf8')) as
      { first: string; second: string; pauseStart: number; pauseEnd: number };
    // The fixture script measured the pause with ffmpeg's silencedetect.
    const pause = { start: sentences.pauseStart, end: sentences.pauseEnd };
    expect(pause.end - pause.start).toBeGreaterThan(2);
    const transcript = await timedTranscribe(twoSentences);
    expect(transcript.segments).toHaveLength(2);
    const [first, second] = transcript.segments;
    expect(first.end).toBeGreaterThan(pause.start);
    expect(first.end).toBeLessThan(pause.end);
    expect(second.start).toBeGreaterThan(pause.start);
    expect(second.start).toBeLessThan(pause.end);
    expect(first.end).toBeLessThan(second.start);
    expectOrderedInside(transcript);
    // espeak's "weather is nice" comes out garbled; the second sentence is clean enough to check.
    expect(wordErrorRate(sentences.second, second.text)).toBeLessThanOrEqual(0.2);
  });

  it('spreads words over their segment when asked', async () => {
    const transcript = await recognizer.transcribe(twoSentences, { words: true });
    const words = transcript.words!;
    expect(words.map((word) => word.word).join(' ')).toBe(transcript.text);
    for (const segment of transcript.segments) {
      const inside = words.filter((word) => word.start >= segment.start && word.end <= segment.end);
      expect(inside.map((word) => word.word).join(' ')).toBe(segment.text);
      expect(inside[0].start).toBe(segment.start);
      expect(inside.at(-1)!.end).toBe(segment.end);
    }
    expect(spreadWords({ start: 1, end: 3, text: 'a bbb' })).toEqual([{ start: 1, end: 1.5, word: 'a' }, { start: 1.5, end: 3, word: 'bbb' }]);
  });

  it('keeps every piece of a long stretch of speech under 20 s', async () => {
    const expected = (await readFile(path.join(fixtures, 'known-text.txt'), 'utf8')).trim();
    const transcript = await timedTranscribe(path.join(dir, 'long.wav'));
    expect(transcript.duration).toBeGreaterThan(20);
    expect(transcript.segments.length).toBeGreaterThanOrEqual(2);
    for (const segment of transcript.segments) expect(segment.end - segment.start).toBeLessThanOrEqual(20);
    expectOrderedInside(transcript);
    const errorRate = wordErrorRate(`${expected} ${expected} ${expected}`, transcript.text);
    console.log(`long: word error rate ${(errorRate * 100).toFixed(1)} % over ${transcript.segments.length} segments`);
    // A cut may fall inside a word; allow a little more than for the single reading.
    expect(errorRate).toBeLessThanOrEqual(0.25);
  });

  it('finds no speech in silence', async () => {
    const transcript = await timedTranscribe(path.join(dir, 'silence.wav'));
    expect(transcript).toMatchObject({ detected: false, text: '', segments: [], language: 'en' });
    expect(transcript.duration).toBeCloseTo(3, 1);
  });

  it('fails clearly on media without audio, when asked for speakers or another language', async () => {
    await expect(recognizer.transcribe(path.join(dir, 'no-audio.mp4'), {})).rejects.toBeInstanceOf(NoAudioStreamError);
    await expect(recognizer.transcribe(path.join(dir, 'missing.ogg'), {})).rejects.toThrow(/ffmpeg could not decode the audio of .*missing\.ogg.*No such file/);
    await expect(recognizer.transcribe(knownText, { speakers: true })).rejects.toThrow(/cannot label speakers/);
    await expect(recognizer.transcribe(knownText, { language: 'de' })).rejects.toThrow(/only recognizes English/);
    await expect(recognizer.transcribe(knownText, { language: 'en-GB' })).resolves.toMatchObject({ detected: true });
  });

  it('stops when aborted, before or during the work', async () => {
    await expect(recognizer.transcribe(knownText, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    const controller = new AbortController();
    const reason = new Error('stop now');
    const transcription = recognizer.transcribe(path.join(dir, 'long.wav'), {
      signal: controller.signal,
      onProgress: (fraction) => { if (fraction > 0) controller.abort(reason); },
    });
    await expect(transcription).rejects.toBe(reason);
  });
});
