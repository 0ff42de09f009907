// The dominant text of a set of frames: the same line read on several frames, large and
// confidently, wins (a title over a scene beats a small caption seen once).
import type { TextLine } from '../providers.js';

export interface ReadText {
  text: string;
  /** Sum over the frames of line height × confidence. */
  weight: number;
  confidence: number;
}

export function rankOnScreenText(framesLines: TextLine[][], minConfidence = 0.6): ReadText[] {
  const byText = new Map<string, ReadText>();
  for (const lines of framesLines) {
    for (const line of lines) {
      const text = line.text.replace(/\s+/g, ' ').trim();
      if (line.confidence < minConfidence || text.replace(/[^\p{L}\p{N}]/gu, '').length < 2) continue;
      const key = text.toLowerCase();
      const entry = byText.get(key) ?? { text, weight: 0, confidence: 0 };
      entry.weight += line.box.height * line.confidence;
      entry.confidence = Math.max(entry.confidence, line.confidence);
      byText.set(key, entry);
    }
  }
  return [...byText.values()].sort((a, b) => b.weight - a.weight);
}
