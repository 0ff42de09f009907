// The HLS ladder, storyboard and frame tools on generated clips: playlists are parsed, every
// segment is probed, images are read back with sharp.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaBinaries } from '../src/media/ffmpeg-binaries.js';
import { testMediaBinaries } from './support/media-tools.js';
import type { MediaJobContext } from '../src/media/ffmpeg-process.js';
import { choosePosterFrame, extractFrames } from '../src/media/frames.js';
import { avcCodecString, defaultLadder, encodeHlsLadder, ladderBitrateFactor, planLadder, type HlsLadderResult } from '../src/media/hls-ladder.js';
import { probeMedia, type MediaFacts } from '../src/media/probe-media.js';
import { makeStoryboard, storyboardInterval } from '../src/media/storyboard.js';
import { writeTestVideo, writeVariableFrameRateVideo } from './support/fixtures.js';

const run = promisify(execFile);

let dir: string;
let binaries: MediaBinaries;
const inputs: Record<string, MediaFacts> = {};
const file = (name: string) => path.join(dir, name);
let outputCount = 0;
const outputDir = () => file(`out-${++outputCount}`);
const context = (extra: Partial<MediaJobContext> = {}): MediaJobContext => ({
  ffmpegPath: binaries.ffmpeg.path,
  ffprobePath: binaries.ffprobe.path,
  threads: 0,
  ...extra,
});

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hls-thumbnails-test-'));
  binaries = await testMediaBinaries();
  await Promise.all([
    writeTestVideo(file('hd.mp4'), { width: 1280, height: 720, seconds: 13 }),
    writeTestVideo(file('small.mp4'), { width: 640, height: 360, seconds: 7, audio: false }),
    writeTestVideo(file('portrait.mp4'), { seconds: 2, rotation: 90 }),
    writeBlackThenPicture(file('black-start.mp4')),
    writeVariableFrameRateVideo(file('vfr.mp4')),
    writeTestVideo(file('tall.mp4'), { width: 180, height: 320, seconds: 4, audio: false }),
  ]);
  for (const name of ['hd.mp4', 'small.mp4', 'portrait.mp4', 'black-start.mp4', 'vfr.mp4', 'tall.mp4']) {
    inputs[name] = await probeMedia(file(name), { ffprobePath: binaries.ffprobe.path });
  }
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** 3 s of black, then 5 s of testsrc2. */
async function writeBlackThenPicture(output: string): Promise<void> {
  await run(binaries.ffmpeg.path, ['-y', '-v', 'error',
    '-f', 'lavfi', '-i', 'color=black:size=320x240:rate=25:duration=3',
    '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25:duration=5',
    '-filter_complex', '[0:v][1:v]concat=n=2:v=1:a=0,format=yuv420p',
    '-c:v', 'libx264', '-preset', 'ultrafast', output]);
}

/**
 * ffprobe as JSON. The bundled static ffprobe crashes (SIGSEGV) on MPEG-TS: it loads the
 * system's iconv modules to decode the service table. With no modules to find it doesn't.
 */
