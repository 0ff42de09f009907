// Resumable uploads: a row per upload in Postgres (owner, announced name, type and size, expiry,
// the task that took it) beside the bytes the tus protocol collects in UPLOADS_DIR. A task takes
// a completed upload: its bytes move into storage as the task's input, its row remembers the task.
// What no task takes by its expiry is removed, row and bytes.
import fs from 'node:fs/promises';
import path from 'node:path';
import { FileStore } from '@tus/file-store';
import { Upload as TusUpload } from '@tus/utils';
import type pg from 'pg';
import type { Logger } from '../logger.js';
import { RequestError } from '../tasks/request-error.js';
import { uuidv7 } from '../tasks/uuid.js';
import { newFileSecret, taskInputKey, type Storage } from '../storage/storage.js';
import { reachingStorage } from './storage-unavailable.js';
import type { UploadLedger } from './graphql-multipart.js';
import { safeFilename, type StoredUpload } from './stored-upload.js';

export interface UploadRecord {
  id: string;
  owner: string | null;
  filename: string;
  mimeType: string;
  size: number;
  createdAt: Date;
  expiresAt: Date;
  completedAt: Date | null;
  takenBy: string | null;
  /** Set for a direct upload (S3 multipart to presigned URLs). */
  storageKey: string | null;
  inputSecret: string | null;
  multipartId: string | null;
}

/** A part of a direct upload: bytes [offset, offset + size) of the file, PUT to url. */
export interface DirectPart {
  partNumber: number;
  offset: number;
  size: number;
  url: string;
}

export interface AnnouncedUpload {
  filename: string;
  mimeType: string;
  size: number;
}

const columns = `id, owner, filename, mime_type AS "mimeType", size::float8 AS size, created_at AS "createdAt",
  expires_at AS "expiresAt", completed_at AS "completedAt", taken_by AS "takenBy",
  storage_key AS "storageKey", input_secret AS "inputSecret", multipart_id AS "multipartId"`;

/** S3 takes at most 10,000 parts of at least 5 MiB (but the last); 8 MiB keeps 2 GiB at 256. */
const smallestPart = 8 * 1024 * 1024;
const mostParts = 10_000;
export const directPartSize = (size: number) => Math.max(smallestPart, Math.ceil(size / mostParts));

export class UploadService {
  private store: FileStore | null = null;
  private sweeper: NodeJS.Timeout | null = null;

  constructor(
    private readonly pool: pg.Pool,
    private readonly storage: Storage,
    private readonly settings: { directory: string; expirySeconds: number; maxUploadBytes: number },
    private readonly logger: Logger,
  ) {}

  /**
   * Where tus writes: `<id>` (the bytes) and `<id>.json` (its offset and metadata). Made on first
   * use: a process that never takes a resumable upload writes nothing to its disk.
   */
  get datastore(): FileStore {
    if (!this.store) {
      this.store = new FileStore({ directory: this.settings.directory, expirationPeriodInMilliseconds: this.settings.expirySeconds * 1000 });
      // Uploads of unknown length are refused (the size is checked, and recorded, at creation):
      // not advertised either, so that tus clients do not offer them.
      this.store.extensions = this.store.extensions.filter((extension) => extension !== 'creation-defer-length');
    }
    return this.store;
  }

  /** Checks what a client announces; BAD_USER_INPUT / INPUT_TOO_LARGE name the field. */
  check(announced: AnnouncedUpload): void {
    if (!Number.isSafeInteger(announced.size) || announced.size < 1) throw new RequestError('BAD_USER_INPUT', 'size must be a whole number of bytes, at least 1.', 'size');
    if (announced.size > this.settings.maxUploadBytes) {
      throw new RequestError('INPUT_TOO_LARGE', `size ${announced.size} is over the upload limit of ${this.settings.maxUploadBytes} bytes (MAX_UPLOAD_BYTES).`, 'size');
    }
    if (!announced.filename.trim() || announced.filename.length > 255) throw new RequestError('BAD_USER_INPUT', 'filename must have 1 to 255 characters.', 'filename');
    if (announced.mimeType.length > 255) throw new RequestError('BAD_USER_INPUT', 'mimeType must have at most 255 characters.', 'mimeType');
  }

