// Compiles the client's src/ to dist/ (JavaScript + .d.ts), which the `mediatasks` bin and the
// package's exports point at. The root postinstall runs it with --if-stale, so `npm ci` in a clone
// leaves a runnable `npx mediatasks`; `npm pack` runs it through prepack. --warn-on-failure
// (postinstall) reports a failed build without failing the install.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const dist = path.join(packageDir, 'dist');
const stamp = path.join(dist, '.build-stamp');
const inputs = ['src', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];

function newestChange(entry) {
  const stats = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stats) return 0;
  if (!stats.isDirectory()) return stats.mtimeMs;
  // A folder's own time counts: deleting or renaming a source changes it, not any file.
  let newest = stats.mtimeMs;
  for (const name of fs.readdirSync(entry)) newest = Math.max(newest, newestChange(path.join(entry, name)));
  return newest;
}

function isStale() {
  if (!fs.existsSync(stamp)) return true;
  const builtAt = fs.statSync(stamp).mtimeMs;
  return inputs.some((input) => newestChange(path.join(packageDir, input)) > builtAt);
}

const ifStale = process.argv.includes('--if-stale');
if (ifStale && !isStale()) process.exit(0);

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  // An install without dev dependencies (the server's container) has no use for the CLI.
  console.error('client/: TypeScript is not installed, so the client and the mediatasks CLI are not built');
  process.exit(process.argv.includes('--warn-on-failure') ? 0 : 1);
}

// One build at a time (two test files build in their beforeAll, in parallel): a lock folder,
// made atomically by mkdir; whoever waited for it looks again and builds only if still stale.
const lock = path.join(packageDir, '.dist-lock');
const owner = path.join(lock, 'pid');
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** The pid in a lock whose builder is gone (killed mid-build), else null. */
function abandonedBy() {
  const pid = Number(fs.readFileSync(owner, { encoding: 'utf8', flag: 'r' }).trim());
  if (!pid) return null;
  try {
    process.kill(pid, 0);
    return null;
  } catch (error) {
    return error.code === 'ESRCH' ? pid : null;
  }
}

function takeLock() {
  const giveUpAt = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(owner, `${process.pid}\n`);
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    let abandoned = null;
    try {
      abandoned = abandonedBy();
    } catch {
      // No pid yet: its builder is between mkdir and writing it (or died there, see giveUpAt).
    }
    if (abandoned) {
      fs.rmSync(lock, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > giveUpAt) {
      console.error(`client/: ${lock} has been held for 5 minutes; remove it if no build is running`);
      process.exit(1);
    }
    sleep(100);
  }
}

function releaseLock() {
  try {
    if (fs.readFileSync(owner, 'utf8').trim() === String(process.pid)) fs.rmSync(lock, { recursive: true, force: true });
  } catch {
    // Not ours, or gone already.
  }
}

takeLock();
process.on('exit', releaseLock);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));
if (ifStale && !isStale()) {
  console.error('client/: dist/ was built by another build meanwhile');
  process.exit(0);
}

// Into a scratch folder, swapped in whole: a failed build leaves the previous dist/.
const scratch = path.join(packageDir, `.dist-${process.pid}`);
const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', scratch], { cwd: packageDir, stdio: 'inherit' });
if (result.status !== 0) {
  fs.rmSync(scratch, { recursive: true, force: true });
  console.error('client/: the build failed, dist/ is unchanged');
  // From postinstall, a broken client must not fail the server's install: say so and go on.
  process.exit(process.argv.includes('--warn-on-failure') ? 0 : (result.status ?? 1));
}
fs.writeFileSync(path.join(scratch, '.build-stamp'), `${new Date().toISOString()}\n`);
// Two renames, never a delete of dist/ before the new one is complete; the old one goes after.
const previous = path.join(packageDir, `.dist-old-${process.pid}`);
try {
  fs.renameSync(dist, previous);
} catch (error) {
  if (error.code !== 'ENOENT') throw error;
}
fs.renameSync(scratch, dist);
fs.rmSync(previous, { recursive: true, force: true });
