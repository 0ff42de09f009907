import { TaskError } from '../errors/task-error.js';

/** A trim as the options give it, in seconds of the input. The kinds refuse end with duration. */
export interface TimeWindowRequest {
  start?: number;
  end?: number;
  duration?: number;
}

/** Where to seek (`-ss start`) and how much to keep (`-t length`); null length runs to the end. */
export interface TimeWindow {
  start: number;
  length: number | null;
}

/**
 * The part of the input to keep, clamped to the input when its duration is known. Throws
 * INPUT_UNSUPPORTED when nothing is left (start at or past the end, or end before start).
 */
export function resolveTimeWindow(request: TimeWindowRequest, inputDuration: number | null): TimeWindow {
  const start = Math.max(0, request.start ?? 0);
  const requested = request.end !== undefined ? request.end - start : (request.duration ?? null);
  const remaining = inputDuration === null ? null : inputDuration - start;
  if ((remaining !== null && remaining <= 0) || (requested !== null && requested <= 0)) {
    const end = request.end !== undefined ? `end ${request.end} s` : `the end of the input (${inputDuration} s)`;
    throw new TaskError('INPUT_UNSUPPORTED', `Nothing to keep between start ${start} s and ${end}`);
  }
  if (requested === null) return { start, length: null };
  return { start, length: remaining === null ? requested : Math.min(requested, remaining) };
}

/** Seconds the output will last, for progress; null when neither the window nor the input says. */
export function expectedOutputDuration(window: TimeWindow, inputDuration: number | null): number | null {
  if (window.length !== null) return window.length;
  return inputDuration === null ? null : Math.max(0, inputDuration - window.start);
}

/** ffmpeg arguments for the window: input options (seek before `-i`) and output options. */
export function timeWindowArguments(window: TimeWindow): { input: string[]; output: string[] } {
  // Before -i, -ss seeks to the keyframe before and decodes up to the exact time (frame-accurate
  // when re-encoding, since ffmpeg 2.1); timestamps then start at 0, so -t counts output time.
  return {
    input: window.start > 0 ? ['-ss', seconds(window.start)] : [],
    output: window.length !== null ? ['-t', seconds(window.length)] : [],
  };
}

function seconds(value: number): string {
  return String(Math.round(value * 1e6) / 1e6);
}
