// Uploads straight from clients to the bucket: an S3 multipart upload whose parts the client PUTs
// to presigned URLs, completed by the server. The file's bytes never pass through our processes.
import { AbortMultipartUploadCommand, CompleteMultipartUploadCommand, CreateMultipartUploadCommand, UploadPartCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { storedFileCacheControl } from '../content-types.js';
import type { DirectUploads, UploadedPart } from '../storage.js';

/** SigV4 presigned URLs last at most 7 days. */
const longestSignatureSeconds = 7 * 24 * 3600;

export class S3DirectUploads implements DirectUploads {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    /** The object key of a storage key (the configured prefix first). */
    private readonly objectKey: (key: string) => string,
  ) {}

  async start(key: string, contentType: string): Promise<string> {
    const created = await this.client.send(new CreateMultipartUploadCommand({
      Bucket: this.bucket, Key: this.objectKey(key), ContentType: contentType, CacheControl: storedFileCacheControl,
    }));
    return created.UploadId!;
  }

  partUrl(key: string, multipartId: string, partNumber: number, validSeconds: number): Promise<string> {
    return getSignedUrl(this.client, new UploadPartCommand({ Bucket: this.bucket, Key: this.objectKey(key), UploadId: multipartId, PartNumber: partNumber }),
      { expiresIn: Math.max(60, Math.min(longestSignatureSeconds, Math.floor(validSeconds))) });
  }

  async complete(key: string, multipartId: string, parts: UploadedPart[]): Promise<void> {
    await this.client.send(new CompleteMultipartUploadCommand({
      Bucket: this.bucket, Key: this.objectKey(key), UploadId: multipartId,
      MultipartUpload: { Parts: parts.map((part) => ({ PartNumber: part.partNumber, ETag: part.etag })) },
    }));
  }

  /** Some S3 servers (s3rver) lack it: a bucket lifecycle rule then removes what is left. */
  async abort(key: string, multipartId: string): Promise<void> {
    await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: this.objectKey(key), UploadId: multipartId })).catch(() => {});
  }
}
