// As root, the embedded PostgreSQL runs as a `postgres` system user (it refuses to run as root).
// That user must be able to walk down to its binaries and its data folder; under a private home
// (e.g. /root, mode 700) it cannot, and initdb would fail with a bare EACCES.
import fs from 'node:fs/promises';
import path from 'node:path';

/** The first folder above `target` that users other than its owner cannot enter, if any. */
export async function firstClosedFolder(target: string): Promise<string | undefined> {
  const folders: string[] = [];
  for (let folder = path.dirname(path.resolve(target)); ; folder = path.dirname(folder)) {
    folders.unshift(folder);
    if (path.dirname(folder) === folder) break;
  }
  for (const folder of folders) {
    const stats = await fs.stat(folder).catch(() => undefined);
    if (!stats) return undefined; // not made yet: it will be made by us, searchable
    if ((stats.mode & 0o001) === 0) return folder;
  }
  return undefined;
}
