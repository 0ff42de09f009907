// A worker's downloaded objects, kept for its next tasks: the steps of one workflow read the same
// input (speech, subtitles, chapters, thumbnails…), and a task's validation and run read the same
// file. Copies in use are never removed; those not in use go, least recently used first, once
// the total passes maxBytes. A copy larger than maxBytes is still made, and removed when released.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

interface LocalCopy {
  /** Set once its folder exists. */
  path: string;
  /** Settles when the download has finished. */
  ready: Promise<void>;
  size: number;
  users: number;
}

export class LocalCopies {
  /** In the order of their last use: the first unused one is the least recently used. */
  private readonly copies = new Map<string, LocalCopy>();
  private usedBytes = 0;

  constructor(
    /** A folder of this process only (inside the worker's scratch folder), created on first use. */
    private readonly directory: string,
    private readonly maxBytes: number,
  ) {}

  /** Runs `use` with a local copy of key, downloading it with `download(path)` unless one is kept. */
  async use<T>(key: string, download: (destination: string) => Promise<void>, use: (localPath: string) => Promise<T>): Promise<T> {
    let copy = this.copies.get(key);
    if (!copy) {
      const entry: LocalCopy = { path: '', size: 0, users: 0, ready: Promise.resolve() };
      entry.ready = (async () => {
        entry.path = await this.newPath(key);
        await download(entry.path);
        entry.size = (await fs.stat(entry.path)).size;
        if (this.copies.get(key) === entry) this.usedBytes += entry.size;
      })();
      // Set before any await: a second reader of key waits for the same download.
      this.copies.set(key, entry);
      copy = entry;
    }
    copy.users += 1;
    try {
      await copy.ready;
      return await use(copy.path);
    } catch (error) {
      // A failed download is not kept: the next reader tries again.
      if (this.copies.get(key) === copy && !(await copy.ready.then(() => true, () => false))) void this.detach(key, copy);
      throw error;
    } finally {
      copy.users -= 1;
      if (this.copies.get(key) === copy) {
        this.copies.delete(key);
        this.copies.set(key, copy);
        await this.evict();
      } else if (copy.users === 0) {
        await this.removeFiles(copy);
      }
    }
  }

  /** Keeps a file this process just stored (moved, not copied): a later read of key finds it here. */
  async adopt(key: string, sourcePath: string): Promise<void> {
    this.replaced(key);
    const { size } = await fs.stat(sourcePath);
    if (size > this.maxBytes) return void await fs.rm(sourcePath, { force: true });
    const copy: LocalCopy = { path: await this.newPath(key), size, users: 0, ready: Promise.resolve() };
    try {
      await fs.rename(sourcePath, copy.path);
    } catch {
      await fs.rm(sourcePath, { force: true });
      return void await this.removeFiles(copy);
    }
    this.replaced(key);
    this.copies.set(key, copy);
    this.usedBytes += size;
    await this.evict();
  }

  /** Drops the copy of a key stored anew or deleted (a reader still using it keeps it until done). */
  replaced(key: string): void {
    const copy = this.copies.get(key);
    if (copy) void this.detach(key, copy);
  }

  /** Drops the copies of every key under prefix. */
  replacedUnder(prefix: string): void {
    for (const [key, copy] of this.copies) if (key.startsWith(prefix)) void this.detach(key, copy);
  }

  /** The total size of the copies kept, in bytes. */
  get bytes(): number {
    return this.usedBytes;
  }

  has(key: string): boolean {
    return this.copies.has(key);
  }

  async clear(): Promise<void> {
    for (const [key, copy] of this.copies) void this.detach(key, copy);
    await fs.rm(this.directory, { recursive: true, force: true });
  }

  private async evict(): Promise<void> {
    for (const [key, copy] of this.copies) {
      if (this.usedBytes <= this.maxBytes) return;
      if (copy.users === 0) await this.detach(key, copy);
    }
  }

  /** Out of the map (and the total) at once; its files go now if unused, else when its last reader is done. */
  private async detach(key: string, copy: LocalCopy): Promise<void> {
    this.copies.delete(key);
    this.usedBytes -= copy.size;
    copy.size = 0;
    if (copy.users === 0) await copy.ready.finally(() => this.removeFiles(copy)).catch(() => {});
  }

  private async removeFiles(copy: LocalCopy): Promise<void> {
    if (copy.path) await fs.rm(path.dirname(copy.path), { recursive: true, force: true });
  }

  /** A folder of its own per copy, so that the file keeps its key's name (outputs are named after the input). */
  private async newPath(key: string): Promise<string> {
    const folder = path.join(this.directory, randomUUID());
    await fs.mkdir(folder, { recursive: true });
    return path.join(folder, path.posix.basename(key));
  }
}
