// Where chapters start: scene cuts and long speech pauses are candidate boundaries; the strongest
// are kept as long as every chapter lasts at least the minimum.
export interface ChapterRange {
  start: number;
  end: number;
}

export interface BoundaryCandidate {
  time: number;
  /** Higher wins when two candidates are closer than the minimum chapter length. */
  strength: number;
  source: 'scene' | 'pause';
}

export interface ChapterPlanOptions {
  duration: number;
  minDuration: number;
  maxChapters: number;
}

export function planChapters(candidates: BoundaryCandidate[], options: ChapterPlanOptions): ChapterRange[] {
  const { duration, minDuration, maxChapters } = options;
  const accepted: number[] = [];
  const strongestFirst = [...candidates].sort((a, b) => b.strength - a.strength || a.time - b.time);
  for (const candidate of strongestFirst) {
    if (accepted.length + 1 >= maxChapters) break;
    const fits = [0, duration, ...accepted].every((boundary) => Math.abs(boundary - candidate.time) >= minDuration);
    if (fits) accepted.push(candidate.time);
  }
  const boundaries = [0, ...accepted.sort((a, b) => a - b), duration];
  return boundaries.slice(0, -1).map((start, index) => ({ start: round(start), end: round(boundaries[index + 1]) }));
}

/** Scene cuts as candidates: a cut outranks any pause, sharper cuts first. */
export function sceneCandidates(cuts: Array<{ time: number; score: number }>): BoundaryCandidate[] {
  return cuts.map((cut) => ({ time: cut.time, strength: 1 + cut.score, source: 'scene' }));
}

/** Gaps between consecutive speech segments at least `minPause` long, as candidates at their middle. */
export function pauseCandidates(segments: Array<{ start: number; end: number }>, minPause: number): BoundaryCandidate[] {
  const candidates: BoundaryCandidate[] = [];
  for (let index = 1; index < segments.length; index++) {
    const gap = segments[index].start - segments[index - 1].end;
    // A scene cut is the stronger signal; a pause counts more the longer it is.
    if (gap >= minPause) candidates.push({ time: segments[index - 1].end + gap / 2, strength: Math.min(0.9, gap / 10), source: 'pause' });
  }
  return candidates;
}

const round = (seconds: number) => Math.round(seconds * 1000) / 1000;
