// @mediatasks/client in Node: files are paths or Blobs. Kept apart from index.ts so that a
// browser bundle never sees node:fs.
import fs from 'node:fs';
import path from 'node:path';
import { createClientFor, type ClientOptions, type MediaTasksClient } from './client.js';
import type { TusFileReader } from './resumable-upload.js';

/** tus-js-client in Node reads Buffers and streams, not Blobs: slices of the Blob, one PATCH each. */
const blobFileReader: TusFileReader = {
  async openFile(input: Blob) {
    return {
      size: input.size,
      async slice(start: number, end: number) {
        const value = Object.assign(Buffer.from(await input.slice(start, end).arrayBuffer()), { size: Math.min(end, input.size) - start });
        return { value, done: end >= input.size };
      },
      close() {},
    };
  },
};

export function createClient(options: ClientOptions): MediaTasksClient<string | Blob> {
  return createClientFor<string | Blob>({
    // A file-backed Blob: read as it is sent, never whole in memory.
    toBlob: async (file) => (typeof file === 'string' ? { blob: await fs.openAsBlob(file), filename: path.basename(file) } : { blob: file }),
    tusFileReader: blobFileReader,
    // Bounds the memory a resumable upload holds (one slice at a time).
    tusChunkSize: 16 * 1024 * 1024,
    preferXhr: false,
  }, options);
}

export type {
  ClientOptions, CreateTaskRequest, KindInfo, MediaTasksClient, MultipartUpload, OperationSink, Task, TaskChange, TaskListOptions, TypedDocument, UploadedInput, UploadOptions,
} from './client.js';
export { MediaTasksError, type ClientErrorCode } from './errors.js';
export { isTerminal, terminalStatuses } from './task-status.js';
export type * from './generated/graphql.js';
