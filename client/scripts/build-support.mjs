// What the client's and the console's builds share: "is dist/ older than its sources?", one build
// at a time across processes, and swapping a finished build in whole.
import fs from 'node:fs';
import path from 'node:path';

export function newestChange(entry) {
  const stats = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stats) return 0;
  if (!stats.isDirectory()) return stats.mtimeMs;
  // A folder's own time counts: deleting or renaming a source changes it, not any file.
  let newest = stats.mtimeMs;
  for (const name of fs.readdirSync(entry)) newest = Math.max(newest, newestChange(path.join(entry, name)));
  return newest;
}

/** True when there is no stamp or an input (path relative to baseDir) changed after it. */
export function isStale(stamp, baseDir, inputs) {
  if (!fs.existsSync(stamp)) return true;
  const builtAt = fs.statSync(stamp).mtimeMs;
  return inputs.some((input) => newestChange(path.join(baseDir, input)) > builtAt);
}

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Takes the lock folder (made atomically by mkdir; two test files may build in parallel) and
 * releases it when the process exits. A lock whose builder died is taken over.
 */
export function takeBuildLock(lock, label) {
  const owner = path.join(lock, 'pid');
  const abandonedBy = () => {
    const pid = Number(fs.readFileSync(owner, { encoding: 'utf8', flag: 'r' }).trim());
    if (!pid) return null;
    try {
      process.kill(pid, 0);
      return null;
    } catch (error) {
      return error.code === 'ESRCH' ? pid : null;
    }
  };
  const giveUpAt = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(owner, `${process.pid}\n`);
      break;
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
      console.error(`${label}: ${lock} has been held for 5 minutes; remove it if no build is running`);
      process.exit(1);
    }
    sleep(100);
  }
  const release = () => {
    try {
      if (fs.readFileSync(owner, 'utf8').trim() === String(process.pid)) fs.rmSync(lock, { recursive: true, force: true });
    } catch {
      // Not ours, or gone already.
    }
  };
  process.on('exit', release);
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));
}

/** Stamps a finished build and puts it in dist's place: two renames, the old one removed after. */
export function swapIn(scratch, dist) {
  fs.writeFileSync(path.join(scratch, '.build-stamp'), `${new Date().toISOString()}\n`);
  const previous = path.join(path.dirname(dist), `.dist-old-${process.pid}`);
  try {
    fs.renameSync(dist, previous);
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
  fs.renameSync(scratch, dist);
  fs.rmSync(previous, { recursive: true, force: true });
}
