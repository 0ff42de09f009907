// The configured store: the local folder, or the S3-compatible bucket of STORAGE_URL.
import path from 'node:path';
import type { Config } from '../config.js';
import { LocalStorage } from './local-storage.js';
import { S3Storage } from './s3/s3-storage.js';
import type { Storage } from './storage.js';

/** scratchDir: the worker's own folder, where downloaded copies are kept; null in an API-only process. */
export function openStorage(config: Config, publicUrl: () => string, scratchDir: string | null): Storage {
  if (!config.s3) return new LocalStorage(config.storageDir, publicUrl);
  return new S3Storage({
    ...config.s3,
    cache: { directory: scratchDir && path.join(scratchDir, 'stored-copies'), maxBytes: config.storageCacheBytes },
  }, publicUrl);
}
