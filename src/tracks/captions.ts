// Turns a transcript into caption cues that follow common captioning conventions (BBC, Netflix
// timed-text guides): at most two lines of about 42 characters, on screen 1–7 s, never
// overlapping, lines broken at word boundaries, a cue never spanning a pause between segments.
import type { Transcript, TranscriptWord } from '../ml/providers.js';

export interface CaptionCue {
  start: number;
  end: number;
  /** One or two lines. */
  lines: string[];
}

export interface CaptionRules {
  maxLineLength: number;
  maxLines: number;
  minDuration: number;
  maxDuration: number;
}

export const defaultCaptionRules: CaptionRules = { maxLineLength: 42, maxLines: 2, minDuration: 1, maxDuration: 7 };

export function captionCues(transcript: Pick<Transcript, 'segments' | 'words' | 'duration'>, rules: CaptionRules = defaultCaptionRules): CaptionCue[] {
  const cues: CaptionCue[] = [];
  for (const segment of transcript.segments) {
    const words = wordsOf(segment, transcript.words);
    let group: TranscriptWord[] = [];
    for (const word of words) {
      const candidate = [...group, word];
      const tooLong = layoutLines(candidate.map((w) => w.word), rules.maxLineLength).length > rules.maxLines;
      const tooSlow = group.length > 0 && word.end - group[0].start > rules.maxDuration;
      if (group.length > 0 && (tooLong || tooSlow)) {
        cues.push(cueOf(group, rules));
        group = [word];
      } else {
        group = candidate;
      }
    }
    if (group.length > 0) cues.push(cueOf(group, rules));
  }
  return settleTimes(cues, rules, transcript.duration);
}

/** Words of a segment with times: the recognizer's when it gave them, else spread by length. */
function wordsOf(segment: Transcript['segments'][number], words: TranscriptWord[] | undefined): TranscriptWord[] {
  const tokens = segment.text.split(/\s+/).filter(Boolean);
  const timed = words?.filter((word) => word.start >= segment.start - 0.01 && word.end <= segment.end + 0.01);
  // Only when they account for the whole segment: some providers time a subset of the words.
  if (timed && timed.length === tokens.length) return timed;
  const totalLength = tokens.reduce((sum, token) => sum + token.length + 1, 0);
  const span = segment.end - segment.start;
  let cursor = segment.start;
  return tokens.map((token) => {
    const length = ((token.length + 1) / totalLength) * span;
    const word = { word: token, start: cursor, end: cursor + length };
    cursor += length;
    return word;
  });
}

function cueOf(words: TranscriptWord[], rules: CaptionRules): CaptionCue {
  return { start: words[0].start, end: words.at(-1)!.end, lines: layoutLines(words.map((word) => word.word), rules.maxLineLength) };
}

/** Greedy lines, then balanced: two lines of similar length read better than a long and a short one. */
export function layoutLines(words: string[], maxLineLength: number): string[] {
  const text = words.join(' ');
  if (text.length <= maxLineLength) return [text];
  let best: string[] | null = null;
  for (let split = 1; split < words.length; split++) {
    const lines = [words.slice(0, split).join(' '), words.slice(split).join(' ')];
    if (lines.some((line) => line.length > maxLineLength)) continue;
    if (!best || Math.abs(lines[0].length - lines[1].length) < Math.abs(best[0].length - best[1].length)) best = lines;
  }
  if (best) return best;
  // More than two lines' worth: greedy fill (callers split the cue when this exceeds maxLines).
  const lines: string[] = [];
  for (const word of words) {
    const last = lines.at(-1);
    if (last !== undefined && (last + ' ' + word).length <= maxLineLength) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** Extends short cues into the following silence (never into the next cue) and caps long ones. */
function settleTimes(cues: CaptionCue[], rules: CaptionRules, duration: number): CaptionCue[] {
  return cues.map((cue, index) => {
    const nextStart = cues[index + 1]?.start ?? Math.max(duration, cue.end);
    let end = Math.max(cue.end, Math.min(cue.start + rules.minDuration, nextStart));
    end = Math.min(end, cue.start + rules.maxDuration, nextStart);
    return { ...cue, start: round(cue.start), end: round(end) };
  });
}

const round = (seconds: number) => Math.round(seconds * 1000) / 1000;
