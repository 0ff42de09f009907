// Option pieces several kinds share, so they read and validate the same everywhere.
import colourModule, { type ColorConstructor } from '@img/colour';
import { z } from 'zod';
import type { MediaFacts } from '../media/probe-media.js';

// The package's types describe its ESM shape; at runtime the default import is the function.
const Colour = colourModule as unknown as ColorConstructor;

/** Accepts what sharp and our ffmpeg colour conversion accept: both parse with this library. */
function isColour(value: string): boolean {
  try {
    Colour(value);
    return true;
  } catch {
    return false;
  }
}

export const colourOption = (description: string) =>
  z.string().refine(isColour, 'expected a CSS colour such as #000000, white or transparent').default('#000000').describe(description);

export const fits = ['contain', 'cover', 'fill'] as const;
export const positions = ['center', 'top', 'bottom', 'left', 'right', 'top_left', 'top_right', 'bottom_left', 'bottom_right'] as const;

export const qualityPresets = ['very_low', 'low', 'medium', 'high', 'very_high'] as const;
export const qualityOption = (description: string) =>
  z.union([z.number().int().min(0).max(100), z.enum(qualityPresets)])
    .meta({ graphqlType: 'Quality' })
    .default('medium')
    .describe(description);

/** start / end / duration, in seconds of the input. */
export const timeWindowFields = {
  start: z.number().min(0).optional().describe('Where the output starts, in seconds of the input.'),
  end: z.number().positive().optional().describe('Where the output ends, in seconds of the input. Give end or duration, not both.'),
  duration: z.number().positive().optional().describe('How long the output lasts, in seconds. Give end or duration, not both.'),
};

interface TimeWindow { start?: number; end?: number; duration?: number }

/** A zod refinement: end after start, not both end and duration. */
export function checkTimeWindow(window: TimeWindow, context: z.RefinementCtx): void {
  if (window.end !== undefined && window.duration !== undefined) {
    context.addIssue({ code: 'custom', path: ['duration'], message: 'give end or duration, not both' });
  }
  if (window.end !== undefined && window.end <= (window.start ?? 0)) {
    context.addIssue({ code: 'custom', path: ['end'], message: `end (${window.end} s) must be after start (${window.start ?? 0} s)` });
  }
}

/** Why the input cannot give this window (it starts past the end), or null. */
export function windowOutsideInput(window: TimeWindow, facts: MediaFacts): string | null {
  if (facts.duration === null || window.start === undefined) return null;
  return window.start >= facts.duration ? `start (${window.start} s) is at or past the end of the input (${facts.duration.toFixed(2)} s).` : null;
}

/** A filename for an output: the input's base name with a new extension. */
export function outputFilename(inputPath: string, extension: string, fallback: string): string {
  const base = inputPath.split('/').pop()!.replace(/\.[^.]*$/, '');
  return `${base || fallback}.${extension}`;
}

/** ffmpeg-heavy kinds: half the cores at once, so each job gets two or more threads. */
export const halfTheCores = (cores: number) => Math.max(1, Math.floor(cores / 2));
