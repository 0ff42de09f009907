// `download <id> [dir]`: every output of a task, written under dir at its own relative path, the
// output's `path` (an HLS ladder's renditions all have the filename index.m3u8: by path each
// keeps its folder, where the master playlist and its segments expect it).
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MediaTasksError } from '../errors.js';
import type { Task } from '../client.js';
import { UsageError } from './usage-error.js';

export async function downloadOutputs(task: Task, directory: string, options: { overwrite?: boolean; fetchImpl?: typeof fetch } = {}): Promise<string[]> {
  const fetchImpl = options.fetchImpl ?? fetch;
  const root = path.resolve(directory);
  const written: string[] = [];
  // Every path is checked before anything is written: a refused one leaves no partial download.
  const targets = task.outputs.map((output) => ({ output, target: targetOf(root, output.path) }));
  // An output named like its input (clip.mp4 → clip.mp4) would silently replace the source in
  // the folder it was uploaded from.
  const existing = options.overwrite ? [] : targets.filter(({ target }) => fs.existsSync(target)).map(({ target }) => target);
  if (existing.length > 0) throw new UsageError(`Refused to overwrite ${existing.join(', ')}: give another folder, or --overwrite.`);
  for (const { output, target } of targets) {
    const response = await fetchImpl(output.url).catch((error: unknown) => {
      throw new MediaTasksError('NETWORK_ERROR', `Could not download ${output.url}: ${(error as Error).message}`, { cause: error });
    });
    if (!response.ok || !response.body) throw new MediaTasksError(response.status === 404 ? 'NOT_FOUND' : 'BAD_RESPONSE', `${output.url} answered ${response.status}.`, { status: response.status });
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), fs.createWriteStream(target, { flags: options.overwrite ? 'w' : 'wx' }));
    written.push(target);
  }
  return written;
}

/** Where an output's path goes under root; a path that is absolute or climbs out (..) is refused. */
export function targetOf(root: string, outputPath: string): string {
  const segments = outputPath.split(/[\\/]/);
  const target = path.resolve(root, ...segments);
  // The path is the server's, but one that would leave the folder is never written.
  if (path.isAbsolute(outputPath) || /^[a-zA-Z]:/.test(outputPath) || segments.includes('..') || !target.startsWith(`${root}${path.sep}`)) {
    throw new MediaTasksError('BAD_RESPONSE', `Refused to download the output at '${outputPath}': it would be written outside ${root}.`);
  }
  return target;
}
