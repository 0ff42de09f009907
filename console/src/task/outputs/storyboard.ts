// The storyboard track (thumbnails kind, storyboard mode): WebVTT cues whose text names a sprite
// sheet and the tile in it, e.g. storyboard_001.jpg#xywh=160,0,160,90. Sheets are resolved against
// the track's own URL, as a player would.
import { parseVtt } from './vtt.js';

export interface StoryboardTile {
  start: number;
  end: number;
  /** The sprite sheet's absolute URL. */
  sheet: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

const fragment = /#xywh=(\d+),(\d+),(\d+),(\d+)\s*$/;

export function parseStoryboard(source: string, trackUrl: string): StoryboardTile[] {
  const tiles: StoryboardTile[] = [];
  for (const cue of parseVtt(source)) {
    const match = fragment.exec(cue.text);
    if (!match) continue;
    const [x, y, width, height] = match.slice(1).map(Number);
    const sheet = new URL(cue.text.slice(0, match.index), trackUrl).href;
    tiles.push({ start: cue.start, end: cue.end, sheet, x, y, width, height });
  }
  return tiles.sort((a, b) => a.start - b.start);
}
