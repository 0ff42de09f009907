import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { TaskError } from '../errors/task-error.js';
import { mediaToolEnvironment } from './ffmpeg-binaries.js';
import { ffmpegCapabilities, requireEncoder, requireFilter, runFfmpegJob, type MediaJobContext } from './ffmpeg-process.js';
import { withInputPolicy } from './input-policy.js';
import type { MediaFacts } from './probe-media.js';
import { qualityPresetValues, type QualityPreset } from './video-transcode.js';

const run = promisify(execFile);

/** One step of the ladder as designed for a 16:9 picture; `height` is the short side. */
export interface LadderStep {
  name: string;
  height: number;
  /** Average video bits/s at 16:9 and quality medium. */
  videoBitrate: number;
  audioBitrate: number;
  profile: 'high' | 'main';
}

/**
 * The rungs an `adaptive_video` offers, highest first. Bitrates are x264 `veryfast` figures in
 * line with Apple's HLS authoring tables for 30 fps content, a little lower at the top since
 * most uploads are not high-motion. The small rungs use Main for old devices.
 *
 * | rung  | 16:9 size | profile | video    | audio  |
 * | 1080p | 1920x1080 | high    | 5.0 Mb/s | 128k   |
 * | 720p  | 1280x720  | high    | 2.8 Mb/s | 128k   |
 * | 480p  | 854x480   | main    | 1.4 Mb/s | 96k    |
 * | 360p  | 640x360   | main    | 0.8 Mb/s | 96k    |
 */
export const defaultLadder: readonly LadderStep[] = [
  { name: '1080p', height: 1080, videoBitrate: 5_000_000, audioBitrate: 128_000, profile: 'high' },
  { name: '720p', height: 720, videoBitrate: 2_800_000, audioBitrate: 128_000, profile: 'high' },
  { name: '480p', height: 480, videoBitrate: 1_400_000, audioBitrate: 96_000, profile: 'main' },
  { name: '360p', height: 360, videoBitrate: 800_000, audioBitrate: 96_000, profile: 'main' },
];

/** A rung planned for one input: its display size and its encoder targets. */
export interface LadderRung {
  /** Folder and label: `720p`, or the short side of a rung made to measure (`240p`). */
  name: string;
  width: number;
  height: number;
  /** Average video bits/s (`-b:v`); peaks are capped at 1.5x over a 2 s buffer. */
  videoBitrate: number;
  audioBitrate: number;
  profile: 'high' | 'main';
}

export interface LadderOptions {
  /** Caps on the top rung, in display pixels: rungs wider or taller are dropped. */
  width?: number;
  height?: number;
  /** 0–100 or a preset; scales the video bitrates (see `ladderBitrateFactor`). */
  quality?: number | QualityPreset;
}

/**
 * The bitrate multiplier for a quality: 1 + (quality − 60) / 100, so
 * | quality | 0    | 20 very_low | 40 low | 60 medium | 80 high | 95 very_high | 100  |
 * | factor  | ×0.4 | ×0.6        | ×0.8   | ×1.0      | ×1.2    | ×1.35        | ×1.4 |
 */
export function ladderBitrateFactor(quality: number | QualityPreset = 'medium'): number {
  const value = typeof quality === 'number' ? Math.min(100, Math.max(0, quality)) : qualityPresetValues[quality];
  return 1 + (value - 60) / 100;
}

/**
 * The rungs for an input, highest first. A rung's "p" is the short side of the display
 * picture (after rotation), so a portrait phone video's 1080p is 1080x1920, as players label
 * it. No rung is above the source: a source between rungs gets the rungs below it, one
 * smaller than the smallest rung gets a single rung at its own size. `width`/`height` drop
 * rungs that exceed them; when none is left, one rung fits the source's aspect inside the cap.
 * Every rung keeps the source aspect with even sides; a bitrate is scaled by the rung's pixel
 * count against its 16:9 design size, then by quality.
 */
