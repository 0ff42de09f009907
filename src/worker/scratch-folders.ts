// Each worker process keeps its work folders under a scratch folder of its own, named by its pid.
// A process killed outright leaves its folder behind; the next worker to start on the same host
// removes the folders of processes that no longer run.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const prefix = 'mediatasks-worker-';

/** Creates this process's scratch folder and removes those of dead processes; returns its path. */
export async function claimScratchFolder(parent = os.tmpdir()): Promise<{ path: string; removed: string[] }> {
  const removed: string[] = [];
  for (const name of await fs.readdir(parent).catch(() => [] as string[])) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    if (!Number.isInteger(pid) || pid === process.pid || isRunning(pid)) continue;
    await fs.rm(path.join(parent, name), { recursive: true, force: true });
    removed.push(name);
  }
  // The pid names the process; the suffix keeps apart two workers started in one process (tests).
  const own = await fs.mkdtemp(path.join(parent, `${prefix}${process.pid}-`));
  return { path: own, removed };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
