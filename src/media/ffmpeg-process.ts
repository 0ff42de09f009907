import { execFile, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import ffmpeg, { type FfmpegCommand } from 'fluent-ffmpeg';
import { TaskError } from '../errors/task-error.js';
import { withSpan, type Span } from '../tracing/tracing.js';
import { inputPolicyOptions, inputPolicyRefusal } from './input-policy.js';
import { probeMedia } from './probe-media.js';

const run = promisify(execFile);

/** What every media job gets from its caller: the tools, a thread budget, cancellation and progress. */
export interface MediaJobContext {
  ffmpegPath: string;
  ffprobePath: string;
  /** ffmpeg's `-threads`; 0 lets ffmpeg choose. */
  threads: number;
  signal?: AbortSignal;
  /** 0–100, only ever rising. */
  onProgress?: (percent: number) => void;
}

/** Facts of a produced file, read back from the file itself. */
export interface OutputFacts {
  mimeType: string;
  container: string;
  size: number;
  width: number | null;
  height: number | null;
  duration: number | null;
  fps: number | null;
  bitrate: number | null;
  /** Codec names of the streams as ffprobe gives them (h264, hevc, vp9, av1, aac, opus, …). */
  codecs: string[];
}

export interface FfmpegJobOptions {
  ffmpegPath: string;
  /** `-threads` for the output; 0 lets ffmpeg choose. */
  threads: number;
  signal?: AbortSignal;
  /** Seconds of output expected; progress is ffmpeg's time position against it. */
  expectedDurationSeconds: number | null;
  onProgress?: (percent: number) => void;
  /** Files the job writes: deleted when it fails or is aborted. */
  outputPaths: string[];
}

/** The job options of a media job: its context's tools, signal and progress, its expected length and files. */
export function jobOptions(context: MediaJobContext, expectedDurationSeconds: number | null, outputPaths: string[]): FfmpegJobOptions {
  return {
    ffmpegPath: context.ffmpegPath,
    threads: context.threads,
    signal: context.signal,
    onProgress: context.onProgress,
    expectedDurationSeconds,
    outputPaths,
  };
}

/**
 * Runs one ffmpeg command built by `setup` (inputs, outputs and their options) through
 * fluent-ffmpeg. Reports progress from ffmpeg's `time=` against the expected duration (fluent's
 * own percentages would run ffprobe on the input again). Aborting `signal` kills ffmpeg with
 * SIGKILL, deletes the outputs and rejects with the abort reason; a failure rejects with the
 * last lines ffmpeg wrote to stderr.
 */
export function runFfmpegJob(setup: (command: FfmpegCommand) => void, options: FfmpegJobOptions): Promise<void> {
  return withSpan('ffmpeg', {}, (span) => runFfmpegCommand(setup, options, span));
}

async function runFfmpegCommand(setup: (command: FfmpegCommand) => void, options: FfmpegJobOptions, span: Span): Promise<void> {
  const { signal } = options;
  signal?.throwIfAborted();
  const inputPolicy = await inputPolicyOptions(options.ffmpegPath);
  // fluent-ffmpeg keeps the binary path module-wide: one ffmpeg per process, as the server has.
  const command = ffmpeg().setFfmpegPath(options.ffmpegPath);
  setup(command);
  // Here, not in each `setup`, so that no input goes without it.
  for (const input of inputsOf(command)) input.options(...inputPolicy);
  // Global options may sit anywhere before the output name. `-v error -stats` leaves stderr
  // with only errors and the progress lines; -nostdin stops ffmpeg reading keys from its pipe.
  command.outputOptions(['-threads', String(options.threads), '-hide_banner', '-nostdin', '-v', 'error', '-stats']);

  const progress = progressReporter(options.expectedDurationSeconds, options.onProgress);
  const messages: string[] = [];
  command.on('stderr', (line: string) => {
    if (progress.read(line)) return;
    const message = line.trim();
    if (message) messages.push(message);
    if (messages.length > 20) messages.shift();
  });

  const processOf = () => (command as unknown as { ffmpegProc?: ChildProcess }).ffmpegProc;
  const kill = () => processOf()?.kill('SIGKILL');
  // Aborted before fluent-ffmpeg has spawned ffmpeg (it first lists formats): kill on start.
  command.on('start', (commandLine: string) => {
    // The arguments one by one (fluent-ffmpeg's, not public): a path may hold spaces.
    const args = (command as unknown as { _getArguments?: () => string[] })._getArguments?.() ?? commandLine.split(' ').slice(1);
    span.setAttribute('ffmpeg.args', argumentShape(args));
    if (signal?.aborted) kill();
  });
  signal?.addEventListener('abort', kill, { once: true });

  try {
    await new Promise<void>((resolve, reject) => {
      command.on('end', () => resolve());
      command.on('error', (error: Error) => reject(error));
      command.run();
    });
  } catch (error) {
    await removeFiles(options.outputPaths);
    if (signal?.aborted) throw signal.reason;
    const refusal = inputPolicyRefusal(messages.join('\n'));
    if (refusal) throw refusal;
    throw new Error(`ffmpeg failed: ${errorSummary(messages) || (error as Error).message}`, { cause: error });
  } finally {
    signal?.removeEventListener('abort', kill);
  }
  if (signal?.aborted) {
    await removeFiles(options.outputPaths);
    throw signal.reason;
  }
  progress.finish();
}

/**
 * ffmpeg's arguments as one line with every absolute path, alone or inside a filter, made
 * `<path>`: what a run did (codecs, filters, seeks) without the names of the files it read.
 * The input policy's format list, the same on every run, is shortened to `<allowed>`.
 */
export function argumentShape(args: readonly unknown[]): string {
  return args.map(String)
    .map((arg, index) => args[index - 1] === '-format_whitelist' ? '<allowed>' : arg)
    .map((arg) => arg.startsWith('/') ? '<path>' : arg.replace(/(^|[\s=:,;'"])\/[^\s'",;:]*/g, '$1<path>'))
    .join(' ').slice(0, 2000);
}

/** fluent-ffmpeg's inputs (not its public API): each has the options written before its `-i`. */
function inputsOf(command: FfmpegCommand): Array<{ options: (...args: string[]) => void }> {
  const inputs = (command as unknown as { _inputs?: Array<{ options: (...args: string[]) => void }> })._inputs;
  if (!Array.isArray(inputs)) throw new Error('fluent-ffmpeg has no _inputs: the input policy cannot be applied');
  return inputs;
}

function progressReporter(expectedSeconds: number | null, onProgress?: (percent: number) => void) {
  let last = -1;
  const report = (percent: number) => {
    const clamped = Math.min(100, Math.max(0, percent));
    if (clamped <= last) return;
    last = clamped;
    onProgress?.(clamped);
  };
  return {
    /** True when the line was a progress line. */
    read(line: string): boolean {
      const time = /time=\s*(-?)(\d+):(\d\d):(\d\d(?:\.\d+)?)/.exec(line);
      if (!time) return /^\s*(frame|size)=/.test(line);
      const seconds = time[1] ? 0 : Number(time[2]) * 3600 + Number(time[3]) * 60 + Number(time[4]);
      if (expectedSeconds) report((seconds / expectedSeconds) * 100);
      return true;
    },
    finish: () => report(100),
  };
}

/** The last few lines ffmpeg wrote, without their `[encoder @ 0x…]` prefixes, in one line. */
function errorSummary(messages: string[]): string {
  const lines = messages.map((line) => line.replace(/^\[[^\]]+ @ 0x[0-9a-f]+\]\s*/, ''));
  return [...new Set(lines.slice(-5))].join('; ').slice(0, 500);
}

async function removeFiles(paths: string[]): Promise<void> {
  await Promise.all(paths.map((path) => rm(path, { force: true, recursive: true })));
}

// --- What the ffmpeg in use can do.

export interface FfmpegCapabilities {
  path: string;
  /** First line of `-version`, e.g. "ffmpeg version 4.1 …". */
  version: string;
  encoders: ReadonlySet<string>;
  filters: ReadonlySet<string>;
}

const capabilitiesByPath = new Map<string, Promise<FfmpegCapabilities>>();

/** The encoders and filters of an ffmpeg binary, read once per path. */
export function ffmpegCapabilities(ffmpegPath: string): Promise<FfmpegCapabilities> {
  let capabilities = capabilitiesByPath.get(ffmpegPath);
  if (!capabilities) {
    capabilities = readCapabilities(ffmpegPath);
    capabilitiesByPath.set(ffmpegPath, capabilities);
    capabilities.catch(() => capabilitiesByPath.delete(ffmpegPath));
  }
  return capabilities;
}

async function readCapabilities(ffmpegPath: string): Promise<FfmpegCapabilities> {
  const list = async (what: string) => (await run(ffmpegPath, ['-hide_banner', what], { maxBuffer: 8 * 1024 * 1024 })).stdout;
  const [version, encoders, filters] = await Promise.all([list('-version'), list('-encoders'), list('-filters')]);
  return {
    path: ffmpegPath,
    version: version.split('\n', 1)[0].trim(),
    // " V..X.. libaom-av1   libaom AV1 (codec av1)"; the legend's lines have "=" for a name.
    encoders: namesFrom(encoders, /^ [VASD][A-Z.]{5} +(\S+) /),
    // " ... scale   V->V   Scale the input video size." (4.1) or " ..C scale V->V …" (6.x).
    filters: namesFrom(filters, /^ [A-Z.]{3} +(\S+) +\S*->\S* /),
  };
}

function namesFrom(listing: string, pattern: RegExp): Set<string> {
  const names = listing.split('\n').map((line) => pattern.exec(line)?.[1]);
  return new Set(names.filter((name): name is string => Boolean(name) && name !== '='));
}

/** Throws a clear PROCESSING_FAILED when the ffmpeg in use lacks an encoder, e.g. libx265 for codec h265. */
export function requireEncoder(capabilities: FfmpegCapabilities, encoder: string, purpose: string): void {
  if (!capabilities.encoders.has(encoder)) throw missingFeature(capabilities, `${encoder} encoder`, purpose);
}

export function requireFilter(capabilities: FfmpegCapabilities, filter: string, purpose: string): void {
  if (!capabilities.filters.has(filter)) throw missingFeature(capabilities, `${filter} filter`, purpose);
}

function missingFeature(capabilities: FfmpegCapabilities, feature: string, purpose: string): TaskError {
  const version = capabilities.version.replace(/\s+Copyright.*$/, '');
  return new TaskError(
    'PROCESSING_FAILED',
    `The ffmpeg in use (${version}, ${capabilities.path}) has no ${feature}, needed for ${purpose}; install an ffmpeg that has it and set FFMPEG_PATH`,
  );
}

// --- What a job produced.

/** Facts of a written file from probing it (ffprobe, or sharp for GIF and WebP), not from the request. */
export async function probeOutput(path: string, context: Pick<MediaJobContext, 'ffprobePath' | 'signal'>): Promise<OutputFacts> {
  const facts = await probeMedia(path, { ffprobePath: context.ffprobePath, signal: context.signal });
  const codecs = facts.isImage ? [facts.container] : [facts.videoCodec, facts.audioCodec].filter((codec) => codec !== null);
  return {
    mimeType: facts.mimeType,
    container: facts.container,
    size: facts.size,
    width: facts.width,
    height: facts.height,
    duration: facts.duration,
    fps: facts.fps,
    bitrate: facts.bitrate,
    codecs,
  };
}