  /** Records an upload (the tus creation request's, or createUpload's with `createBytes`). */
  async register(id: string, owner: string | null, announced: AnnouncedUpload, options: { createBytes: boolean }): Promise<UploadRecord> {
    this.check(announced);
    const record = await this.insertRow(id, owner, announced);
    if (options.createBytes) {
      await this.datastore.create(new TusUpload({ id, size: announced.size, offset: 0, metadata: { filename: announced.filename, filetype: announced.mimeType } }));
    }
    return record;
  }

  /**
   * The record of files a multipart request streams into storage: a completed upload row with
   * the object's key, which the task created from it takes (recordTaker); one no task took (a
   * crash between storing and the task's commit) is swept with its bytes at expiry.
   */
  ledger(owner: string | null): UploadLedger {
    return {
      begin: async (upload) => {
        const announced = { filename: upload.filename.slice(0, 255), mimeType: upload.mimeType.slice(0, 255), size: 0 };
        return (await this.insertRow(uuidv7(), owner, announced, { storageKey: upload.key, inputSecret: upload.inputSecret })).id;
      },
      end: async (id, size) => {
        await this.pool.query('UPDATE upload SET size = $2, completed_at = now() WHERE id = $1', [id, size]);
      },
      discard: (ids) => this.forget(ids),
    };
  }

  /** Forgets the records of uploads whose bytes were removed (taken by no task). */
  async forget(ids: string[]): Promise<void> {
    if (ids.length > 0) await this.pool.query('DELETE FROM upload WHERE id = ANY($1::uuid[])', [ids]);
  }

  /** Creates an upload for a client to send with tus (createUpload). */
  create(owner: string | null, announced: AnnouncedUpload): Promise<UploadRecord> {
    return this.register(uuidv7(), owner, announced, { createBytes: true });
  }

  /**
   * Creates a direct upload: an S3 multipart upload of the object that becomes the task's input,
   * whose parts the client PUTs to presigned URLs (parts()), then completeDirect().
   */
  async createDirect(owner: string | null, announced: AnnouncedUpload): Promise<UploadRecord> {
    const direct = this.storage.direct;
    if (!direct) throw new RequestError('BAD_USER_INPUT', 'Direct uploads need S3 storage (STORAGE_URL=s3://…); send the file with tus instead (direct: false).', 'direct');
    this.check(announced);
    const inputSecret = newFileSecret();
    const key = taskInputKey(inputSecret, safeFilename(announced.filename));
    const multipartId = await reachingStorage(() => direct.start(key, announced.mimeType || 'application/octet-stream'));
    return this.insertRow(uuidv7(), owner, announced, { storageKey: key, inputSecret, multipartId });
  }

  /** The parts of an unfinished direct upload with fresh URLs, valid until it expires (at most 7 days). */
  async parts(record: UploadRecord): Promise<DirectPart[] | null> {
    if (!record.storageKey || !record.multipartId || record.completedAt || !this.storage.direct) return null;
    const partSize = directPartSize(record.size);
    const validSeconds = (record.expiresAt.getTime() - Date.now()) / 1000;
    const parts: DirectPart[] = [];
    for (let offset = 0, partNumber = 1; offset < record.size; offset += partSize, partNumber++) {
      const url = await this.storage.direct.partUrl(record.storageKey, record.multipartId, partNumber, validSeconds);
      parts.push({ partNumber, offset, size: Math.min(partSize, record.size - offset), url });
    }
    return parts;
  }

