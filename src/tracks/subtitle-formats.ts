// WebVTT and SubRip writers for caption and chapter cues.
import type { CaptionCue } from './captions.js';

export type SubtitleFormat = 'vtt' | 'srt';

export const subtitleFormats: Record<SubtitleFormat, { extension: string; mimeType: string }> = {
  vtt: { extension: 'vtt', mimeType: 'text/vtt' },
  srt: { extension: 'srt', mimeType: 'application/x-subrip' },
};

export function toWebVtt(cues: CaptionCue[]): string {
  const blocks = cues.map((cue, index) => `${index + 1}\n${timestamp(cue.start, '.')} --> ${timestamp(cue.end, '.')}\n${cue.lines.map(escapeVtt).join('\n')}`);
  return ['WEBVTT', ...blocks].join('\n\n') + '\n';
}

export function toSrt(cues: CaptionCue[]): string {
  return cues.map((cue, index) => `${index + 1}\n${timestamp(cue.start, ',')} --> ${timestamp(cue.end, ',')}\n${cue.lines.join('\n')}\n`).join('\n');
}

/** `HH:MM:SS.mmm` (WebVTT) or `HH:MM:SS,mmm` (SRT). */
export function timestamp(seconds: number, separator: '.' | ','): string {
  const milliseconds = Math.round(seconds * 1000);
  const hours = Math.floor(milliseconds / 3_600_000);
  const minutes = Math.floor(milliseconds / 60_000) % 60;
  const secs = Math.floor(milliseconds / 1000) % 60;
  const pad = (value: number, length = 2) => String(value).padStart(length, '0');
  return `${pad(hours)}:${pad(minutes)}:${pad(secs)}${separator}${pad(milliseconds % 1000, 3)}`;
}

// A cue payload must not contain "-->" and "&" / "<" start entities and tags.
function escapeVtt(line: string): string {
  return line.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/-->/g, '->');
}
