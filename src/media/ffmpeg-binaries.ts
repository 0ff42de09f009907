// Which ffmpeg and ffprobe run the media work. One policy, so results do not depend on what else
// the host has installed: the npm-bundled builds, unless FFMPEG_PATH / FFPROBE_PATH name others,
// which are then checked against the releases we support. A binary on PATH is never picked up
// by accident (Debian's ffmpeg 5.1 scores scene changes differently from the bundled 4.1).
import { execFile } from 'node:child_process';
import { access, chmod, constants } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';

const run = promisify(execFile);
const require = createRequire(import.meta.url);

export type MediaBinaryName = 'ffmpeg' | 'ffprobe';

export interface MediaBinary {
  path: string;
  /** First line of `-version`, e.g. "ffmpeg version 4.1 …" (git builds say "N-47683-g…"). */
  version: string;
  /** The FFmpeg release its libraries belong to, e.g. "4.1", read from libavcodec's version. */
  release: string;
  /** Whether the whole test suite has passed on this release (see `testedReleases`). */
  tested: boolean;
  source: 'config' | 'bundled';
}

export interface MediaBinaries {
  ffmpeg: MediaBinary;
  ffprobe: MediaBinary;
}

/**
 * libavcodec's minor version at each FFmpeg release of a major: how a build says which
 * release it is even when its banner is a git hash (the bundled build's is).
 */
const releasesByLibavcodec: Array<{ major: number; minor: number; release: string }> = [
  { major: 58, minor: 18, release: '4.0' },
  { major: 58, minor: 35, release: '4.1' },
  { major: 58, minor: 54, release: '4.2' },
  { major: 58, minor: 91, release: '4.3' },
  { major: 58, minor: 134, release: '4.4' },
  { major: 59, minor: 18, release: '5.0' },
  { major: 59, minor: 37, release: '5.1' },
  { major: 60, minor: 3, release: '6.0' },
  { major: 60, minor: 31, release: '6.1' },
  { major: 61, minor: 3, release: '7.0' },
  { major: 61, minor: 19, release: '7.1' },
  { major: 62, minor: 11, release: '8.0' },
];

/** The oldest release whose filters and options the media code uses (4.1, the bundled build). */
export const minimumRelease = '4.1';
/**
 * Releases the whole suite has passed on: the bundled ffmpeg (a 4.1 build) and ffprobe (6.0),
 * and Debian 12's package (5.1) for both. Others from 4.1 on run, logged as untested.
 */
export const testedReleases = ['4.1', '5.1', '6.0'] as const;

/**
 * Finds ffmpeg and ffprobe: the configured path, else the npm-bundled static build. Fails fast
 * when a chosen binary does not run or is older than `minimumRelease`.
 */
export async function resolveMediaBinaries(
  configured: { ffmpegPath?: string; ffprobePath?: string } = {},
): Promise<MediaBinaries> {
  const [ffmpeg, ffprobe] = await Promise.all([
    resolveMediaBinary('ffmpeg', configured.ffmpegPath),
    resolveMediaBinary('ffprobe', configured.ffprobePath),
  ]);
  return { ffmpeg, ffprobe };
}

async function resolveMediaBinary(name: MediaBinaryName, configuredPath?: string): Promise<MediaBinary> {
  const source = configuredPath ? 'config' : 'bundled';
  const binaryPath = configuredPath ?? (await bundledBinaryPath(name));
  const output = await readVersionOutput(binaryPath);
  const release = releaseOf(output);
  const variable = `${name.toUpperCase()}_PATH`;
  if (!release) throw new Error(`${binaryPath} (${variable}) does not say which FFmpeg release it is: no libavcodec line in its -version output`);
  if (compareReleases(release, minimumRelease) < 0) {
    throw new Error(`${binaryPath} (${variable}) is ${name} ${release}; mediatasks needs FFmpeg ${minimumRelease} or newer (unset ${variable} to use the bundled build)`);
  }
  return {
    path: binaryPath,
    version: output.split('\n', 1)[0].replace(/\s+Copyright.*$/, '').trim(),
    release,
    tested: (testedReleases as readonly string[]).includes(release),
    source,
  };
}

/** "4.1" from the `libavcodec 58. 35.100 / 58. 35.100` line of `-version`. */
export function releaseOf(versionOutput: string): string | null {
  const match = /^libavcodec\s+(\d+)\.\s*(\d+)\./m.exec(versionOutput);
  if (!match) return null;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  const release = releasesByLibavcodec.filter((entry) => entry.major === major && entry.minor <= minor).at(-1)?.release;
  // Majors follow libavcodec's (58 → 4, 59 → 5, …); a build between releases keeps "x".
  return release ?? `${major - 54}.x`;
}

function compareReleases(a: string, b: string): number {
  const parts = (release: string) => release.split('.').map((part) => (part === 'x' ? 0 : Number(part)));
  const [left, right] = [parts(a), parts(b)];
  return left[0] - right[0] || (left[1] ?? 0) - (right[1] ?? 0);
}

async function readVersionOutput(binaryPath: string): Promise<string> {
  try {
    const { stdout } = await run(binaryPath, ['-version'], { timeout: 10_000, env: mediaToolEnvironment(binaryPath) });
    return stdout;
  } catch (error) {
    throw new Error(`${binaryPath} -version failed: ${(error as Error).message}`, { cause: error });
  }
}

async function bundledBinaryPath(name: MediaBinaryName): Promise<string> {
  const packageName = name === 'ffmpeg' ? '@ffmpeg-installer/ffmpeg' : '@ffprobe-installer/ffprobe';
  const binaryPath = (require(packageName) as { path: string }).path;
  // The packages set the execute bit in a postinstall script, which `npm ci --ignore-scripts` skips.
  if (!(await isExecutable(binaryPath))) {
    await chmod(binaryPath, 0o755).catch((error: unknown) => {
      throw new Error(`${binaryPath} is not executable; chmod +x it or set ${name.toUpperCase()}_PATH`, { cause: error });
    });
  }
  return binaryPath;
}

async function isExecutable(file: string): Promise<boolean> {
  return access(file, constants.X_OK).then(
    () => true,
    () => false,
  );
}

/** For logs and /health: "4.1 (bundled)", "7.1 (/usr/local/bin/ffmpeg, untested release)". */
export function describeMediaBinary(binary: MediaBinary): string {
  const source = binary.source === 'bundled' ? 'bundled' : binary.path;
  return `${binary.release} (${source}${binary.tested ? '' : ', untested release'})`;
}

/**
 * The environment to run a media tool with. The bundled static builds are linked against
 * another glibc: when they load this system's gconv modules (iconv, for an MPEG-TS service
 * name) they crash with SIGSEGV. With no modules to load, names are simply left unconverted.
 */
export function mediaToolEnvironment(binaryPath: string): NodeJS.ProcessEnv {
  const isBundledStaticBuild = /[\\/]@(ffmpeg|ffprobe)-installer[\\/]/.test(binaryPath);
  return isBundledStaticBuild ? { ...process.env, GCONV_PATH: '/nonexistent' } : process.env;
}
