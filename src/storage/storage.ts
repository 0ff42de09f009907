// Where inputs and outputs live: the local folder (local-storage.ts) or an S3-compatible bucket
// (s3/s3-storage.ts), chosen by STORAGE_URL. Keys are relative paths such as `<output secret>/<file>`.
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';

export interface StoredObject {
  size: number;
}

/** Bytes start to end of an object, both included (an HTTP Range). */
export interface ByteRange {
  start: number;
  end: number;
}

export interface Storage {
  /** Moves a finished local file into storage. */
  putFile(key: string, sourcePath: string): Promise<StoredObject>;
  /** Writes a stream into storage, refusing more than maxBytes (and then keeping nothing). */
  putStream(key: string, body: Readable, maxBytes: number): Promise<StoredObject>;
  /**
   * Runs `use` with a local path of the object, valid until it returns: the file itself for the
   * local folder, a (cached) download for a remote store. Media tools only ever see this path.
   */
  withLocalCopy<T>(key: string, use: (localPath: string) => Promise<T>): Promise<T>;
  /** The object's size, or null when there is none. */
  stat(key: string): Promise<StoredObject | null>;
  /** The object's bytes, or only those of range. */
  read(key: string, range?: ByteRange): Promise<Readable>;
  /** The absolute URL a client downloads the object from; `base` replaces the configured public URL. */
  url(key: string, base?: string): string;
  /** Removes every object whose key starts with prefix. */
  deletePrefix(prefix: string): Promise<void>;
  /** Releases connections and local copies. */
  close(): Promise<void>;
  /** Uploads from clients straight into the store, where it can take them (S3); else absent. */
  readonly direct?: DirectUploads;
}

export interface UploadedPart {
  partNumber: number;
  etag: string;
}

/** A multipart upload whose parts a client sends to presigned URLs, and the server completes. */
export interface DirectUploads {
  /** Starts one for the object of `key`; returns its id. */
  start(key: string, contentType: string): Promise<string>;
  /** Where the client PUTs part `partNumber` (from 1), valid for about `validSeconds`. */
  partUrl(key: string, multipartId: string, partNumber: number, validSeconds: number): Promise<string>;
  /** Assembles the object from the parts the client reported. */
  complete(key: string, multipartId: string, parts: UploadedPart[]): Promise<void>;
  /** Drops an unfinished one and its parts (best effort). */
  abort(key: string, multipartId: string): Promise<void>;
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

/** The encoded URL path of a key (`a b/c.m3u8` → `a%20b/c.m3u8`): segments encoded, slashes kept. */
export const keyUrlPath = (key: string) => key.split('/').map(encodeURIComponent).join('/');
