// `download <id> [dir]`: every output of a task, written under dir at its own relative path, the
// output's `path` (an HLS ladder's renditions all have the filename index.m3u8: by path each
// keeps its folder, where the master playlist and its segments expect it).
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MediaTasksError } from '../errors.js';
import type { Task } from '../client.js';

export async function downloadOutputs(task: Task, directory: string, fetchImpl: typeof fetch = fetch): Promise<string[]> {
  const root = path.resolve(directory);
  const written: string[] = [];
  // Every path is checked before anything is written: a refused one leaves no partial download.
  const targets = task.outputs.map((output) => ({ output, target: targetOf(root, output.path) }));
  for (const { output, target } of targets) {
    const response = await fetchImpl(output.url).catch((error: unknown) => {
      throw new MediaTasksError('NETWORK_ERROR', `Could not download ${output.url}: ${(error as Error).message}`, { cause: error });
    });
    if (!response.ok || !response.body) throw new MediaTasksError(response.status === 404 ? 'NOT_FOUND' : 'BAD_RESPONSE', `${output.url} answered ${response.status}.`, { status: response.status });
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), fs.createWriteStream(target));
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
