// Scene cuts and chapter boundaries decided on recorded scene-score traces of every supported
// ffmpeg build (test/fixtures/scene-scores, made by scripts/record-scene-scores.ts), so the
// decision is tested on a build this machine does not have; and the build in use is checked
// against its recorded trace, so the traces stay true to the code.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { probeMedia } from '../src/media/probe-media.js';
import { measureSceneScores, sceneCutsFrom, sceneScoreFilter, type SceneScore } from '../src/media/scene-cuts.js';
import { planChapters, sceneCandidates } from '../src/tracks/chapter-plan.js';
import { testMediaBinaries } from './support/media-tools.js';

const fixtures = fileURLToPath(new URL('./fixtures', import.meta.url));

interface RecordedBuild {
  ffmpeg: string;
  scores: Array<[number, number]>;
  nativeFormatScores: Array<[number, number]>;
}

async function recorded(name: string): Promise<{ scoreFilter: string; builds: Record<string, RecordedBuild> }> {
  return JSON.parse(await readFile(path.join(fixtures, 'scene-scores', `${name}.json`), 'utf8'));
}

const asScores = (trace: Array<[number, number]>): SceneScore[] => trace.map(([time, score]) => ({ time, score }));
const defaultThreshold = 0.3;

describe('scene cuts on the recorded traces of each build', async () => {
  const threeScenes = await recorded('three-scenes');
  const stillTitle = await recorded('spoken-title');

  it('has traces of the bundled 4.1 and of Debian 12\'s 5.1, taken with the filter in use', () => {
    expect(Object.keys(threeScenes.builds).sort()).toEqual(['4.1', '5.1']);
    expect(Object.keys(stillTitle.builds).sort()).toEqual(['4.1', '5.1']);
    expect(threeScenes.scoreFilter).toBe(sceneScoreFilter);
  });

  for (const release of ['4.1', '5.1']) {
    it(`${release}: finds the two cuts of three-scenes and plans its three chapters`, () => {
      const cuts = sceneCutsFrom(asScores(threeScenes.builds[release].scores), defaultThreshold);
      expect(cuts.map((cut) => cut.time)).toEqual([10, 20]);
      expect(planChapters(sceneCandidates(cuts), { duration: 30, minDuration: 10, maxChapters: 30 }))
        .toEqual([{ start: 0, end: 10 }, { start: 10, end: 20 }, { start: 20, end: 30 }]);
    });

    it(`${release}: finds no cut in a still title with moving noise`, () => {
      expect(sceneCutsFrom(asScores(stillTitle.builds[release].scores), 0.05)).toEqual([]);
    });
  }

  it('scores the same on both builds in RGB, and not in the decoder\'s YUV (why the filter converts)', () => {
    const [old, debian] = [threeScenes.builds['4.1'], threeScenes.builds['5.1']];
    expect(debian.scores).toHaveLength(old.scores.length);
    debian.scores.forEach(([time, score], index) => {
      expect(time).toBe(old.scores[index][0]);
      expect(Math.abs(score - old.scores[index][1])).toBeLessThan(0.02);
    });
    // 5.1 on YUV 4:2:0: the colour changes score under the threshold and the cuts are lost.
    expect(sceneCutsFrom(asScores(debian.nativeFormatScores), defaultThreshold)).toEqual([]);
    expect(sceneCutsFrom(asScores(old.nativeFormatScores), defaultThreshold)).toHaveLength(2);
  });
});

describe('sceneCutsFrom', () => {
  it('keeps the strongest frame of a change seen over several frames, and separate changes apart', () => {
    const scores = [
      { time: 4.9, score: 0.02 }, { time: 5, score: 0.6 }, { time: 5.1, score: 0.8 }, { time: 5.2, score: 0.5 },
      { time: 9, score: 0.4 }, { time: 12, score: 0.31 }, { time: 12.1, score: 0.31 }, { time: 15, score: 0.3 },
    ];
    expect(sceneCutsFrom(scores, 0.3)).toEqual([{ time: 5.1, score: 0.8 }, { time: 9, score: 0.4 }, { time: 12, score: 0.31 }]);
    expect(sceneCutsFrom([], 0.3)).toEqual([]);
  });
});

describe('the ffmpeg in use', () => {
  it('scores three-scenes as its recorded trace says (4.1\'s, for a release not recorded)', async () => {
    const binaries = await testMediaBinaries();
    const { builds } = await recorded('three-scenes');
    const expected = builds[binaries.ffmpeg.release] ?? builds['4.1'];
    const input = path.join(fixtures, 'three-scenes.mp4');
    const workDir = await mkdtemp(path.join(tmpdir(), 'scene-cuts-'));
    try {
      const facts = await probeMedia(input, { ffprobePath: binaries.ffprobe.path });
      const measured = await measureSceneScores(input, workDir, { minScore: 0 }, facts, { ffmpegPath: binaries.ffmpeg.path, ffprobePath: binaries.ffprobe.path, threads: 1 });
      expect(measured).toHaveLength(expected.scores.length);
      measured.forEach((frame, index) => {
        expect(frame.time).toBeCloseTo(expected.scores[index][0], 3);
        expect(Math.abs(frame.score - expected.scores[index][1])).toBeLessThan(0.02);
      });
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  });
});
