// Receives a GraphQL multipart request (https://github.com/jaydenseric/graphql-multipart-request-spec)
// as a stream: each file goes straight to storage while it arrives, so memory stays flat whatever
// the size; the operations come back with an opaque token where each file was.
import { createHash, randomBytes } from 'node:crypto';
import type http from 'node:http';
import { Transform } from 'node:stream';
import busboy from 'busboy';
import { newFileSecret, StorageLimitError, taskInputKey, type Storage } from '../storage/storage.js';
import { unavailableReason } from './storage-unavailable.js';
import { safeFilename, uploadTokenPrefix, type StoredUpload } from './stored-upload.js';

/** Why a multipart request was refused; `status` is the HTTP status to answer with. */
export class MultipartError extends Error {
  constructor(
    readonly code: 'BAD_USER_INPUT' | 'INPUT_TOO_LARGE' | 'SERVICE_UNAVAILABLE', message: string, readonly status: number, readonly field?: string,
    /** A GraphQL error code that says more (GRAPHQL_VALIDATION_FAILED). */
    readonly graphqlCode?: string,
  ) {
    super(message);
    this.name = 'MultipartError';
  }
}

export interface ReceivedMultipart {
  /** `operations` with a token string at each file's place. */
  operations: unknown;
  /** token → the stored file. */
  uploads: Map<string, StoredUpload>;
}

/**
 * Where the files being received are recorded, so that a crash mid-request leaves no bytes that
 * nothing accounts for (UploadService: an upload row, swept at expiry unless a task takes it).
 */
export interface UploadLedger {
  /** Before the first byte is stored; returns the record's id. */
  begin(upload: StoredUpload): Promise<string>;
  /** Once the whole file is stored. */
  end(id: string, size: number): Promise<void>;
  /** The records of files removed because the request failed. */
  discard(ids: string[]): Promise<void>;
}

export interface MultipartLimits {
  /** The request's files together. */
  maxUploadBytes: number;
  /** The `operations` and `map` fields, each. */
  maxFieldBytes: number;
  maxFiles: number;
  /** Runs once `operations` and `map` are in, before any file is stored (the caller's checks). */
  beforeFiles?: (operations: unknown, files: number) => Promise<void>;
}

/** Marks a multipart request (`multipart/form-data`, any parameters). */
export const isMultipart = (request: http.IncomingMessage) => /^multipart\/form-data\b/i.test(request.headers['content-type'] ?? '');

/**
 * Streams the request's files into storage and returns the operations. On any failure every file
 * stored so far is removed before it rejects (with a MultipartError for the client's mistakes).
 */
export async function receiveMultipart(request: http.IncomingMessage, storage: Storage, limits: MultipartLimits, ledger: UploadLedger): Promise<ReceivedMultipart> {
  const stored: StoredUpload[] = [];
  try {
    return await parse(request, storage, limits, ledger, stored);
  } catch (error) {
    await Promise.all(stored.map((upload) => storage.deletePrefix(`${upload.inputSecret}/`).catch(() => {})));
    await ledger.discard(stored.flatMap((upload) => (upload.uploadId ? [upload.uploadId] : []))).catch(() => {});
    throw error;
  }
}

