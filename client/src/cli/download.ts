// `download <id> [dir]`: every output of a task, written under dir at its own relative path
// (an HLS ladder keeps its playlists beside their segments).
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MediaTasksError } from '../errors.js';
import type { Task } from '../client.js';

export async function downloadOutputs(task: Task, directory: string, fetchImpl: typeof fetch = fetch): Promise<string[]> {
  const root = path.resolve(directory);
  const written: string[] = [];
  for (const output of task.outputs) {
    const target = path.resolve(root, output.filename);
    // A filename is the server's, but a path that leaves the folder is never written.
    if (target !== root && !target.startsWith(`${root}${path.sep}`)) throw new MediaTasksError('BAD_RESPONSE', `Output ${output.filename} would be written outside ${root}.`);
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