async function ffprobeJson(args: string[]): Promise<Record<string, any>> {
  const { stdout } = await run(binaries.ffprobe.path, ['-v', 'error', '-print_format', 'json', ...args], {
    env: { ...process.env, GCONV_PATH: '/nonexistent' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout);
}

// --- A tiny M3U8 reader: each URI with the tag lines before it.

interface PlaylistEntry {
  uri: string;
  /** The tag line (`#EXT-X-STREAM-INF:…` or `#EXTINF:…`) just before the URI. */
  tag: string;
  attributes: Record<string, string>;
}

function parsePlaylist(text: string): { tags: string[]; entries: PlaylistEntry[] } {
  const lines = text.split('\n').map((line) => line.trim()).filter(Boolean);
  expect(lines[0]).toBe('#EXTM3U');
  const entries: PlaylistEntry[] = [];
  let lastTag = '';
  for (const line of lines) {
    if (line.startsWith('#')) {
      if (/^#EXT-X-STREAM-INF:|^#EXTINF:/.test(line)) lastTag = line;
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const match of lastTag.replace(/^#[A-Z-]+:/, '').matchAll(/([A-Z-]+)=("[^"]*"|[^,]*)/g)) {
      attributes[match[1]] = match[2].replace(/^"|"$/g, '');
    }
    entries.push({ uri: line, tag: lastTag, attributes });
    lastTag = '';
  }
  return { tags: lines.filter((line) => line.startsWith('#')), entries };
}

describe('planLadder', () => {
  const source = (width: number, height: number, extra: Partial<MediaFacts> = {}): MediaFacts => ({
    mimeType: 'video/mp4', container: 'mp4', size: 1, duration: 10, width, height, fps: 25, maxFps: 25, bitrate: null,
    videoCodec: 'h264', audioCodec: 'aac', rotation: 0, hasAudio: true, hasVideo: true, hasCoverArt: false, isImage: false, ...extra,
  });
  const sizes = (rungs: ReturnType<typeof planLadder>) => rungs.map((rung) => `${rung.name} ${rung.width}x${rung.height}`);

  it('gives a 1080p source every rung, with the documented bitrates', () => {
    const rungs = planLadder(source(1920, 1080));
    expect(sizes(rungs)).toEqual(['1080p 1920x1080', '720p 1280x720', '480p 854x480', '360p 640x360']);
    expect(rungs.map((rung) => rung.videoBitrate)).toEqual(defaultLadder.map((step) => step.videoBitrate));
    expect(rungs.map((rung) => [rung.profile, rung.audioBitrate])).toEqual([['high', 128_000], ['high', 128_000], ['main', 96_000], ['main', 96_000]]);
  });

  it('never goes above the source', () => {
    expect(sizes(planLadder(source(1280, 720)))).toEqual(['720p 1280x720', '480p 854x480', '360p 640x360']);
    expect(sizes(planLadder(source(640, 360)))).toEqual(['360p 640x360']);
    // Between rungs: the rungs below it.
    expect(sizes(planLadder(source(1600, 900)))).toEqual(['720p 1280x720', '480p 854x480', '360p 640x360']);
    // Below the smallest rung: one rung at its own size, even.
    expect(sizes(planLadder(source(321, 241)))).toEqual(['240p 320x240']);
  });

  it('lets width and height cap the top rung', () => {
    expect(sizes(planLadder(source(1920, 1080), { width: 854 }))).toEqual(['480p 854x480', '360p 640x360']);
    expect(sizes(planLadder(source(1920, 1080), { height: 720 }))).toEqual(['720p 1280x720', '480p 854x480', '360p 640x360']);
    expect(sizes(planLadder(source(1920, 1080), { width: 1000, height: 400 }))).toEqual(['360p 640x360']);
    // Nothing fits: one rung at the cap, with the source aspect.
    expect(sizes(planLadder(source(1920, 1080), { width: 320 }))).toEqual(['180p 320x180']);
  });

  it('labels a rotated portrait video by its short side and keeps it portrait', () => {
    // A phone video stored 1920x1080 with rotation 90: probeMedia gives the display size.
    const rungs = planLadder(source(1080, 1920, { rotation: 90 }));
    expect(sizes(rungs)).toEqual(['1080p 1080x1920', '720p 720x1280', '480p 480x854', '360p 360x640']);
    expect(rungs[0].videoBitrate).toBe(5_000_000);
    expect(sizes(planLadder(source(1080, 1920, { rotation: 90 }), { height: 1000 }))).toEqual(['480p 480x854', '360p 360x640']);
  });

  it('scales bitrates with quality and with the pixel count of other aspects', () => {
    expect(ladderBitrateFactor('very_low')).toBeCloseTo(0.6);
    expect(ladderBitrateFactor(60)).toBe(1);
    expect(ladderBitrateFactor('very_high')).toBeCloseTo(1.35);
    expect(planLadder(source(1280, 720), { quality: 'very_low' })[0].videoBitrate).toBe(1_680_000);
    expect(planLadder(source(1280, 720), { quality: 100 })[0].videoBitrate).toBe(3_920_000);
    // 4:3 720p has 3/4 of the pixels of 16:9 720p.
    expect(planLadder(source(960, 720))[0]).toMatchObject({ width: 960, height: 720, videoBitrate: 2_100_000 });
  });

  it('refuses an input without video', () => {
    expect(() => planLadder(source(0, 0, { hasVideo: false, width: null, height: null }))).toThrow(expect.objectContaining({ code: 'INPUT_UNSUPPORTED' }));
  });

  it('reads CODECS from the SPS', () => {
    const sps = Buffer.from([0, 0, 0, 1, 0x09, 0xf0, 0, 0, 0, 1, 0x67, 0x64, 0x00, 0x1f, 0xac]);
    expect(avcCodecString(sps)).toBe('avc1.64001f');
  });
});

describe('encodeHlsLadder', () => {
  let result: HlsLadderResult;
  let out: string;
  const progress: number[] = [];
  let seconds = 0;

  beforeAll(async () => {
    out = outputDir();
    const started = Date.now();
    const input = inputs['hd.mp4'];
    result = await encodeHlsLadder(file('hd.mp4'), out, planLadder(input), input, context({ onProgress: (percent) => progress.push(percent) }));
    seconds = (Date.now() - started) / 1000;
  });

  it('writes a master playlist over one rendition per rung, none above the source', async () => {
    console.log(`ladder 720p/480p/360p of 13 s 1280x720: ${seconds.toFixed(1)} s`);
    const master = parsePlaylist(await readFile(path.join(out, result.masterPath), 'utf8'));
    expect(master.tags).toContain('#EXT-X-INDEPENDENT-SEGMENTS');
    expect(master.tags.some((tag) => /^#EXT-X-VERSION:\d+$/.test(tag))).toBe(true);
    expect(master.entries.map((entry) => entry.uri)).toEqual(['720p/index.m3u8', '480p/index.m3u8', '360p/index.m3u8']);
    expect(master.entries.map((entry) => entry.attributes.RESOLUTION)).toEqual(['1280x720', '854x480', '640x360']);
    for (const [index, entry] of master.entries.entries()) {
      const { BANDWIDTH, 'AVERAGE-BANDWIDTH': average, CODECS, 'FRAME-RATE': frameRate } = entry.attributes;
      expect(Number(BANDWIDTH)).toBeGreaterThanOrEqual(Number(average));
      expect(Number(average)).toBeGreaterThan(100_000);
      // x264 sets constraint_set1 for Main: avc1.4d40LL; High: avc1.6400LL.
      expect(CODECS).toMatch(/^avc1\.(6400|4d40)[0-9a-f]{2},mp4a\.40\.2$/);
      expect(frameRate).toBe('25.000');
      expect(result.rungs[index]).toMatchObject({ bandwidth: Number(BANDWIDTH), averageBandwidth: Number(average), codecs: CODECS, playlist: entry.uri });
    }
    // Higher rungs need more bits.
    const bandwidths = master.entries.map((entry) => Number(entry.attributes.BANDWIDTH));
    expect(bandwidths).toEqual([...bandwidths].sort((a, b) => b - a));
    expect(master.entries[0].attributes.CODECS).toMatch(/^avc1\.64/);
  });

  it('writes media playlists whose every segment exists, about 6 s long, the same in every rung', async () => {
    const durationsByRung: number[][] = [];
    for (const rung of result.rungs) {
      const playlistPath = path.join(out, rung.playlist);
      const media = parsePlaylist(await readFile(playlistPath, 'utf8'));
      expect(media.tags).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
      expect(media.tags).toContain('#EXT-X-ENDLIST');
      const durations = media.entries.map((entry) => Number(/^#EXTINF:([\d.]+)/.exec(entry.tag)![1]));
      durationsByRung.push(durations);
      for (const entry of media.entries) expect((await stat(path.join(path.dirname(playlistPath), entry.uri))).size).toBeGreaterThan(0);
      expect(durations.slice(0, -1).every((duration) => Math.abs(duration - 6) <= 0.5)).toBe(true);
      expect(durations.reduce((a, b) => a + b, 0)).toBeCloseTo(13, 1);
      expect(rung.segments.map((segment) => segment.path)).toEqual(media.entries.map((entry) => `${rung.name}/${entry.uri}`));
    }
    // Keyframes aligned: every rung cuts at the same times.
    for (const durations of durationsByRung) expect(durations).toEqual(durationsByRung[0]);
    expect(result.duration).toBeCloseTo(13, 1);
  });

  it('plays each rendition as H.264 of its size for the whole input, every segment starting on a keyframe', async () => {
    const input = inputs['hd.mp4'];
    for (const rung of result.rungs) {
      const probed = await ffprobeJson(['-protocol_whitelist', 'file,crypto,data', '-show_format', '-show_streams', path.join(out, rung.playlist)]);
      const video = probed.streams.find((stream: any) => stream.codec_type === 'video');
      const audio = probed.streams.find((stream: any) => stream.codec_type === 'audio');
      expect(video).toMatchObject({ codec_name: 'h264', width: rung.width, height: rung.height });
      // CODECS says what ffprobe reads: the profile and the level.
      const level = Number(video.level).toString(16).padStart(2, '0');
      expect(rung.codecs).toMatch(new RegExp(`^avc1\\.${({ High: '64', Main: '4d' } as Record<string, string>)[video.profile]}..${level},`));
      expect(audio).toMatchObject({ codec_name: 'aac' });
      expect(rung.height).toBeLessThanOrEqual(input.height!);
      expect(Math.abs(Number(probed.format.duration) - input.duration!)).toBeLessThanOrEqual(1 / 25 + 0.001);
      for (const segment of rung.segments) {
        const { frames } = await ffprobeJson(['-select_streams', 'v', '-show_entries', 'frame=key_frame,pict_type',
          '-read_intervals', '%+#1', '-show_frames', path.join(out, segment.path)]);
        expect(frames[0]).toMatchObject({ key_frame: 1, pict_type: 'I' });
      }
    }
  });

  it('lists every file it wrote, and reports progress that only rises to 100', async () => {
    const written: string[] = [];
    for (const entry of await readdir(out, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) written.push(path.relative(out, path.join(entry.parentPath, entry.name)));
    }
    expect(result.files.map((entry) => entry.relativePath).sort()).toEqual(written.sort());
    expect(result.files.filter((entry) => entry.kind === 'playlist').map((entry) => entry.mimeType)).toEqual(Array(4).fill('application/vnd.apple.mpegurl'));
    expect(new Set(result.files.filter((entry) => entry.kind === 'video').map((entry) => entry.mimeType))).toEqual(new Set(['video/mp2t']));
    expect(progress.length).toBeGreaterThan(2);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(100);
  });

  it('encodes a video-only input without audio, and a rotated one upright', async () => {
    const small = await encodeHlsLadder(file('small.mp4'), outputDir(), planLadder(inputs['small.mp4']), inputs['small.mp4'], context());
    expect(small.rungs.map((rung) => [rung.name, rung.width, rung.height, rung.codecs])).toEqual([['360p', 640, 360, expect.stringMatching(/^avc1\.4d40[0-9a-f]{2}$/)]]);
    expect(small.rungs[0].segments.map((segment) => Math.round(segment.duration))).toEqual([6, 1]);

    const portraitOut = outputDir();
    const portrait = await encodeHlsLadder(file('portrait.mp4'), portraitOut, planLadder(inputs['portrait.mp4']), inputs['portrait.mp4'], context());
    expect(portrait.rungs.map((rung) => `${rung.name} ${rung.width}x${rung.height}`)).toEqual(['240p 240x320']);
    const probed = await ffprobeJson(['-show_streams', path.join(portraitOut, portrait.rungs[0].segments[0].path)]);
    expect(probed.streams.find((stream: any) => stream.codec_type === 'video')).toMatchObject({ width: 240, height: 320 });
  });

  it('gives a variable-frame-rate input the rate its rungs are encoded at, not the average', async () => {
    const input = inputs['vfr.mp4'];
    expect(input).toMatchObject({ fps: 22.5, maxFps: 30 });
    const vfrOut = outputDir();
    const vfr = await encodeHlsLadder(file('vfr.mp4'), vfrOut, planLadder(input), input, context());
    const master = parsePlaylist(await readFile(path.join(vfrOut, vfr.masterPath), 'utf8'));
    expect(master.entries.map((entry) => entry.attributes['FRAME-RATE'])).toEqual(['30.000']);
    // What was encoded: a constant 30 fps, the frames of the 15 fps part repeated.
    const segment = path.join(vfrOut, vfr.rungs[0].segments[0].path);
    const probed = await ffprobeJson(['-count_frames', '-select_streams', 'v:0', '-show_streams', segment]);
    expect(probed.streams[0]).toMatchObject({ r_frame_rate: '30/1', avg_frame_rate: '30/1', nb_read_frames: '120' });
  });

  it('stops when aborted: ffmpeg killed within a second, no renditions left', async () => {
    const controller = new AbortController();
    const abortOut = outputDir();
    const input = inputs['hd.mp4'];
    const job = encodeHlsLadder(file('hd.mp4'), abortOut, planLadder(input), input, context({ signal: controller.signal }));
    job.catch(() => {});
    const waitStart = Date.now();
    while ((await ffmpegProcessesWriting(abortOut)).length === 0 && Date.now() - waitStart < 10_000) await new Promise((r) => setTimeout(r, 20));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await ffmpegProcessesWriting(abortOut)).not.toEqual([]);

    const abortedAt = Date.now();
    controller.abort(new Error('cancelled by the test'));
    await expect(job).rejects.toThrow('cancelled by the test');
    expect(Date.now() - abortedAt).toBeLessThan(1000);
    expect(await ffmpegProcessesWriting(abortOut)).toEqual([]);
    expect(await readdir(abortOut)).toEqual([]);
  });
});

async function ffmpegProcessesWriting(outputPath: string): Promise<number[]> {
  const pids: number[] = [];
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const commandLine = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (commandLine.includes(outputPath) && commandLine.includes('ffmpeg')) pids.push(Number(pid));
  }
  return pids;
}

// --- Storyboards.

interface Cue {
  start: number;
  end: number;
  sheet: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

function parseVtt(text: string): Cue[] {
  expect(text.startsWith('WEBVTT\n')).toBe(true);
  const time = (value: string) => {
    const [h, m, s] = value.split(':');
    return Number(h) * 3600 + Number(m) * 60 + Number(s);
  };
  return [...text.matchAll(/^(\d\d:\d\d:\d\d\.\d{3}) --> (\d\d:\d\d:\d\d\.\d{3})\n(\S+)#xywh=(\d+),(\d+),(\d+),(\d+)$/gm)].map((match) => ({
    start: time(match[1]), end: time(match[2]), sheet: match[3], x: Number(match[4]), y: Number(match[5]), w: Number(match[6]), h: Number(match[7]),
  }));
}

/** Mean absolute difference of two same-sized RGB images. */
function difference(a: Buffer, b: Buffer): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
  return sum / a.length;
}

describe('makeStoryboard', () => {
  it('picks the default interval from the duration', () => {
    expect([10, 100, 150, 400, 900, 7200].map(storyboardInterval)).toEqual([1, 1, 2, 5, 10, 10]);
  });

  it('lays a tile per second into sheets, the last cut to the tiles it holds, with cues from 0 to the duration pointing at them', async () => {
    const out = outputDir();
    const input = inputs['hd.mp4'];
    const progress: number[] = [];
    const board = await makeStoryboard(file('hd.mp4'), out, { tileWidth: 160, columns: 5, rows: 2, format: 'jpeg' }, input,
      context({ onProgress: (percent) => progress.push(percent) }));
    expect(board).toMatchObject({ interval: 1, tileWidth: 160, tileHeight: 90, vttPath: 'storyboard.vtt', cueCount: 13 });
    // 13 tiles: a full sheet of 10 and one of 3, cut to its one row of 3.
    expect(board.sheets).toEqual([
      { relativePath: 'storyboard_001.jpg', width: 800, height: 180 },
      { relativePath: 'storyboard_002.jpg', width: 480, height: 90 },
    ]);
    for (const sheet of board.sheets) {
      expect(await sharp(path.join(out, sheet.relativePath)).metadata()).toMatchObject({ format: 'jpeg', width: sheet.width, height: sheet.height });
    }
    expect((await readdir(out)).sort()).toEqual(['storyboard.vtt', 'storyboard_001.jpg', 'storyboard_002.jpg']);

    const cues = parseVtt(await readFile(path.join(out, board.vttPath), 'utf8'));
    expect(cues).toHaveLength(13);
    expect(cues[0].start).toBe(0);
    expect(cues.at(-1)!.end).toBe(input.duration);
    for (const [index, cue] of cues.entries()) {
      if (index > 0) expect(cue.start).toBe(cues[index - 1].end);
      expect(cue.end).toBeGreaterThan(cue.start);
      const metadata = await sharp(path.join(out, cue.sheet)).metadata();
      expect(cue.x + cue.w).toBeLessThanOrEqual(metadata.width);
      expect(cue.y + cue.h).toBeLessThanOrEqual(metadata.height);
      expect([cue.w, cue.h]).toEqual([160, 90]);
    }
    expect(cues[12]).toMatchObject({ sheet: 'storyboard_002.jpg', x: 320, y: 0 });
    expect(progress.at(-1)).toBe(100);

    // Each cue shows its own moment: its tile is closer to the frame at its time than the neighbours' tiles are.
    const frames = await extractFrames(file('hd.mp4'), path.join(dir, 'storyboard-check'), { times: [4.4, 11.4], width: 160, format: 'png' }, input, context());
    for (const [frame, cueIndex] of [[frames[0], 4], [frames[1], 11]] as const) {
      const reference = await sharp(path.join(dir, 'storyboard-check', frame.relativePath)).removeAlpha().raw().toBuffer();
      const tile = async (cue: Cue) => sharp(path.join(out, cue.sheet)).extract({ left: cue.x, top: cue.y, width: cue.w, height: cue.h }).removeAlpha().raw().toBuffer();
      const own = difference(reference, await tile(cues[cueIndex]));
      expect(own).toBeLessThan(difference(reference, await tile(cues[cueIndex - 1])));
      expect(own).toBeLessThan(difference(reference, await tile(cues[cueIndex + 1])));
    }
  });

  it('writes WebP sheets at a given interval, the last cue ending at the duration', async () => {
    const out = outputDir();
    const input = inputs['small.mp4'];
    const board = await makeStoryboard(file('small.mp4'), out, { interval: 2, tileWidth: 100, columns: 3, rows: 3, format: 'webp' }, input, context());
    // 4 tiles of a 3x3 grid: two rows used.
    expect(board).toMatchObject({ interval: 2, tileWidth: 100, tileHeight: 56, cueCount: 4, sheets: [{ relativePath: 'storyboard_001.webp', width: 300, height: 112 }] });
    expect(await sharp(path.join(out, 'storyboard_001.webp')).metadata()).toMatchObject({ format: 'webp', width: 300, height: 112 });
    const cues = parseVtt(await readFile(path.join(out, 'storyboard.vtt'), 'utf8'));
    expect(cues.map((cue) => [cue.start, cue.end, cue.x, cue.y])).toEqual([[0, 2, 0, 0], [2, 4, 100, 0], [4, 6, 200, 0], [6, 7, 0, 56]]);
    expect((await readdir(out)).sort()).toEqual(['storyboard.vtt', 'storyboard_001.webp']);
  });
});

describe('makeStoryboard on a short portrait video', () => {
  it('gives a sheet of the four tiles it holds, not the 10x10 grid, each tile showing its moment', async () => {
    const out = outputDir();
    const board = await makeStoryboard(file('tall.mp4'), out, { tileWidth: 160, columns: 10, rows: 10, format: 'jpeg' }, inputs['tall.mp4'], context());
    expect(board).toMatchObject({ interval: 1, tileWidth: 160, tileHeight: 284, cueCount: 4 });
    expect(board.sheets).toEqual([{ relativePath: 'storyboard_001.jpg', width: 640, height: 284 }]);
    const cues = parseVtt(await readFile(path.join(out, board.vttPath), 'utf8'));
    expect(cues.map((cue) => [cue.x, cue.y])).toEqual([[0, 0], [160, 0], [320, 0], [480, 0]]);
    // The last tile is a picture of the video (testsrc2 is bright and colourful), not padding.
    const lastTile = await sharp(path.join(out, 'storyboard_001.jpg')).extract({ left: 480, top: 0, width: 160, height: 284 }).stats();
    expect(lastTile.channels.slice(0, 3).every((channel) => channel.mean > 40)).toBe(true);
  });
});

// --- Frames and posters.

describe('extractFrames', () => {
  it('writes count evenly spaced frames of the requested size', async () => {
    const out = outputDir();
    const started = Date.now();
    const frames = await extractFrames(file('hd.mp4'), out, { count: 5, width: 200, height: 200, format: 'jpeg' }, inputs['hd.mp4'], context());
    console.log(`5 frames of a 13 s 1280x720 video: ${Date.now() - started} ms`);
    expect(frames.map((frame) => frame.relativePath)).toEqual(['frame_001.jpg', 'frame_002.jpg', 'frame_003.jpg', 'frame_004.jpg', 'frame_005.jpg']);
    expect(frames.map((frame) => frame.time)).toEqual([1.3, 3.9, 6.5, 9.1, 11.7]);
    const images = await Promise.all(frames.map(async (frame) => {
      const metadata = await sharp(path.join(out, frame.relativePath)).metadata();
      expect(metadata).toMatchObject({ format: 'jpeg', width: 200, height: 200 });
      expect(frame).toMatchObject({ width: 200, height: 200 });
      return sharp(path.join(out, frame.relativePath)).raw().toBuffer();
    }));
    // Different moments of a moving picture.
    for (let i = 1; i < images.length; i++) expect(difference(images[i], images[i - 1])).toBeGreaterThan(2);
    expect((await readdir(out)).sort()).toEqual(frames.map((frame) => frame.relativePath));
  });

  it('takes given times, keeps the aspect with one side, and clamps past the end', async () => {
    const out = outputDir();
    const frames = await extractFrames(file('portrait.mp4'), out, { times: [0, 1, 50], width: 120, format: 'webp' }, inputs['portrait.mp4'], context());
    expect(frames.map((frame) => [frame.time, frame.width, frame.height])).toEqual([[0, 120, 160], [1, 120, 160], [1.96, 120, 160]]);
    for (const frame of frames) expect(await sharp(path.join(out, frame.relativePath)).metadata()).toMatchObject({ format: 'webp', width: 120, height: 160 });

    const many = await extractFrames(file('small.mp4'), outputDir(), { count: 10, height: 90, format: 'png' }, inputs['small.mp4'], context());
    expect(many).toHaveLength(10);
    expect(many.every((frame) => frame.width === 160 && frame.height === 90)).toBe(true);
  });

  it('gives the same frame whether it seeks (a frame far in) or decodes in one pass (frames close together)', async () => {
    const seekOut = outputDir();
    const passOut = outputDir();
    const progress: number[] = [];
    // 12.5 s for one frame is past the 10 s of decoding a seek may cost: it seeks.
    const [sought] = await extractFrames(file('hd.mp4'), seekOut, { times: [12.5], format: 'png' }, inputs['hd.mp4'], context());
    // Unsorted times, close together: one pass, each still named in the order asked.
    const passed = await extractFrames(file('hd.mp4'), passOut, { times: [12.5, 0.5, 6], format: 'png' }, inputs['hd.mp4'],
      context({ onProgress: (percent) => progress.push(percent) }));
    expect(passed.map((frame) => [frame.relativePath, frame.time])).toEqual([['frame_001.png', 12.5], ['frame_002.png', 0.5], ['frame_003.png', 6]]);
    const pixels = async (filePath: string) => sharp(filePath).removeAlpha().raw().toBuffer();
    const reference = await pixels(path.join(seekOut, sought.relativePath));
    expect(difference(reference, await pixels(path.join(passOut, 'frame_001.png')))).toBe(0);
    expect(difference(reference, await pixels(path.join(passOut, 'frame_003.png')))).toBeGreaterThan(5);
    expect((await readdir(passOut)).sort()).toEqual(['frame_001.png', 'frame_002.png', 'frame_003.png']);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(100);
  });
});

describe('choosePosterFrame', () => {
  it('skips the black start and picks a bright frame', async () => {
    const output = file('poster.jpg');
    const input = inputs['black-start.mp4'];
    expect(input.duration).toBeCloseTo(8, 1);
    const poster = await choosePosterFrame(file('black-start.mp4'), output, input, context());
    expect(poster.time).toBeGreaterThanOrEqual(3);
    expect(poster).toMatchObject({ width: 320, height: 240 });
    const stats = await sharp(output).stats();
    expect(stats.channels.slice(0, 3).reduce((sum, channel) => sum + channel.mean, 0) / 3).toBeGreaterThan(60);
    expect((await sharp(output).metadata()).format).toBe('jpeg');
    expect((await readdir(dir)).filter((name) => name.includes('candidates'))).toEqual([]);
  });
});