export function planLadder(input: MediaFacts, options: LadderOptions = {}): LadderRung[] {
  if (!input.hasVideo || !input.width || !input.height) {
    throw new TaskError('INPUT_UNSUPPORTED', `The input (${input.mimeType}) has no video stream for an HLS ladder`);
  }
  const source = { width: input.width, height: input.height };
  const shortSide = Math.min(source.width, source.height);
  const factor = ladderBitrateFactor(options.quality);
  const fitsCap = (rung: LadderRung) => (!options.width || rung.width <= options.width) && (!options.height || rung.height <= options.height);

  const rungs = defaultLadder
    .filter((step) => step.height <= shortSide)
    .map((step) => rungAt(step, step.height / shortSide, source, factor))
    .filter(fitsCap);
  if (rungs.length > 0) return rungs;

  // Nothing fits: one rung at the source size, shrunk into the cap if there is one.
  const scale = Math.min(1, options.width ? options.width / source.width : 1, options.height ? options.height / source.height : 1);
  const smallest = defaultLadder.at(-1)!;
  const rung = rungAt(smallest, scale, source, factor);
  return [{ ...rung, name: `${Math.min(rung.width, rung.height)}p` }];
}

function rungAt(step: LadderStep, scale: number, source: { width: number; height: number }, factor: number): LadderRung {
  // Never past the source, which may itself have odd sides.
  const width = Math.min(even(source.width * scale), evenDown(source.width));
  const height = Math.min(even(source.height * scale), evenDown(source.height));
  const designPixels = even((step.height * 16) / 9) * step.height;
  const videoBitrate = Math.round((step.videoBitrate * factor * (width * height)) / designPixels / 1000) * 1000;
  return { name: step.name, width, height, videoBitrate, audioBitrate: step.audioBitrate, profile: step.profile };
}

function even(pixels: number): number {
  return Math.max(2, Math.round(pixels / 2) * 2);
}

function evenDown(pixels: number): number {
  return Math.max(2, Math.floor(pixels / 2) * 2);
}

// --- Encoding.

export interface HlsSegment {
  /** Relative to the output directory, e.g. `720p/segment_000.ts`. */
  path: string;
  duration: number;
}

export interface HlsRendition {
  name: string;
  width: number;
  height: number;
  /** Peak segment bits/s (RFC 8216bis: over any run of segments lasting 0.5–1.5 target durations). */
  bandwidth: number;
  /** Total bits / duration, audio and TS overhead included. */
  averageBandwidth: number;
  /** RFC 6381 codecs, e.g. `avc1.64001f,mp4a.40.2`. */
  codecs: string;
  frameRate: number | null;
  /** Media playlist, relative to the output directory: `720p/index.m3u8`. */
  playlist: string;
  segments: HlsSegment[];
}

export interface HlsFile {
  /** Relative to the output directory, with forward slashes. */
  relativePath: string;
  kind: 'playlist' | 'video';
  mimeType: string;
}

export interface HlsLadderResult {
  masterPath: 'master.m3u8';
  /** Seconds, the sum of the top rendition's segments. */
  duration: number;
  /** Highest first, as in the master playlist. */
  rungs: HlsRendition[];
  files: HlsFile[];
}

export const hlsMimeTypes = { playlist: 'application/vnd.apple.mpegurl', segment: 'video/mp2t' } as const;

export interface HlsEncodeOptions {
  /** Target segment length; segments start on a keyframe at every multiple of it. */
  segmentSeconds?: number;
}

/**
 * Encodes every rung in ONE ffmpeg process that decodes the input once: one filtergraph scales
 * the picture down the ladder, and each rung is its own HLS output (media playlist
 * `<rung>/index.m3u8`, MPEG-TS segments `<rung>/segment_NNN.ts`). Separate outputs rather
 * than `-var_stream_map`: ffmpeg 4.1's map has no `name:` for folder names, and outputs work
 * the same in every version. Keyframes fall at every segment start in every rung, so players
 * can switch at any segment. The master playlist is written afterwards from the segments
 * themselves: measured bandwidths, and CODECS from the stream's own SPS. Rungs are encoded
 * and listed highest first, whatever their order in `ladder`.
 */
