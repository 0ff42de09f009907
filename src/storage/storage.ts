// Where inputs and outputs live. One interface so an S3-compatible store can be added beside
// the local folder; keys are relative paths such as `tasks/<id>/outputs/<file>`.
import type { Readable } from 'node:stream';

export interface StoredObject {
  size: number;
}

export interface Storage {
  /** Moves a finished local file into storage. */
  putFile(key: string, sourcePath: string): Promise<StoredObject>;
  /** Writes a stream into storage, refusing more than maxBytes. */
  putStream(key: string, body: Readable, maxBytes: number): Promise<StoredObject>;
  /** A local path from which the object can be read (a download for remote stores). */
  localPath(key: string): Promise<string>;
  /** The absolute URL a client downloads the object from. */
  url(key: string): string;
  /** Removes every object whose key starts with prefix. */
  deletePrefix(prefix: string): Promise<void>;
}

export class StorageLimitError extends Error {
  constructor(readonly maxBytes: number) {
    super(`Upload is larger than the limit of ${Math.round(maxBytes / 1024 / 1024)} MB`);
    this.name = 'StorageLimitError';
  }
}

export const taskInputKey = (taskId: string, filename: string) => `tasks/${taskId}/input/${filename}`;
/** Outputs keep their relative layout, so that files referring to each other (HLS playlists) resolve. */
export const taskOutputKey = (taskId: string, relativePath: string) => `tasks/${taskId}/outputs/${relativePath}`;
export const taskPrefix = (taskId: string) => `tasks/${taskId}/`;
