// Small readers for the text formats tests check: HLS playlists and WebVTT.

export interface PlaylistEntry { tags: Record<string, string>; uri: string; duration?: number }
export interface Playlist { lines: string[]; entries: PlaylistEntry[]; tags: string[] }

/** Parses an m3u8: each URI with the tag attributes (STREAM-INF) or EXTINF duration before it. */
export function parsePlaylist(text: string): Playlist {
  const lines = text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  if (lines[0] !== '#EXTM3U') throw new Error('not an m3u8 playlist');
  const entries: PlaylistEntry[] = [];
  let pending: Omit<PlaylistEntry, 'uri'> = { tags: {} };
  for (const line of lines) {
    if (line.startsWith('#EXT-X-STREAM-INF:')) pending.tags = parseAttributes(line.slice('#EXT-X-STREAM-INF:'.length));
    else if (line.startsWith('#EXTINF:')) pending.duration = Number(line.slice('#EXTINF:'.length).split(',')[0]);
    else if (!line.startsWith('#')) {
      entries.push({ ...pending, uri: line });
      pending = { tags: {} };
    }
  }
  return { lines, entries, tags: lines.filter((line) => line.startsWith('#')) };
}

function parseAttributes(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of text.matchAll(/([A-Z0-9-]+)=("[^"]*"|[^,]*)/g)) attributes[match[1]] = match[2].replace(/^"|"$/g, '');
  return attributes;
}

export interface Cue { start: number; end: number; payload: string }

/** Parses WebVTT cues; throws on a malformed file. */
export function parseWebVtt(text: string): Cue[] {
  const blocks = text.replace(/\r/g, '').split(/\n\n+/);
  if (!blocks[0].startsWith('WEBVTT')) throw new Error('not a WebVTT file');
  const cues: Cue[] = [];
  for (const block of blocks.slice(1)) {
    const lines = block.split('\n').filter(Boolean);
    const timingIndex = lines.findIndex((line) => line.includes('-->'));
    if (timingIndex < 0) continue;
    const [start, end] = lines[timingIndex].split('-->').map((part) => parseTimestamp(part.trim().split(/\s+/)[0]));
    cues.push({ start, end, payload: lines.slice(timingIndex + 1).join('\n') });
  }
  return cues;
}

export function parseTimestamp(value: string): number {
  const match = /^(?:(\d+):)?(\d{2}):(\d{2})[.,](\d{3})$/.exec(value);
  if (!match) throw new Error(`bad timestamp ${value}`);
  return Number(match[1] ?? 0) * 3600 + Number(match[2]) * 60 + Number(match[3]) + Number(match[4]) / 1000;
}

/** Parses SubRip: numbered blocks, `HH:MM:SS,mmm --> HH:MM:SS,mmm`, text lines; throws on a malformed block. */
export function parseSrt(text: string): Cue[] {
  const blocks = text.replace(/\r/g, '').trim().split(/\n\n+/).filter(Boolean);
  return blocks.map((block, index) => {
    const [number, timing, ...lines] = block.split('\n');
    const match = /^(\d\d:\d\d:\d\d,\d{3}) --> (\d\d:\d\d:\d\d,\d{3})$/.exec(timing ?? '');
    if (Number(number) !== index + 1 || !match || lines.length === 0) throw new Error(`malformed SRT block ${index + 1}: ${block}`);
    return { start: parseTimestamp(match[1].replace(',', '.')), end: parseTimestamp(match[2].replace(',', '.')), payload: lines.join('\n') };
  });
}
