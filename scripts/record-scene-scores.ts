// Records the scene-change score of every frame of the scene fixtures, as one ffmpeg build gives
// them, into test/fixtures/scene-scores/<fixture>.json under that build's release. The chapter and
// scene-cut decisions are unit-tested on every recorded build's trace, so a second ffmpeg need
// not be installed to know they hold on it.
//
//   npx tsx scripts/record-scene-scores.ts                    # the bundled build
//   npx tsx scripts/record-scene-scores.ts /usr/bin/ffmpeg /usr/bin/ffprobe
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveMediaBinaries } from '../src/media/ffmpeg-binaries.js';
import { probeMedia } from '../src/media/probe-media.js';
import { measureSceneScores, sceneScoreFilter } from '../src/media/scene-cuts.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixtures = ['three-scenes.mp4', 'spoken-title.mp4'];
/** The decoder's own pixel format (YUV 4:2:0): what scores were taken on before RGB, kept to show why. */
const nativeFormatFilter = 'scale=160:-2';

const [ffmpegPath, ffprobePath] = process.argv.slice(2);
const binaries = await resolveMediaBinaries({ ffmpegPath, ffprobePath });
const context = { ffmpegPath: binaries.ffmpeg.path, ffprobePath: binaries.ffprobe.path, threads: 0 };
const build = `${binaries.ffmpeg.release} (${binaries.ffmpeg.source === 'bundled' ? 'bundled' : binaries.ffmpeg.version})`;
const workDir = await mkdtemp(path.join(tmpdir(), 'scene-scores-'));
const outDir = path.join(root, 'test/fixtures/scene-scores');
await mkdir(outDir, { recursive: true });
try {
  for (const fixture of fixtures) {
    const input = path.join(root, 'test/fixtures', fixture);
    const facts = await probeMedia(input, { ffprobePath: context.ffprobePath });
    const trace = async (scoreFilter: string) =>
      (await measureSceneScores(input, workDir, { minScore: 0, scoreFilter }, facts, context)).map((frame) => [frame.time, round(frame.score)]);
    const file = path.join(outDir, fixture.replace(/\.\w+$/, '.json'));
    const recorded = JSON.parse(await readFile(file, 'utf8').catch(() => '{}'));
    recorded.fixture = fixture;
    recorded.scoreFilter = sceneScoreFilter;
    recorded.format = '[seconds, score] of every frame';
    recorded.builds = { ...recorded.builds, [binaries.ffmpeg.release]: { ffmpeg: build, scores: await trace(sceneScoreFilter), nativeFormatScores: await trace(nativeFormatFilter) } };
    await writeFile(file, `${JSON.stringify(recorded, null, 1).replace(/\[\n\s+([\d.]+),\n\s+([\d.]+)\n\s+\]/g, '[$1, $2]')}\n`);
    console.log(`${fixture}: ${build} recorded in ${path.relative(root, file)}`);
  }
} finally {
  await rm(workDir, { recursive: true, force: true });
}

function round(score: number): number {
  return Math.round(score * 1e4) / 1e4;
}
