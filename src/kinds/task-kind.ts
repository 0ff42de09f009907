// The contract every task kind fulfils: typed options (the source of the GraphQL input type and
// of validation), an input check, and a handler that reports progress and returns outputs.
import type { z } from 'zod';
import type { MediaJobContext } from '../media/ffmpeg-process.js';
import type { MediaFacts } from '../media/probe-media.js';
import type { Intelligence, IntelligenceCapabilities } from '../ml/intelligence.js';
import type { AnalysisOptions, CachedTranscript, TranscriptRequest } from '../ml/providers.js';

export const outputKinds = ['video', 'image', 'audio', 'playlist', 'subtitles', 'chapters', 'thumbnails', 'json'] as const;
export type OutputKind = (typeof outputKinds)[number];

export interface ProducedOutput {
  /** A file in the task's work folder; the lifecycle moves it into storage. */
  path: string;
  /** Where it goes among the task's outputs, when files refer to each other (e.g. `720p/index.m3u8`); default: filename. */
  relativePath?: string;
  kind: OutputKind;
  filename: string;
  mimeType: string;
  width?: number | null;
  height?: number | null;
  duration?: number | null;
  fps?: number | null;
  bitrate?: number | null;
  codecs?: string[];
}

export interface TaskRunResult<Result = unknown> {
  /** The primary output first (e.g. the master playlist of an HLS ladder). */
  outputs: ProducedOutput[];
  /** Structured result, of the shape the kind's `result` schema declares. */
  result?: Result;
}

export interface TaskRunContext<Options> {
  taskId: string;
  options: Options;
  input: { path: string; facts: MediaFacts };
  /** An empty folder for this attempt, removed afterwards. */
  workDir: string;
  /** Aborted on cancel, on job expiry and on worker shutdown: stop promptly. */
  signal: AbortSignal;
  /** ffmpeg, ffprobe, this task's thread budget and its signal, for the media functions. */
  media: MediaJobContext;
  limits: { maxImagePixels: number };
  /** 0–100; the lifecycle throttles what it writes and publishes. */
  reportProgress(percent: number): void;
  /** The configured models and providers (loaded on first use). */
  intelligence: Intelligence;
  /** The input's transcript, computed once per input content and recognizer. */
  transcript(request: TranscriptRequest, options: AnalysisOptions): Promise<CachedTranscript>;
}

/** A reason createTask refuses options the configured providers cannot serve. */
export interface CapabilityProblem {
  /** The option at fault, relative to the kind's options (e.g. `speakers`), or null for the kind itself. */
  option: string | null;
  message: string;
}

export interface TaskKind<Schema extends z.ZodObject = z.ZodObject, Result extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  /** Options with descriptions and defaults: validated at createTask, shown in GraphiQL. */
  options: Schema;
  /**
   * The shape of `result`, every field described: the source of the kind's GraphQL result type
   * (Task.typedResult) and the type its handler must return. Absent for kinds whose outputs are
   * files only.
   */
  result?: Result;
  /** Fills defaults that depend on other options (e.g. the codec of a format). */
  completeOptions?(options: z.output<Schema>): z.output<Schema>;
  /** Refuses an input this kind cannot use with these options; returns the reason, or null. */
  unsupportedInput(facts: MediaFacts, options: z.output<Schema>): string | null;
  /**
   * The size of the largest picture these options make of this input, to hold it to
   * MAX_OUTPUT_PIXELS: at createTask (no facts yet) only a size the options give outright, at
   * validation also one derived from the input's aspect. Null when the options leave it open.
   */
  outputSize?(options: z.output<Schema>, facts: MediaFacts | null): PictureSize | null;
  /** A cap below MAX_OUTPUT_PIXELS that this kind's output never exceeds (video: 8K UHD). */
  maxOutputPixels?: number;
  /** Refuses, at createTask, options the configured providers cannot serve. */
  checkCapabilities?(options: z.output<Schema>, capabilities: IntelligenceCapabilities): CapabilityProblem | null;
  /** Tasks of this kind one worker process runs at once, unless configured; cores by default. */
  defaultConcurrency?(cores: number): number;
  run(context: TaskRunContext<z.output<Schema>>): Promise<TaskRunResult<z.input<Result>>>;
}

export interface PictureSize {
  width: number;
  height: number;
}

/**
 * What width/height options make of a picture of `source` (display pixels): both sides as given,
 * or one side with the other keeping the aspect; the source's own size with neither.
 */
export function requestedSize(options: { width?: number; height?: number }, source: PictureSize | null): PictureSize | null {
  const { width, height } = options;
  if (width && height) return { width, height };
  if (!source) return null;
  if (width) return { width, height: Math.round((width * source.height) / source.width) };
  if (height) return { width: Math.round((height * source.width) / source.height), height };
  return source;
}

/** The display size of an input, when it has one. */
export function pictureOf(facts: MediaFacts | null): PictureSize | null {
  return facts?.width && facts.height ? { width: facts.width, height: facts.height } : null;
}

/** Why these options would make a picture over the limit (the kind's own cap, if lower), or null. */
export function outputTooLarge(kind: TaskKind, options: Record<string, unknown>, facts: MediaFacts | null, maxOutputPixels: number): string | null {
  const size = kind.outputSize?.(options, facts);
  const limit = Math.min(maxOutputPixels, kind.maxOutputPixels ?? Infinity);
  if (!size || size.width * size.height <= limit) return null;
  const megapixels = (pixels: number) => `${Math.round(pixels / 1e5) / 10} MP`;
  return `The output would be ${size.width} x ${size.height} = ${megapixels(size.width * size.height)}, over the ${megapixels(limit)} limit of ${kind.name} outputs${limit === maxOutputPixels ? ' (MAX_OUTPUT_PIXELS)' : ''}.`;
}

export type ParsedOptions =
  | { success: true; options: Record<string, unknown> }
  | { success: false; issues: z.core.$ZodIssue[] };

/**
 * A kind's options as a caller gave them, validated strictly (no unknown fields), defaults and
 * dependent defaults filled. GraphQL passes absent optional fields as undefined or null; both
 * mean "use the default".
 */
export function parseKindOptions(kind: TaskKind, given: Record<string, unknown>): ParsedOptions {
  const present = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== null && value !== undefined));
  const parsed = kind.options.strict().safeParse(present);
  if (!parsed.success) return { success: false, issues: parsed.error.issues };
  return { success: true, options: kind.completeOptions ? kind.completeOptions(parsed.data) : parsed.data };
}

/** Keeps the option and result types of a kind's handler tied to its schemas. */
export function defineTaskKind<Schema extends z.ZodObject, Result extends z.ZodType = z.ZodNever>(kind: TaskKind<Schema, Result>): TaskKind<Schema, Result> {
  return kind;
}
