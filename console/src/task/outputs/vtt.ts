// A small WebVTT reader: the cues' times and text. Enough for our own files (captions, the
// storyboard track); settings after the times and NOTE/STYLE blocks are skipped.
export interface VttCue {
  start: number;
  end: number;
  text: string;
}

const timing = /^\s*((?:\d+:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?)\s+-->\s+((?:\d+:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?)/;

/** 01:02:03.500 or 02:03.5 → seconds. */
export function vttTime(text: string): number {
  const parts = text.replace(',', '.').split(':').map(Number);
  return parts.reduce((total, part) => total * 60 + part, 0);
}

export function parseVtt(source: string): VttCue[] {
  const cues: VttCue[] = [];
  const blocks = source.replace(/\r\n?/g, '\n').split(/\n{2,}/);
  for (const block of blocks) {
    const lines = block.split('\n');
    const at = lines.findIndex((line) => timing.test(line));
    if (at < 0) continue;
    const [, start, end] = timing.exec(lines[at])!;
    const text = lines.slice(at + 1).join('\n').trim();
    cues.push({ start: vttTime(start), end: vttTime(end), text });
  }
  return cues;
}

/** The cue playing at `time` (cues in time order), or null. */
export function cueAt<Cue extends { start: number; end: number }>(cues: readonly Cue[], time: number): Cue | null {
  let low = 0;
  let high = cues.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const cue = cues[middle];
    if (time < cue.start) high = middle - 1;
    else if (time >= cue.end) low = middle + 1;
    else return cue;
  }
  return null;
}
