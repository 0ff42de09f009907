// A media tool must not outlive its worker. Node cannot set a parent-death signal on the
// processes it spawns, so on Linux each tool runs through a small wrapper that asks the kernel
// (util-linux's setpriv --pdeathsig) to SIGKILL it when the worker dies, however it dies.
// Elsewhere, or without setpriv, the tool runs as it is (and is still killed on a clean stop).
import { constants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { mediaToolEnvironment } from '../media/ffmpeg-binaries.js';

const setprivCandidates = ['/usr/bin/setpriv', '/bin/setpriv'];

/** The path to spawn `binaryPath` by: a wrapper in `folder` tying it to this process, when possible. */
export async function tiedToThisProcess(binaryPath: string, folder: string): Promise<string> {
  const setpriv = process.platform === 'linux' ? await findExecutable(setprivCandidates) : undefined;
  if (!setpriv) return binaryPath;
  const wrapper = path.join(folder, 'bin', path.basename(binaryPath));
  // The bundled static builds need their environment set here: the wrapper's path no longer says what it runs.
  const extraEnvironment = Object.entries(mediaToolEnvironment(binaryPath)).filter(([name, value]) => process.env[name] !== value);
  const exports = extraEnvironment.map(([name, value]) => `export ${name}=${shellQuote(value ?? '')}\n`).join('');
  await fs.mkdir(path.dirname(wrapper), { recursive: true });
  await fs.writeFile(wrapper, `#!/bin/sh\n${exports}exec ${setpriv} --pdeathsig KILL -- ${shellQuote(binaryPath)} "$@"\n`, { mode: 0o755 });
  return wrapper;
}

async function findExecutable(candidates: string[]): Promise<string | undefined> {
  for (const candidate of candidates) {
    if (await fs.access(candidate, constants.X_OK).then(() => true, () => false)) return candidate;
  }
  return undefined;
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