export async function encodeHlsLadder(
  inputPath: string,
  outputDir: string,
  ladder: LadderRung[],
  input: MediaFacts,
  context: MediaJobContext,
  options: HlsEncodeOptions = {},
): Promise<HlsLadderResult> {
  if (ladder.length === 0) throw new Error('encodeHlsLadder needs at least one rung');
  const rungs = [...ladder].sort((a, b) => b.width * b.height - a.width * a.height);
  const segmentSeconds = options.segmentSeconds ?? 6;
  const capabilities = await ffmpegCapabilities(context.ffmpegPath);
  requireEncoder(capabilities, 'libx264', 'adaptive_video');
  for (const filter of ['split', 'scale']) requireFilter(capabilities, filter, 'adaptive_video');

  const rungDirs = rungs.map((rung) => path.join(outputDir, rung.name));
  const masterPath = path.join(outputDir, 'master.m3u8');
  await Promise.all([...rungDirs, masterPath].map((dir) => rm(dir, { recursive: true, force: true })));
  await Promise.all(rungDirs.map((dir) => mkdir(dir, { recursive: true })));

  // Each rung is scaled from the one above it, not from the source: fewer pixels to read on
  // ffmpeg's one filtering thread, which feeds every encoder. A top rung at the source size is
  // not scaled at all.
  const graph = rungs.map((rung, index) => {
    const from = index === 0 ? '0:v:0' : `next${index}`;
    const to = index < rungs.length - 1 ? `,split=2[v${index}][next${index + 1}]` : `[v${index}]`;
    return `[${from}]${rungScaleFilter(rung)}${to}`;
  });
  await runFfmpegJob(
    (command) => {
      command.input(inputPath);
      command.complexFilter(graph.join(';'));
      rungs.forEach((rung, index) => {
        command.output(path.join(rungDirs[index], 'index.m3u8')).outputOptions([
          '-map', `[v${index}]`,
          ...(input.hasAudio ? ['-map', '0:a:0'] : []),
          ...hlsRungArguments(rung, rungDirs[index], { fps: rungFrameRate(input), segmentSeconds, threads: context.threads, audio: input.hasAudio }),
        ]);
      });
    },
    {
      ffmpegPath: context.ffmpegPath,
      threads: context.threads,
      signal: context.signal,
      expectedDurationSeconds: input.duration,
      onProgress: context.onProgress,
      outputPaths: rungDirs,
    },
  );

  const described = await Promise.all(rungs.map((rung) => describeRendition(rung, outputDir, input, context)));
  const renditions = described.sort((a, b) => b.width * b.height - a.width * a.height || b.bandwidth - a.bandwidth);
  const versions = await Promise.all(renditions.map(async (rendition) => playlistVersion(await readFile(path.join(outputDir, rendition.playlist), 'utf8'))));
  await writeFile(masterPath, masterPlaylist(renditions, Math.max(3, ...versions)));

  const files: HlsFile[] = [{ relativePath: 'master.m3u8', kind: 'playlist', mimeType: hlsMimeTypes.playlist }];
  for (const rendition of renditions) {
    files.push({ relativePath: rendition.playlist, kind: 'playlist', mimeType: hlsMimeTypes.playlist });
    for (const segment of rendition.segments) files.push({ relativePath: segment.path, kind: 'video', mimeType: hlsMimeTypes.segment });
  }
  const duration = Math.round(renditions[0].segments.reduce((sum, segment) => sum + segment.duration, 0) * 1000) / 1000;
  return { masterPath: 'master.m3u8', duration, rungs: renditions, files };
}

/**
 * The rate every rung is encoded at. The HLS muxer takes constant-rate video, so ffmpeg fills a
 * variable-rate input up to its top rate (r_frame_rate): that, not the average, is the rate of
 * the rendition that FRAME-RATE must give, and what the 2 s GOP is counted in.
 */
export function rungFrameRate(input: MediaFacts): number | null {
  return input.maxFps ?? input.fps;
}

/** The picture of one rung: scaled to its size (the input is already upright), square pixels. */
export function rungScaleFilter(rung: LadderRung): string {
  return `scale=${rung.width}:${rung.height},setsar=1,format=yuv420p`;
}

