// Which processes work on a task: ffmpeg reads and writes inside a folder named after it.
import fs from 'node:fs/promises';

/** Processes still running (not zombies) whose command line mentions the task. */
export async function processesOfTask(taskUuid: string): Promise<string[]> {
  const found: string[] = [];
  for (const pid of await fs.readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const commandLine = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (commandLine.includes(taskUuid) && await isRunning(pid)) found.push(pid);
  }
  return found;
}

/** Whether a process still runs; a zombie (killed, not yet reaped by its parent) has ended. */
export async function isRunning(pid: string): Promise<boolean> {
  const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  return stat !== null && stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
}

/** The database id inside a GraphQL global id (`Task:<uuid>`, base64). */
export function taskUuid(globalId: string): string {
  return Buffer.from(globalId, 'base64').toString().replace(/^Task:/, '');
}