  /**
   * Completes a direct upload from the parts the client sent (their ETags), then checks that the
   * object has the announced size: one that does not is removed, and the upload with it.
   */
  async completeDirect(id: string, owner: string | null, sent: Array<{ partNumber: number; etag: string }>): Promise<UploadRecord> {
    const record = await this.find(id, owner);
    if (!record || record.expiresAt <= new Date()) throw new RequestError('NOT_FOUND', `No upload with id ${id}.`, 'id');
    if (!record.storageKey || !record.multipartId) throw new RequestError('BAD_USER_INPUT', `Upload ${id} is a tus upload: it completes with its last PATCH.`, 'id');
    if (record.completedAt) return record;
    const expected = Math.ceil(record.size / directPartSize(record.size));
    const numbers = sent.map((part) => part.partNumber).sort((a, b) => a - b);
    if (numbers.length !== expected || numbers.some((number, index) => number !== index + 1)) {
      throw new RequestError('BAD_USER_INPUT', `parts must list each of the ${expected} parts once (partNumber 1 to ${expected}) with the ETag its PUT answered.`, 'parts');
    }
    const { storageKey, multipartId } = record;
    await reachingStorage(() => this.storage.direct!.complete(storageKey, multipartId, [...sent].sort((a, b) => a.partNumber - b.partNumber))).catch((error: unknown) => {
      if (error instanceof RequestError) throw error;
      const { name, message } = error as Error;
      throw new RequestError('BAD_USER_INPUT', `The bucket refused to assemble the parts (${name}: ${message}): check that every part was sent whole and each ETag is the one its PUT answered.`, 'parts');
    });
    const stored = await reachingStorage(() => this.storage.stat(storageKey));
    if (stored?.size !== record.size) {
      await this.storage.deletePrefix(`${record.inputSecret}/`);
      await this.pool.query('DELETE FROM upload WHERE id = $1', [id]);
      throw new RequestError('BAD_USER_INPUT', `The parts hold ${stored?.size ?? 0} bytes where ${record.size} were announced: the upload is removed; create it again.`, 'parts');
    }
    const { rows: [completed] } = await this.pool.query<UploadRecord>(
      `UPDATE upload SET completed_at = now() WHERE id = $1 RETURNING ${columns}`, [id]);
    return completed;
  }

  /** One upload row, expiring UPLOAD_EXPIRY_HOURS from now; `stored` for files already bound for the store. */
  private async insertRow(id: string, owner: string | null, announced: AnnouncedUpload,
    stored: { storageKey: string; inputSecret: string; multipartId?: string } | null = null): Promise<UploadRecord> {
    const { rows: [record] } = await this.pool.query<UploadRecord>(
      `INSERT INTO upload (id, owner, filename, mime_type, size, expires_at, storage_key, input_secret, multipart_id)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6), $7, $8, $9) RETURNING ${columns}`,
      [id, owner, announced.filename, announced.mimeType || 'application/octet-stream', announced.size, this.settings.expirySeconds,
        stored?.storageKey ?? null, stored?.inputSecret ?? null, stored?.multipartId ?? null]);
    return record;
  }

  /** The caller's upload, or null (another owner's does not exist, as far as the caller can tell). */
  async find(id: string, owner: string | null): Promise<UploadRecord | null> {
    if (!isUuid(id)) return null;
    const { rows: [record] } = await this.pool.query<UploadRecord>(
      `SELECT ${columns} FROM upload WHERE id = $1 AND ($2::text IS NULL OR owner = $2)`, [id, owner]);
    return record ?? null;
  }

  /** Bytes received so far (a direct upload tells only once completed: the bucket counts its parts). */
  async offset(record: UploadRecord): Promise<number> {
    if (record.takenBy || record.completedAt) return record.size;
    if (record.storageKey) return 0;
    return this.datastore.getUpload(record.id).then((upload) => upload.offset, () => 0);
  }

  async markCompleted(id: string): Promise<void> {
    await this.pool.query('UPDATE upload SET completed_at = now() WHERE id = $1 AND completed_at IS NULL', [id]);
  }

