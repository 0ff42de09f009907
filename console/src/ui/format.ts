// How numbers and errors read on screen: sizes, durations, times, a failed call.
import { MediaTasksError } from '@mediatasks/client';

/** A failed call as a line for people: the server's code and message. */
export function describeError(error: unknown): string {
  return error instanceof MediaTasksError ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error);
}

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes == null) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** Seconds as 1:05 or 1:02:05 (media times). */
export function formatMediaTime(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return '—';
  const whole = Math.max(0, Math.floor(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** A span of work: 850 ms, 4.2 s, 3 min 10 s. */
export function formatDuration(milliseconds: number | null | undefined): string {
  if (milliseconds == null || !Number.isFinite(milliseconds)) return '—';
  if (milliseconds < 1000) return `${Math.round(milliseconds)} ms`;
  const seconds = milliseconds / 1000;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** The time between two ISO times (or until now while the second is missing). */
export function elapsed(from: string | null | undefined, to: string | null | undefined, now = Date.now()): number | null {
  if (!from) return null;
  // The page's clock ticks once a second: a start newer than the last tick is 0, not negative.
  return Math.max(0, (to ? Date.parse(to) : now) - Date.parse(from));
}

export function formatClock(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

/** IMAGE → image, ADAPTIVE_VIDEO → adaptive video. */
export function kindLabel(kind: string): string {
  return kind.toLowerCase().replace(/_/g, ' ');
}

/** What a task's input is called on screen: its filename, else its URL's last part. */
export function inputName(task: { input?: { filename?: string | null } | null; url?: string | null; kind: string }): string {
  if (task.input?.filename) return task.input.filename;
  if (task.url) {
    try {
      const last = new URL(task.url).pathname.split('/').filter(Boolean).pop();
      if (last) return decodeURIComponent(last);
    } catch {
      return task.url;
    }
    return task.url;
  }
  return 'upload';
}
