// The HLS ladder in one ffmpeg process (one decode, split into every rung) against the naive
// way, one ffmpeg run per rung from the same source, with the same rungs and encoder settings.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { resolveMediaBinaries } from '../src/media/ffmpeg-binaries.js';
import { runFfmpegJob, type MediaJobContext } from '../src/media/ffmpeg-process.js';
import { encodeHlsLadder, hlsRungArguments, planLadder, rungFrameRate, rungScaleFilter, type LadderRung } from '../src/media/hls-ladder.js';
import { probeMedia, type MediaFacts } from '../src/media/probe-media.js';

const run = promisify(execFile);

const input = { width: 1920, height: 1080, fps: 25, seconds: 20 };
const goal = 1.5;

/** Markdown: wall times of both ways (median of 2 runs each, alternating) and their ratio. */
export async function benchmarkLadder(): Promise<string> {
  const binaries = await resolveMediaBinaries();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-hls-ladder-'));
  try {
    const source = path.join(dir, 'source.mp4');
    const { width, height, fps, seconds } = input;
    await run(binaries.ffmpeg.path, ['-y', '-v', 'error',
      // Like camera footage: sensor grain, high bitrate, CABAC and B-frames, so decoding costs what
      // it costs on real uploads (a clean testsrc2 in ultrafast decodes almost for free).
      '-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=${fps}:duration=${seconds},noise=alls=12:allf=t`,
      '-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`,
      '-c:v', 'libx264', '-preset', 'superfast', '-b:v', '25M', '-maxrate', '30M', '-bufsize', '30M', '-pix_fmt', 'yuv420p',
      '-c:a', 'aac', '-shortest', source]);
    const facts = await probeMedia(source, { ffprobePath: binaries.ffprobe.path });
    const rungs = planLadder(facts);
    const context: MediaJobContext = { ffmpegPath: binaries.ffmpeg.path, ffprobePath: binaries.ffprobe.path, threads: 0 };

    const single: Timing[] = [];
    const naive: Timing[] = [];
    for (let round = 0; round < 2; round++) {
      single.push(await timed(() => encodeHlsLadder(source, path.join(dir, `single-${round}`), rungs, facts, context)));
      naive.push(await timed(() => encodeRungByRung(source, path.join(dir, `naive-${round}`), rungs, facts, context)));
    }
    const singleMedian = median(single.map((timing) => timing.wall));
    const naiveMedian = median(naive.map((timing) => timing.wall));
    const ratio = naiveMedian / singleMedian;
    const cpuRatio = median(naive.map((timing) => timing.cpu)) / median(single.map((timing) => timing.cpu));
    const secondsText = (values: Timing[]) => values.map((value) => `${value.wall.toFixed(2)} s`).join(', ');
    const cpuText = (values: Timing[]) => `${median(values.map((value) => value.cpu)).toFixed(1)} s`;
    return [
      `### HLS ladder: one decode vs one ffmpeg run per rung`,
      '',
      `- Input: ${seconds} s ${width}x${height} ${fps} fps testsrc2 with grain + 440 Hz sine, 25 Mb/s H.264 (like a camera file), AAC; rungs ${rungs.map((rung) => rung.name).join(', ')}, x264 veryfast, 6 s segments`,
      `- ffmpeg: ${binaries.ffmpeg.version.replace(/\s+Copyright.*$/, '')}; ${os.availableParallelism()} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), load average ${os.loadavg()[0].toFixed(2)} at the end`,
      '',
      '| approach | wall, runs | wall, median | ffmpeg CPU (user + sys), median |',
      '|---|---|---|---|',
      `| one process, one decode (scaled down the ladder → ${rungs.length} HLS outputs) | ${secondsText(single)} | ${singleMedian.toFixed(2)} s | ${cpuText(single)} |`,
      `| one process per rung (${rungs.length} decodes, one after another) | ${secondsText(naive)} | ${naiveMedian.toFixed(2)} s | ${cpuText(naive)} |`,
      `| **ratio** (per rung / one decode) | | **${ratio.toFixed(2)}×** ${ratio >= goal ? '✅' : '❌'} goal ≥ ${goal}× | ${cpuRatio.toFixed(2)}× |`,
      '',
    ].join('\n');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The naive ladder: each rung decodes the source again, with the ladder's own options. */
async function encodeRungByRung(source: string, outputDir: string, rungs: LadderRung[], facts: MediaFacts, context: MediaJobContext): Promise<void> {
  for (const rung of rungs) {
    const rungDir = path.join(outputDir, rung.name);
    await mkdir(rungDir, { recursive: true });
    await runFfmpegJob(
      (command) => {
        command.input(source);
        command.output(path.join(rungDir, 'index.m3u8')).outputOptions([
          '-map', '0:v:0', ...(facts.hasAudio ? ['-map', '0:a:0'] : []),
          '-vf', rungScaleFilter(rung),
          ...hlsRungArguments(rung, rungDir, { fps: rungFrameRate(facts), segmentSeconds: 6, threads: context.threads, audio: facts.hasAudio }),
        ]);
      },
      { ffmpegPath: context.ffmpegPath, threads: context.threads, expectedDurationSeconds: facts.duration, outputPaths: [rungDir] },
    );
  }
}

interface Timing {
  /** Seconds. */
  wall: number;
  /** CPU seconds of the child processes (ffmpeg, ffprobe) that ended meanwhile. */
  cpu: number;
}

async function timed(work: () => Promise<unknown>): Promise<Timing> {
  const started = performance.now();
  const cpuBefore = childrenCpuSeconds();
  await work();
  return { wall: (performance.now() - started) / 1000, cpu: childrenCpuSeconds() - cpuBefore };
}

/** cutime + cstime of /proc/self/stat: CPU of the children this process has waited for. */
function childrenCpuSeconds(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  // Fields after the command name: state is field 3, cutime 16, cstime 17; USER_HZ is 100.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