function parse(request: http.IncomingMessage, storage: Storage, limits: MultipartLimits, ledger: UploadLedger, stored: StoredUpload[]): Promise<ReceivedMultipart> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: request.headers, limits: { fieldSize: limits.maxFieldBytes, fields: 2, files: limits.maxFiles, parts: limits.maxFiles + 2 } });
    } catch (error) {
      return reject(new MultipartError('BAD_USER_INPUT', `Not a readable multipart request: ${(error as Error).message}.`, 400));
    }
    let operations: unknown;
    let map: Map<string, string[]> | undefined;
    const uploads = new Map<string, StoredUpload>();
    let receivedBytes = 0;
    // Files are stored one after another, in the order they arrive (the parser waits for each).
    let storing: Promise<void> = Promise.resolve();
    let receiving: Transform | undefined;
    const received = new Set<string>();
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      request.unpipe(parser);
      receiving?.destroy(error as Error);
      // The rest of the body is not read: the caller answers and closes the connection. Rejects
      // once the file being stored has stopped, so that its removal comes after its last write.
      void storing.catch(() => {}).then(() => reject(error));
    };

    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) return fail(new MultipartError('INPUT_TOO_LARGE', `The multipart field "${name}" is longer than ${limits.maxFieldBytes} bytes.`, 413));
      try {
        if (name === 'operations') operations = JSON.parse(value);
        else if (name === 'map') {
          map = parseMap(JSON.parse(value));
          const files = map.size;
          if (files > limits.maxFiles) return fail(new MultipartError('BAD_USER_INPUT', `A request carries at most ${limits.maxFiles} files; its map names ${files}.`, 400));
          if (operations === undefined) return fail(new MultipartError('BAD_USER_INPUT', 'A multipart request sends "operations" before "map".', 400));
          const sent = operations;
          if (limits.beforeFiles) storing = storing.then(() => limits.beforeFiles!(sent, files));
          storing.catch(fail);
        }
      } catch (error) {
        fail(error instanceof MultipartError ? error : new MultipartError('BAD_USER_INPUT', `The multipart field "${name}" is not valid JSON.`, 400));
      }
    });

    parser.on('file', (name, file, info) => {
      const paths = map?.get(name);
      if (operations === undefined || !map) {
        file.resume();
        return fail(new MultipartError('BAD_USER_INPUT', 'A multipart request sends "operations" and "map" before its files.', 400));
      }
      if (!paths) return void file.resume(); // not mapped to any variable: ignored, as the spec says
      const hash = createHash('sha256');
      let size = 0;
      const counted = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          hash.update(chunk);
          size += chunk.length;
          callback(null, chunk);
        },
      });
      file.on('error', (error) => counted.destroy(error));
      // Until storing begins (it may wait for the file before, or the rate limit) nothing else
      // listens: the error stays on the stream, and the store's pipeline reports it.
      counted.on('error', () => {});
      file.pipe(counted);
      received.add(name);
      const inputSecret = newFileSecret();
      const key = taskInputKey(inputSecret, safeFilename(info.filename));
      const upload: StoredUpload = { inputSecret, key, filename: info.filename || 'upload', mimeType: info.mimeType, size: 0, sha256: '' };
      stored.push(upload);
      storing = storing.then(async () => {
        receiving = counted;
        upload.uploadId = await ledger.begin(upload);
        await storage.putStream(key, counted, limits.maxUploadBytes - receivedBytes).catch((error: unknown) => {
          if (error instanceof StorageLimitError) throw tooLarge(limits.maxUploadBytes);
          if (failed) throw error; // the client went away, or another part failed first
          // The server's trouble (the store is down, its disk full): said, not a bare 500.
          const reason = unavailableReason(error) ?? (error as NodeJS.ErrnoException).code ?? (error as Error).name;
          throw Object.assign(new MultipartError('SERVICE_UNAVAILABLE', `Storing the upload failed (${reason}); retry in a few seconds.`, 503), { cause: error });
        });
        receivedBytes += size;
        upload.size = size;
        upload.sha256 = hash.digest('hex');
        await ledger.end(upload.uploadId, size);
        const token = `${uploadTokenPrefix}${randomBytes(12).toString('base64url')}`;
        uploads.set(token, upload);
        for (const path of paths) placeToken(operations, path, token);
      });
      storing.catch(fail);
    });

    parser.on('filesLimit', () => fail(new MultipartError('BAD_USER_INPUT', `A request carries at most ${limits.maxFiles} files.`, 400)));
    parser.on('partsLimit', () => fail(new MultipartError('BAD_USER_INPUT', `A request carries at most ${limits.maxFiles} files besides "operations" and "map".`, 400)));
    parser.on('error', (error: Error) => fail(new MultipartError('BAD_USER_INPUT', `The multipart body ended early or is malformed: ${error.message}.`, 400)));
    parser.on('close', () => {
      storing.then(() => {
        if (failed) return;
        if (operations === undefined || !map) return fail(new MultipartError('BAD_USER_INPUT', 'A multipart request needs the fields "operations" and "map".', 400));
        const missing = [...map.keys()].filter((name) => !received.has(name));
        if (missing.length > 0) {
          return fail(new MultipartError('BAD_USER_INPUT', `The map names files the request did not carry: ${missing.join(', ')}.`, 400));
        }
        resolve({ operations, uploads });
      }, fail);
    });
    request.on('close', () => {
      if (!request.complete) fail(new MultipartError('BAD_USER_INPUT', 'The client closed the connection before the upload ended.', 400));
    });
    request.pipe(parser);
  });
}

export const tooLarge = (maxUploadBytes: number) => new MultipartError('INPUT_TOO_LARGE',
  `The upload is larger than the limit of ${megabytes(maxUploadBytes)} (MAX_UPLOAD_BYTES, the request's files together): for larger files ask the operator, or split the media.`, 413, 'file');

const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

function parseMap(value: unknown): Map<string, string[]> {
  const invalid = () => new MultipartError('BAD_USER_INPUT', 'The multipart "map" must be an object of file names to arrays of paths, e.g. {"0": ["variables.input.file"]}.', 400);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalid();
  const map = new Map<string, string[]>();
  for (const [name, paths] of Object.entries(value)) {
    if (!Array.isArray(paths) || paths.some((path) => typeof path !== 'string')) throw invalid();
    map.set(name, paths as string[]);
  }
  return map;
}

/** Puts the token at a dotted path (`variables.input.file`, `0.variables.files.1`) that must exist and be null. */
function placeToken(operations: unknown, path: string, token: string): void {
  const segments = path.split('.');
  let parent = operations as Record<string, unknown> | undefined;
  for (const segment of segments.slice(0, -1)) {
    parent = parent?.[segment] as Record<string, unknown> | undefined;
    if (parent === null || typeof parent !== 'object') break;
  }
  const last = segments.at(-1)!;
  if (parent === null || typeof parent !== 'object' || parent[last] !== null) {
    throw new MultipartError('BAD_USER_INPUT', `The map's path "${path}" does not name a null in the operations.`, 400);
  }
  parent[last] = token;
}
