// Caption layout, chapter planning and subtitle formats: the pure rules behind subtitles and chapters.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { captionCues, layoutLines } from '../src/tracks/captions.js';
import { pauseCandidates, planChapters } from '../src/tracks/chapter-plan.js';
import { timestamp, toSrt, toWebVtt } from '../src/tracks/subtitle-formats.js';
import { keyPhrases } from '../src/ml/text/key-phrases.js';
import { parseSrt, parseWebVtt } from './support/text-formats.js';

const longSentence = 'This is a rather long sentence that a speaker says without any pause at all, and it keeps going for quite a while before it ends.';

describe('caption cues', () => {
  it('balances two lines instead of filling the first', () => {
    expect(layoutLines('one two three four five six seven eight nine ten eleven'.split(' '), 42)).toEqual(['one two three four five six', 'seven eight nine ten eleven']);
    const lines = layoutLines('aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj'.split(' '), 30);
    expect(lines).toHaveLength(2);
    expect(Math.abs(lines[0].length - lines[1].length)).toBeLessThanOrEqual(5);
  });

  it('splits a long segment into cues of at most two 42-character lines and 7 s', () => {
    const cues = captionCues({ duration: 20, segments: [{ start: 1, end: 19, text: longSentence, confidence: 0.9 }] });
    expect(cues.length).toBeGreaterThan(2);
    expect(cues.map((cue) => cue.lines.join(' ')).join(' ')).toBe(longSentence);
    for (const [index, cue] of cues.entries()) {
      expect(cue.lines.length).toBeLessThanOrEqual(2);
      for (const line of cue.lines) expect(line.length).toBeLessThanOrEqual(42);
      expect(cue.end - cue.start).toBeLessThanOrEqual(7);
      if (cues[index + 1]) expect(cue.end).toBeLessThanOrEqual(cues[index + 1].start);
    }
  });

  it('keeps a short cue on screen 1 s, but never over the next one', () => {
    const cues = captionCues({
      duration: 10,
      segments: [
        { start: 1, end: 1.3, text: 'Yes.', confidence: 1 },
        { start: 1.6, end: 2, text: 'No.', confidence: 1 },
        { start: 5, end: 5.2, text: 'Maybe.', confidence: 1 },
      ],
    });
    expect(cues.map(({ start, end }) => [start, end])).toEqual([[1, 1.6], [1.6, 2.6], [5, 6]]);
  });

  it('uses the recognizer\'s word times only when they cover the segment', () => {
    const segment = { start: 0, end: 4, text: 'alpha beta', confidence: 1 };
    const timed = captionCues({ duration: 4, segments: [segment], words: [{ word: 'alpha', start: 0, end: 0.5 }, { word: 'beta', start: 3, end: 3.5 }] });
    expect(timed[0]).toMatchObject({ start: 0, end: 3.5 });
    const partial = captionCues({ duration: 4, segments: [segment], words: [{ word: 'alpha', start: 0, end: 0.5 }] });
    expect(partial[0].lines).toEqual(['alpha beta']);
  });
});

describe('subtitle formats', () => {
  const cues = [{ start: 0.5, end: 2, lines: ['Hello <world> & you', 'second line'] }, { start: 3661.25, end: 3663, lines: ['an hour later --> on'] }];

  it('writes WebVTT and SRT that parse back to the same cues', () => {
    expect(timestamp(3661.25, '.')).toBe('01:01:01.250');
    expect(timestamp(0.0005, ',')).toBe('00:00:00,001');
    const vtt = parseWebVtt(toWebVtt(cues));
    const srt = parseSrt(toSrt(cues));
    expect(vtt.map(({ start, end }) => [start, end])).toEqual([[0.5, 2], [3661.25, 3663]]);
    expect(srt.map(({ start, end }) => [start, end])).toEqual([[0.5, 2], [3661.25, 3663]]);
    expect(vtt[0].payload).toBe('Hello &lt;world> &amp; you\nsecond line');
    expect(vtt[1].payload).not.toContain('-->');
    expect(srt[0].payload).toBe('Hello <world> & you\nsecond line');
  });
});

describe('chapter planning', () => {
  it('keeps the strongest boundaries that leave every chapter the minimum length', () => {
    const candidates = [
      { time: 10, strength: 1.8, source: 'scene' as const },
      { time: 12, strength: 1.3, source: 'scene' as const },
      { time: 31, strength: 0.4, source: 'pause' as const },
      { time: 58, strength: 1.9, source: 'scene' as const },
    ];
    expect(planChapters(candidates, { duration: 60, minDuration: 10, maxChapters: 10 })).toEqual([
      { start: 0, end: 10 }, { start: 10, end: 31 }, { start: 31, end: 60 },
    ]);
    expect(planChapters(candidates, { duration: 60, minDuration: 10, maxChapters: 2 })).toEqual([{ start: 0, end: 10 }, { start: 10, end: 60 }]);
    expect(planChapters([], { duration: 5, minDuration: 10, maxChapters: 10 })).toEqual([{ start: 0, end: 5 }]);
  });

  it('turns long pauses between segments into candidates at their middle', () => {
    const segments = [{ start: 0, end: 4 }, { start: 4.5, end: 9 }, { start: 12, end: 15 }];
    expect(pauseCandidates(segments, 1.5)).toEqual([{ time: 10.5, strength: 0.3, source: 'pause' }]);
  });
});

describe('key phrases', () => {
  it('ranks content words by frequency, then first appearance', () => {
    expect(keyPhrases('Welcome to the kitchen. Today we make chocolate cookies, chocolate cake and the kitchen\'s best cookies.', 4))
      .toEqual(['kitchen', 'chocolate', 'cookies', 'cake']);
  });
});

describe('provider configuration', () => {
  it('needs OPENAI_BASE_URL for a capability set to openai, and names it', () => {
    expect(() => loadConfig({ SPEECH_PROVIDER: 'openai' })).toThrow(/OPENAI_BASE_URL: required by SPEECH_PROVIDER=openai/);
    expect(loadConfig({}).ai.providers).toEqual({ speech: 'embedded', moderation: 'embedded', description: 'embedded', chat: 'none' });
    expect(loadConfig({ OPENAI_BASE_URL: 'http://127.0.0.1:1/v1' }).ai.providers.chat).toBe('openai');
  });
});

describe('uuidv7', () => {
  it('sorts in creation order within one millisecond', async () => {
    const { uuidv7 } = await import('../src/tasks/uuid.js');
    const ids = Array.from({ length: 5000 }, () => uuidv7());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids.slice(0, 10)) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