/**
 * Output options of one rung after its `-map`s: x264 capped VBR, keyframes at every segment
 * start and every 2 s (Apple's authoring spec; a 2 s GOP divides a 6 s segment at whole frame
 * rates), no scene-cut keyframes (they would differ between rungs), AAC, and the HLS muxer.
 * The benchmark builds its one-process-per-rung baseline from these same options.
 */
export function hlsRungArguments(
  rung: LadderRung,
  rungDir: string,
  options: { fps: number | null; segmentSeconds: number; threads: number; audio: boolean },
): string[] {
  const gop = Math.max(1, Math.round((options.fps ?? 25) * 2));
  return [
    '-map_metadata', '-1', '-map_chapters', '-1',
    '-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', rung.profile, '-pix_fmt', 'yuv420p',
    '-b:v', String(rung.videoBitrate), '-maxrate', String(Math.round(rung.videoBitrate * 1.5)), '-bufsize', String(rung.videoBitrate * 2),
    '-g', String(gop), '-keyint_min', String(gop), '-sc_threshold', '0',
    '-force_key_frames', `expr:gte(t,n_forced*${options.segmentSeconds})`,
    ...(options.audio ? ['-c:a', 'aac', '-b:a', String(rung.audioBitrate), '-ar', '48000', '-af', 'aformat=channel_layouts=mono|stereo'] : ['-an']),
    // -threads is per output: runFfmpegJob's own one reaches only the last.
    '-threads', String(options.threads),
    // ffmpeg 4.1 gives up ("Too many packets buffered") when one stream starts well after the other.
    '-max_muxing_queue_size', '1024',
    '-f', 'hls',
    '-hls_time', String(options.segmentSeconds),
    '-hls_playlist_type', 'vod',
    '-hls_list_size', '0',
    '-hls_flags', 'independent_segments',
    '-hls_segment_filename', path.join(rungDir, 'segment_%03d.ts'),
  ];
}

// --- Reading back what was written.

interface MediaPlaylistEntry {
  uri: string;
  duration: number;
}

/** EXTINF durations and URIs of a media playlist. */
function mediaPlaylistEntries(text: string): MediaPlaylistEntry[] {
  const entries: MediaPlaylistEntry[] = [];
  let duration: number | null = null;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    const extinf = /^#EXTINF:([\d.]+)/.exec(line);
    if (extinf) duration = Number(extinf[1]);
    else if (line && !line.startsWith('#') && duration !== null) {
      entries.push({ uri: line, duration });
      duration = null;
    }
  }
  return entries;
}

