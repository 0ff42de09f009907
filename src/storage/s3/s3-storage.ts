// An S3-compatible bucket (AWS S3, MinIO, Garage, R2, Ceph) as the store: STORAGE_URL=s3://bucket/prefix.
// Objects are written streamed (multipart above one part), read by the file route with ranged
// GETs, and downloaded into the worker's scratch folder for the media tools (cached, LocalCopies).
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import { PassThrough, Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DeleteObjectsCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client, type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { S3Config } from '../../config.js';
import { contentTypeOf, storedFileCacheControl } from '../content-types.js';
import { filesRoutePrefix } from '../local-storage.js';
import { keyUrlPath, StorageLimitError, type ByteRange, type Storage, type StoredObject } from '../storage.js';
import { S3DirectUploads } from './direct-uploads.js';
import { LocalCopies } from './local-copies.js';

export interface S3StorageSettings extends S3Config {
  /** This worker's local copies: where (null in a process that runs no worker), and at most how many bytes not in use. */
  cache: { directory: string | null; maxBytes: number };
}

/** 5 MiB, the smallest part S3 takes; 4 at once: about 20 MiB of memory per upload. */
const partSize = 5 * 1024 * 1024;
const uploadConcurrency = 4;
/** DeleteObjects takes at most 1000 keys. */
const deleteBatch = 1000;

export class S3Storage implements Storage {
  readonly client: S3Client;
  readonly direct: S3DirectUploads;
  private readonly copies: LocalCopies | null;

  constructor(
    private readonly settings: S3StorageSettings,
    private readonly publicUrl: () => string,
  ) {
    const checksums = settings.checksums === 'when_required' ? 'WHEN_REQUIRED' : 'WHEN_SUPPORTED';
    const config: S3ClientConfig = {
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: settings.forcePathStyle,
      credentials: settings.credentials,
      requestChecksumCalculation: checksums,
      responseChecksumValidation: checksums,
    };
    this.client = new S3Client(config);
    // Implementations that predate the SDK's CRC32 checksums (older Ceph, MinIO) still want
    // Content-MD5 on DeleteObjects, the one operation S3 requires an integrity header on.
    this.client.middlewareStack.add((next, context) => async (args) => {
      const request = args.request as { headers?: Record<string, string>; body?: unknown };
      if (context.commandName === 'DeleteObjectsCommand' && typeof request.body === 'string' && request.headers) {
        request.headers['content-md5'] = createHash('md5').update(request.body).digest('base64');
      }
      return next(args);
    }, { step: 'build', name: 'deleteObjectsContentMd5' });
    this.copies = settings.cache.directory ? new LocalCopies(settings.cache.directory, settings.cache.maxBytes) : null;
    this.direct = new S3DirectUploads(this.client, settings.bucket, (key) => this.objectKey(key));
  }

  async putFile(key: string, sourcePath: string): Promise<StoredObject> {
    const { size } = await fs.stat(sourcePath);
    await this.upload(key, createReadStream(sourcePath));
    // The file is where it would be downloaded to: a later step of the workflow finds it.
    if (this.copies) await this.copies.adopt(key, sourcePath);
    else await fs.rm(sourcePath, { force: true });
    return { size };
  }

  async putStream(key: string, body: Readable, maxBytes: number): Promise<StoredObject> {
    let size = 0;
    let overLimit = false;
    const limited = new PassThrough();
    const limit = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        overLimit ||= size > maxBytes;
        callback(overLimit ? new StorageLimitError(maxBytes) : null, chunk);
      },
    });
    // The first failure is the one reported: the other side then fails because of it.
    let failure: unknown = null;
    const piped = pipeline(body, limit, limited).catch((error: unknown) => { failure ??= error; });
    const uploaded = this.upload(key, limited).catch((error: unknown) => {
      failure ??= error;
      limited.destroy();
    });
    await Promise.all([piped, uploaded]);
    if (overLimit) throw new StorageLimitError(maxBytes);
    if (failure) throw failure;
    return { size };
  }

  async withLocalCopy<T>(key: string, use: (localPath: string) => Promise<T>): Promise<T> {
    if (!this.copies) throw new Error('This process has no scratch folder for local copies of stored objects (only workers read them).');
    return this.copies.use(key, async (destination) => {
      const { Body } = await this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }));
      await pipeline(Body as Readable, createWriteStream(destination));
    }, use);
  }

  async stat(key: string): Promise<StoredObject | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }));
      return { size: head.ContentLength ?? 0 };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    const { Body } = await this.client.send(new GetObjectCommand({
      Bucket: this.settings.bucket,
      Key: this.objectKey(key),
      // Always both ends: not every implementation reads suffix (`bytes=-500`) ranges.
      Range: range ? `bytes=${range.start}-${range.end}` : undefined,
    }));
    return Body as Readable;
  }

  url(key: string, base = this.publicUrl()): string {
    if (this.settings.publicBaseUrl) return `${this.settings.publicBaseUrl}/${keyUrlPath(key)}`;
    return `${base}${filesRoutePrefix}${keyUrlPath(key)}`;
  }

  async deletePrefix(prefix: string): Promise<void> {
    this.copies?.replacedUnder(prefix);
    let continuationToken: string | undefined;
    do {
      const listed = await this.client.send(new ListObjectsV2Command({
        Bucket: this.settings.bucket, Prefix: this.objectKey(prefix), ContinuationToken: continuationToken, MaxKeys: deleteBatch,
      }));
      const keys = (listed.Contents ?? []).map((object) => ({ Key: object.Key! }));
      if (keys.length > 0) {
        const deleted = await this.client.send(new DeleteObjectsCommand({ Bucket: this.settings.bucket, Delete: { Objects: keys, Quiet: true } }));
        if (deleted.Errors?.length) throw new Error(`Deleting ${deleted.Errors.length} objects under ${prefix} failed: ${deleted.Errors[0].Code} ${deleted.Errors[0].Message}`);
      }
      continuationToken = listed.IsTruncated ? listed.NextContinuationToken : undefined;
    } while (continuationToken);
  }

  async close(): Promise<void> {
    await this.copies?.clear();
    this.client.destroy();
  }

  /** The key in the bucket: the configured prefix, then the storage key. */
  private objectKey(key: string): string {
    return this.settings.prefix ? `${this.settings.prefix}/${key}` : key;
  }

  /** Streams body into the object: one PutObject below a part's size, multipart above, aborted on failure. */
  private async upload(key: string, body: Readable): Promise<void> {
    this.copies?.replaced(key);
    const upload = new Upload({
      client: this.client,
      params: {
        Bucket: this.settings.bucket, Key: this.objectKey(key), Body: body,
        ContentType: contentTypeOf(key), CacheControl: storedFileCacheControl,
      },
      partSize,
      queueSize: uploadConcurrency,
      // Parts of a failed upload are aborted, not left to be billed.
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (error) {
      await upload.abort().catch(() => {});
      throw error;
    }
  }
}

function isNotFound(error: unknown): boolean {
  const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return name === 'NotFound' || name === 'NoSuchKey' || $metadata?.httpStatusCode === 404;
}
