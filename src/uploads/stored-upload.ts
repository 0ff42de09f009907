// A file a client sent, already in storage under a task input key: what createTask receives in
// place of the bytes, whichever way they came (a GraphQL multipart request or a tus upload).
import path from 'node:path';

export interface StoredUpload {
  /** The input secret of the task that will own it: the key's first segment. */
  inputSecret: string;
  key: string;
  /** As the client named it (before the key's safe form). */
  filename: string;
  mimeType: string;
  size: number;
  /** Hex sha256 of the bytes, counted while they streamed in (idempotency fingerprints). */
  sha256: string;
  /** The resumable upload it came from, if it did (createTask's uploadId). */
  uploadId?: string;
  /** Set once a task took it (its row committed); an upload nobody took is removed. */
  takenBy?: string;
}

/** What a file's place in a request's variables holds once the file is stored. */
export const uploadTokenPrefix = 'upload:';

/** A filename safe as a storage key's last segment (and readable: spaces stay). */
export function safeFilename(name: string | undefined): string {
  const base = path.basename(name || 'upload').replace(/[^\w.\- ]+/g, '_').replace(/^\.+/, '').slice(0, 200);
  return base || 'upload';
}