function playlistVersion(text: string): number {
  return Number(/^#EXT-X-VERSION:(\d+)/m.exec(text)?.[1] ?? 3);
}

async function describeRendition(rung: LadderRung, outputDir: string, input: MediaFacts, context: MediaJobContext): Promise<HlsRendition> {
  const playlist = `${rung.name}/index.m3u8`;
  const playlistPath = path.join(outputDir, rung.name, 'index.m3u8');
  const text = await readFile(playlistPath, 'utf8');
  const entries = mediaPlaylistEntries(text);
  if (entries.length === 0) throw new Error(`ffmpeg wrote no segments to ${playlist}`);
  // Segment URIs must be relative to the playlist; ffmpeg versions differ in what they write.
  const names = entries.map((entry) => entry.uri.split(/[\\/]/).at(-1)!);
  if (names.some((name, index) => name !== entries[index].uri)) {
    let index = 0;
    await writeFile(playlistPath, text.split('\n').map((line) => (line && !line.startsWith('#') ? names[index++] : line)).join('\n'));
  }
  const sizes = await Promise.all(names.map(async (name) => (await stat(path.join(outputDir, rung.name, name))).size));
  const segments = entries.map((entry, index) => ({ path: `${rung.name}/${names[index]}`, duration: entry.duration, size: sizes[index] }));
  const targetDuration = Number(/^#EXT-X-TARGETDURATION:(\d+)/m.exec(text)?.[1] ?? Math.ceil(Math.max(...segments.map((s) => s.duration))));
  const videoCodecs = await readAvcCodecs(path.join(outputDir, segments[0].path), context);
  const totalBits = sizes.reduce((sum, size) => sum + size * 8, 0);
  const totalDuration = segments.reduce((sum, segment) => sum + segment.duration, 0);
  return {
    name: rung.name,
    // Exactly what the scale filter made: the rung's size, at the input's top frame rate.
    width: rung.width,
    height: rung.height,
    bandwidth: peakBitrate(segments, targetDuration),
    averageBandwidth: Math.round(totalBits / totalDuration),
    // The audio is always AAC-LC (object type 2).
    codecs: [videoCodecs, ...(input.hasAudio ? ['mp4a.40.2'] : [])].join(','),
    frameRate: rungFrameRate(input),
    playlist,
    segments: segments.map(({ path: segmentPath, duration }) => ({ path: segmentPath, duration })),
  };
}

/**
 * The peak segment bit rate as RFC 8216bis defines it: the highest rate of any run of
 * consecutive segments lasting 0.5 to 1.5 target durations (so a short last segment is
 * averaged with its neighbour instead of counting alone); the whole stream if none does.
 */
function peakBitrate(segments: Array<{ duration: number; size: number }>, targetDuration: number): number {
  let peak = 0;
  for (let first = 0; first < segments.length; first++) {
    let bits = 0;
    let seconds = 0;
    for (let last = first; last < segments.length; last++) {
      bits += segments[last].size * 8;
      seconds += segments[last].duration;
      if (seconds > targetDuration * 1.5) break;
      if (seconds >= targetDuration * 0.5) peak = Math.max(peak, bits / seconds);
    }
  }
  if (peak === 0) {
    const bits = segments.reduce((sum, segment) => sum + segment.size * 8, 0);
    peak = bits / Math.max(0.001, segments.reduce((sum, segment) => sum + segment.duration, 0));
  }
  return Math.round(peak);
}

/**
 * `avc1.PPCCLL` of a segment's video, from the SPS x264 wrote (profile_idc, constraint flags,
 * level_idc), so CODECS says exactly what the stream is.
 */
async function readAvcCodecs(segmentPath: string, context: MediaJobContext): Promise<string> {
  // The first access unit as raw Annex B: it starts with the SPS.
  const { stdout } = await run(
    context.ffmpegPath,
    await withInputPolicy(context.ffmpegPath, ['-v', 'error', '-nostdin', '-i', segmentPath, '-map', '0:v:0', '-c', 'copy', '-frames:v', '1', '-f', 'h264', 'pipe:1']),
    { signal: context.signal, encoding: 'buffer', maxBuffer: 64 * 1024 * 1024, env: mediaToolEnvironment(context.ffmpegPath) },
  );
  return avcCodecString(stdout);
}

/** RFC 6381 `avc1.PPCCLL` from the first SPS (NAL type 7) in an Annex B stream. */
export function avcCodecString(annexB: Buffer): string {
  for (let index = 0; index + 6 < annexB.length; index++) {
    if (annexB[index] === 0 && annexB[index + 1] === 0 && annexB[index + 2] === 1 && (annexB[index + 3] & 0x1f) === 7) {
      const hex = (byte: number) => byte.toString(16).padStart(2, '0');
      return `avc1.${hex(annexB[index + 4])}${hex(annexB[index + 5])}${hex(annexB[index + 6])}`;
    }
  }
  throw new Error('The HLS segment has no H.264 SPS to read its profile and level from');
}

/** The master playlist over renditions given highest first, with URIs relative to it. */
function masterPlaylist(renditions: HlsRendition[], version: number): string {
  const lines = ['#EXTM3U', `#EXT-X-VERSION:${version}`, '#EXT-X-INDEPENDENT-SEGMENTS'];
  for (const rendition of renditions) {
    const attributes = [
      `BANDWIDTH=${rendition.bandwidth}`,
      `AVERAGE-BANDWIDTH=${rendition.averageBandwidth}`,
      `RESOLUTION=${rendition.width}x${rendition.height}`,
      `CODECS="${rendition.codecs}"`,
      ...(rendition.frameRate ? [`FRAME-RATE=${rendition.frameRate.toFixed(3)}`] : []),
    ];
    lines.push(`#EXT-X-STREAM-INF:${attributes.join(',')}`, rendition.playlist);
  }
  return `${lines.join('\n')}\n`;
}
