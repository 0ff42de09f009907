import { execFile } from 'node:child_process';
import { access, chmod, constants } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const require = createRequire(import.meta.url);

export type MediaBinaryName = 'ffmpeg' | 'ffprobe';

export interface MediaBinary {
  path: string;
  /** First line of `-version`, e.g. "ffmpeg version 4.1 …", for the start-up log. */
  version: string;
  source: 'config' | 'path' | 'bundled';
}

export interface MediaBinaries {
  ffmpeg: MediaBinary;
  ffprobe: MediaBinary;
}

/**
 * Finds ffmpeg and ffprobe: the configured path, else the one on PATH, else the npm-bundled
 * static build. Fails fast when the chosen binary does not run.
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
  if (configuredPath) return { path: configuredPath, source: 'config', version: await readVersion(configuredPath) };
  const onPath = await findOnPath(name);
  if (onPath) return { path: onPath, source: 'path', version: await readVersion(onPath) };
  const bundled = await bundledBinaryPath(name);
  return { path: bundled, source: 'bundled', version: await readVersion(bundled) };
}

async function readVersion(binaryPath: string): Promise<string> {
  try {
    const { stdout } = await run(binaryPath, ['-version'], { timeout: 10_000 });
    return stdout.split('\n', 1)[0].trim();
  } catch (error) {
    throw new Error(`${binaryPath} -version failed: ${(error as Error).message}`, { cause: error });
  }
}

async function findOnPath(name: MediaBinaryName): Promise<string | undefined> {
  const fileName = process.platform === 'win32' ? `${name}.exe` : name;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, fileName);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
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

/**
 * The environment to run a media tool with. The bundled static builds are linked against
 * another glibc: when they load this system's gconv modules (iconv, for an MPEG-TS service
 * name) they crash with SIGSEGV. With no modules to load, names are simply left unconverted.
 */
export function mediaToolEnvironment(binaryPath: string): NodeJS.ProcessEnv {
  const isBundledStaticBuild = /[\\/]@(ffmpeg|ffprobe)-installer[\\/]/.test(binaryPath);
  return isBundledStaticBuild ? { ...process.env, GCONV_PATH: '/nonexistent' } : process.env;
}
