// The default store: a local folder, served by the API's own HTTP server under /files/.
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { keyUrlPath, StorageLimitError, type ByteRange, type Storage, type StoredObject } from './storage.js';

export const filesRoutePrefix = '/files/';

export class LocalStorage implements Storage {
  constructor(
    readonly root: string,
    private readonly publicUrl: () => string,
  ) {}

  /** Resolves a key inside the root, refusing anything that would escape it. */
  resolve(key: string): string {
    const resolved = path.resolve(this.root, key);
    if (!resolved.startsWith(this.root + path.sep)) throw new Error(`Invalid storage key: ${key}`);
    return resolved;
  }

  async putFile(key: string, sourcePath: string): Promise<StoredObject> {
    const destination = this.resolve(key);
    await fs.mkdir(path.dirname(destination), { recursive: true });
    try {
      await fs.rename(sourcePath, destination);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      await fs.copyFile(sourcePath, destination);
      await fs.rm(sourcePath, { force: true });
    }
    const { size } = await fs.stat(destination);
    return { size };
  }

  async putStream(key: string, body: Readable, maxBytes: number): Promise<StoredObject> {
    const destination = this.resolve(key);
    await fs.mkdir(path.dirname(destination), { recursive: true });
    let size = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        callback(size > maxBytes ? new StorageLimitError(maxBytes) : null, chunk);
      },
    });
    try {
      await pipeline(body, limit, createWriteStream(destination));
    } catch (error) {
      await fs.rm(destination, { force: true });
      throw error;
    }
    return { size };
  }

  /** The file itself: nothing to copy or to remove. */
  async withLocalCopy<T>(key: string, use: (localPath: string) => Promise<T>): Promise<T> {
    return use(this.resolve(key));
  }

  async stat(key: string): Promise<StoredObject | null> {
    const stat = await fs.stat(this.resolve(key)).catch(() => null);
    return stat?.isFile() ? { size: stat.size } : null;
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    const stream = createReadStream(this.resolve(key), range ?? {});
    // Fails here (not mid-response) when the file is gone.
    await new Promise<void>((resolve, reject) => stream.once('open', () => resolve()).once('error', reject));
    return stream;
  }

  url(key: string, base = this.publicUrl()): string {
    return `${base}${filesRoutePrefix}${keyUrlPath(key)}`;
  }

  async deletePrefix(prefix: string): Promise<void> {
    await fs.rm(this.resolve(prefix), { recursive: true, force: true });
  }

  async close(): Promise<void> {}
}
