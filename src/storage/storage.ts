// Where inputs and outputs live. One interface so an S3-compatible store can be added beside
// the local folder; keys are relative paths such as `<output secret>/<file>`.
import { randomBytes } from 'node:crypto';
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
  /** The absolute URL a client downloads the object from; `base` replaces the configured public URL. */
  url(key: string, base?: string): string;
  /** Removes every object whose key starts with prefix. */
  deletePrefix(prefix: string): Promise<void>;
}

export class StorageLimitError extends Error {
  constructor(readonly maxBytes: number) {
    super(`Upload is larger than the limit of ${Math.round(maxBytes / 1024 / 1024)} MB`);
    this.name = 'StorageLimitError';
  }
}

/**
 * Every key starts with a secret of the task's: the URL of a file is its key, so holding one is
 * the permission to read it. A task has two: its outputs' and its input's, so that whoever holds
 * an output URL cannot reach the input. 32 random bytes, base64url (43 characters, 256 bits).
 */
export const newFileSecret = () => randomBytes(32).toString('base64url');
/** A key's first segment is a file secret: anything else (a guess, the old `tasks/<id>/` keys) is never served. */
export const isSecretKey = (key: string) => /^[A-Za-z0-9_-]{43}\/./.test(key) && !key.split('/').some((segment) => segment === '..' || segment === '.' || segment === '');

export const taskInputKey = (inputSecret: string, filename: string) => `${inputSecret}/${filename}`;
/** Outputs keep their relative layout, so that files referring to each other (HLS playlists) resolve. */
export const taskOutputKey = (outputSecret: string, relativePath: string) => `${outputSecret}/${relativePath}`;
/** The folders a task's files live in (the input's, written only by a task that fetched or received it). */
export const taskFolders = (secrets: { inputSecret: string; outputSecret: string }) => [`${secrets.inputSecret}/`, `${secrets.outputSecret}/`];
