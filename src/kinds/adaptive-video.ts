// `adaptive_video`: an HLS ladder (master playlist + renditions) made by one ffmpeg process that
// decodes the input once, plus a poster frame for players.
import path from 'node:path';
import { z } from 'zod';
import { choosePosterFrame } from '../media/frames.js';
import { encodeHlsLadder, planLadder } from '../media/hls-ladder.js';
import { halfTheCores, qualityOption } from './common-options.js';
import { defineTaskKind, type ProducedOutput } from './task-kind.js';

export const adaptiveVideoOptions = z.object({
  width: z.number().int().min(2).max(7680).optional().describe('Caps the top rung\'s width; rungs above it are left out.'),
  height: z.number().int().min(2).max(4320).optional().describe('Caps the top rung\'s height; rungs above it are left out.'),
  quality: qualityOption('Scales every rung\'s bitrate: medium (60) is the documented ladder, very_low 0.6x, very_high 1.4x.'),
  segmentDuration: z.number().int().min(2).max(12).default(6).describe('Target segment length in seconds; every segment starts with a keyframe, aligned across rungs.'),
});

export const adaptiveVideoResult = z.strictObject({
  duration: z.number().describe('Seconds, the sum of the top rendition\'s segments.'),
  posterTime: z.number().describe('Where the poster frame (poster.jpg) was taken, in seconds.'),
  rungs: z.array(z.strictObject({
    name: z.string().describe('The rendition\'s label and folder, e.g. 720p.'),
    width: z.number().int().describe('Pixels.'),
    height: z.number().int().describe('Pixels.'),
    bandwidth: z.number().int().describe('Peak bits per second (the master playlist\'s BANDWIDTH).'),
    averageBandwidth: z.number().int().describe('Average bits per second, audio included (AVERAGE-BANDWIDTH).'),
    codecs: z.string().describe('RFC 6381 codecs, e.g. avc1.64001f,mp4a.40.2.'),
    frameRate: z.number().nullable().describe('Frames per second, when the source has a steady rate.'),
    playlist: z.string().describe('The media playlist among the outputs, e.g. hls/720p/index.m3u8.'),
  }).meta({ title: 'HlsRung', typeDescription: 'One rendition of the ladder.' })).describe('The renditions, highest first, as in the master playlist.'),
});

export const adaptiveVideoKind = defineTaskKind({
  name: 'adaptive_video',
  description: 'An HLS ladder (1080p, 720p, 480p, 360p H.264 + AAC, never above the source) with aligned keyframes and ~6 s segments, made in one decoding pass; the master playlist plays from the server.',
  options: adaptiveVideoOptions,
  result: adaptiveVideoResult,
  defaultConcurrency: halfTheCores,

  unsupportedInput: (facts) =>
    !facts.hasVideo || facts.isImage ? `The adaptive_video kind needs a video input; this ${facts.mimeType} has no video stream.` : null,

  async run({ options, input, workDir, media, reportProgress }) {
    const rungs = planLadder(input.facts, options);
    const ladderDir = path.join(workDir, 'hls');
    const ladder = await encodeHlsLadder(input.path, ladderDir, rungs, input.facts, { ...media, onProgress: (percent) => reportProgress(percent * 0.95) }, { segmentSeconds: options.segmentDuration });
    const posterPath = path.join(workDir, 'poster.jpg');
    const poster = await choosePosterFrame(input.path, posterPath, input.facts, media);

    const rungOf = new Map(ladder.rungs.map((rung) => [rung.playlist, rung]));
    const files: ProducedOutput[] = ladder.files.map((file) => {
      const rung = rungOf.get(file.relativePath);
      return {
        path: path.join(ladderDir, file.relativePath),
        relativePath: `hls/${file.relativePath}`,
        kind: file.kind,
        filename: path.posix.basename(file.relativePath),
        mimeType: file.mimeType,
        width: rung?.width ?? null,
        height: rung?.height ?? null,
        bitrate: rung?.averageBandwidth ?? null,
        fps: rung?.frameRate ?? null,
        codecs: rung ? rung.codecs.split(',') : [],
      };
    });
    const master = files.find((file) => file.relativePath === `hls/${ladder.masterPath}`)!;
    master.duration = ladder.duration;
    const outputs: ProducedOutput[] = [
      master,
      ...files.filter((file) => file !== master),
      { path: posterPath, kind: 'image', filename: 'poster.jpg', mimeType: 'image/jpeg', width: poster.width, height: poster.height },
    ];
    return {
      outputs,
      result: {
        duration: ladder.duration,
        posterTime: poster.time,
        rungs: ladder.rungs.map(({ name, width, height, bandwidth, averageBandwidth, codecs, frameRate, playlist }) =>
          ({ name, width, height, bandwidth, averageBandwidth, codecs, frameRate, playlist: `hls/${playlist}` })),
      },
    };
  },
});