  /**
   * Claims a completed upload for a task and moves its bytes into storage under a new input
   * secret. Claimed first, atomically: two createTasks cannot take one upload.
   */
  async take(id: string, owner: string | null, field: string): Promise<StoredUpload> {
    const claimId = uuidv7();
    const { rows: [record] } = await this.pool.query<UploadRecord>(
      `UPDATE upload SET taken_by = $3
       WHERE id = $1 AND ($2::text IS NULL OR owner = $2) AND completed_at IS NOT NULL AND taken_by IS NULL AND expires_at > now()
       RETURNING ${columns}`, [isUuid(id) ? id : null, owner, claimId]);
    if (!record) throw await this.whyNotTaken(id, owner, field);
    // A direct upload is in the store already, under its own secret.
    if (record.storageKey && record.inputSecret) {
      return { inputSecret: record.inputSecret, key: record.storageKey, filename: record.filename, mimeType: record.mimeType, size: record.size, sha256: '', uploadId: id };
    }
    const inputSecret = newFileSecret();
    const key = taskInputKey(inputSecret, safeFilename(record.filename));
    const stored = await reachingStorage(() => this.storage.putFile(key, path.join(this.settings.directory, id)));
    await fs.rm(path.join(this.settings.directory, `${id}.json`), { force: true });
    return { inputSecret, key, filename: record.filename, mimeType: record.mimeType, size: stored.size, sha256: '', uploadId: id };
  }

  /** Names the task that took an upload (its claim held a placeholder until the task existed). */
  async recordTaker(uploadId: string, taskId: string, client: pg.ClientBase): Promise<void> {
    await client.query('UPDATE upload SET taken_by = $2 WHERE id = $1', [uploadId, taskId]);
  }

  private async whyNotTaken(id: string, owner: string | null, field: string): Promise<RequestError> {
    const record = await this.find(id, owner);
    if (!record) return new RequestError('NOT_FOUND', `No upload with id ${id}.`, field);
    if (record.takenBy) return new RequestError('CONFLICT', `Upload ${id} is already the input of task ${record.takenBy}: upload the file again for another task.`, field);
    if (record.expiresAt <= new Date()) return new RequestError('NOT_FOUND', `Upload ${id} expired at ${record.expiresAt.toISOString()}.`, field);
    if (record.storageKey) return new RequestError('CONFLICT', `Upload ${id} is not complete: PUT its parts, then completeUpload.`, field);
    const offset = await this.offset(record);
    return new RequestError('CONFLICT', `Upload ${id} has ${offset} of ${record.size} bytes: finish it (tus PATCH from offset ${offset}) before creating its task.`, field);
  }

  /** Removes an upload's row and bytes (tus termination, expiry). */
  async remove(id: string): Promise<void> {
    await this.pool.query('DELETE FROM upload WHERE id = $1 AND taken_by IS NULL', [id]);
    await this.removeBytes(id);
  }

  private async removeBytes(id: string): Promise<void> {
    await fs.rm(path.join(this.settings.directory, id), { force: true });
    await fs.rm(path.join(this.settings.directory, `${id}.json`), { force: true });
  }

  /**
   * Removes the uploads past their expiry that no task took, and the rows of taken ones past it
   * (their bytes are the task's); returns how many uploads were abandoned.
   */
  async removeExpired(): Promise<number> {
    const { rows } = await this.pool.query<{ id: string; abandoned: boolean; storageKey: string | null; inputSecret: string | null; multipartId: string | null; completed: boolean }>(
      `DELETE FROM upload WHERE expires_at <= now()
       RETURNING id, taken_by IS NULL AS abandoned, storage_key AS "storageKey", input_secret AS "inputSecret", multipart_id AS "multipartId", completed_at IS NOT NULL AS completed`);
    const abandoned = rows.filter((row) => row.abandoned);
    for (const row of abandoned) {
      if (!row.storageKey) {
        await this.removeBytes(row.id);
        continue;
      }
      if (!row.completed && row.multipartId) await this.storage.direct?.abort(row.storageKey, row.multipartId);
      await this.storage.deletePrefix(`${row.inputSecret}/`);
    }
    if (abandoned.length > 0) this.logger.info({ count: abandoned.length }, 'removed expired uploads');
    return abandoned.length;
  }

  /** Sweeps now and then: every minute, or more often when uploads expire sooner. */
  start(): void {
    const everyMs = Math.min(60_000, Math.max(1000, this.settings.expirySeconds * 250));
    this.sweeper = setInterval(() => {
      this.removeExpired().catch((error: unknown) => this.logger.warn({ err: error }, 'removing expired uploads failed; trying again later'));
    }, everyMs);
    this.sweeper.unref();
  }

  stop(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
  }
}

const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
