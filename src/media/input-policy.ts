// What ffmpeg and ffprobe may open while reading an input: the input file, nothing it names.
// Some formats are lists of other things to read (HLS, DASH and IMF playlists, ffconcat lists,
// SDP session descriptions, AviSynth scripts): a crafted input of that kind would make a run
// fetch from the network or read files of other tasks. Two input options guard every run:
//
// - `-protocol_whitelist file,pipe`: nothing but local files and pipes. ffmpeg already narrows a
//   file input to its protocol's default (file,crypto; 5.x adds data); saying it keeps every
//   build and every nested open to the same two.
// - `-format_whitelist`: every demuxer of the build except the listing ones above. `file` alone
//   still lets a playlist name /any/other/file.mp4 and an ffconcat list a file beside it (concat's
//   `safe` mode refuses only URLs, absolute paths and `..`). A demuxer's own options (concat's
//   -safe, hls's -allowed_extensions) cannot be set blindly: ffmpeg fails a run whose input
//   takes other options. Leaving out a few demuxers, rather than allowing a list of containers,
//   refuses no real media file that was read before.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { TaskError } from '../errors/task-error.js';
import { mediaToolEnvironment } from './ffmpeg-binaries.js';

const run = promisify(execFile);

const allowedProtocols = 'file,pipe';

/** The demuxers that read what an input names, and what such an input is called in an error. */
const listingDemuxers: Record<string, string> = {
  hls: 'an HLS playlist',
  applehttp: 'an HLS playlist',
  dash: 'a DASH manifest',
  imf: 'an IMF composition',
  concat: 'an ffconcat list',
  sdp: 'an SDP session description',
  avisynth: 'an AviSynth script',
  vapoursynth: 'a VapourSynth script',
};

const allowedDemuxersByPath = new Map<string, Promise<string>>();

/** The options to put before every input (each `-i`, or ffprobe's path) of a run of `binaryPath`. */
export async function inputPolicyOptions(binaryPath: string): Promise<string[]> {
  return ['-protocol_whitelist', allowedProtocols, '-format_whitelist', await allowedDemuxers(binaryPath)];
}

/** `args` with the input policy before each `-i`: for the runs that do not go through fluent-ffmpeg. */
export async function withInputPolicy(binaryPath: string, args: readonly string[]): Promise<string[]> {
  const policy = await inputPolicyOptions(binaryPath);
  return args.flatMap((arg) => (arg === '-i' ? [...policy, arg] : [arg]));
}

/** A TaskError when ffmpeg's or ffprobe's messages say the policy refused the input or what it names. */
export function inputPolicyRefusal(stderr: string): TaskError | null {
  const format = /\[([\w,]+) @ 0x[0-9a-f]+\] Format not on whitelist/.exec(stderr);
  if (format) {
    const listing = format[1].split(',').find((name) => Object.hasOwn(listingDemuxers, name));
    const what = listing ? listingDemuxers[listing] : `a ${format[1]} file`;
    return new TaskError('INPUT_UNSUPPORTED', `The input is ${what}, which names other files or addresses to read; only self-contained media files are processed`);
  }
  const protocol = /Protocol '([^']+)' not on whitelist/.exec(stderr);
  if (protocol) {
    return new TaskError('INPUT_UNSUPPORTED', `The input names a ${protocol[1]} address to read; only self-contained media files are processed`);
  }
  return null;
}

/** The build's demuxers but the listing ones, comma-separated; read once per binary. */
function allowedDemuxers(binaryPath: string): Promise<string> {
  let allowed = allowedDemuxersByPath.get(binaryPath);
  if (!allowed) {
    allowed = readAllowedDemuxers(binaryPath);
    allowedDemuxersByPath.set(binaryPath, allowed);
    allowed.catch(() => allowedDemuxersByPath.delete(binaryPath));
  }
  return allowed;
}

async function readAllowedDemuxers(binaryPath: string): Promise<string> {
  const { stdout } = await run(binaryPath, ['-hide_banner', '-demuxers'], { env: mediaToolEnvironment(binaryPath), maxBuffer: 1024 * 1024 }).catch((error: unknown) => {
    throw new Error(`could not run ${binaryPath} -demuxers: ${(error as Error).message}`, { cause: error });
  });
  // " D  mov,mp4,m4a,3gp,3g2,mj2 QuickTime / MOV" (4.1); newer builds add a device column (" D d lavfi").
  const names = stdout.split('\n').map((line) => /^ D[E ]?[d ]?\s+(\S+)/.exec(line)?.[1]).filter((name) => name !== undefined);
  const allowed = names.filter((name) => !name.split(',').some((alias) => Object.hasOwn(listingDemuxers, alias)));
  if (allowed.length === 0) throw new Error(`${binaryPath} -demuxers listed no demuxers`);
  return allowed.join(',');
}
