// Large files go with tus (the server's /uploads): createUpload announces the file and answers its
// upload URL, tus-js-client sends the bytes and, after a dropped connection, asks the offset (HEAD)
// and goes on from there. The finished upload is then referenced by createTask's uploadId.
import * as tus from 'tus-js-client';
import { MediaTasksError } from './errors.js';
import { ClientCreateUploadDocument } from './generated/graphql.js';
import type { HttpTransport } from './http.js';
import type { ProgressListener } from './multipart.js';

/** tus-js-client's way to read a file it cannot read itself (its type is not exported). */
export type TusFileReader = NonNullable<ConstructorParameters<typeof tus.Upload>[1]['fileReader']>;

export interface ResumableUploadOptions {
  filename: string;
  onProgress?: ProgressListener;
  signal?: AbortSignal;
  /** Waits between tries after a failed request, in milliseconds. */
  retryDelays?: number[];
  /** How tus reads the file where it cannot read a Blob itself (Node: see node.ts). */
  fileReader?: TusFileReader;
  /** Bytes per PATCH; a whole file in one by default (fewest requests). */
  chunkSize?: number;
}

export async function sendResumable(transport: HttpTransport, file: Blob, options: ResumableUploadOptions): Promise<{ uploadId: string }> {
  const { createUpload } = await transport.request(ClientCreateUploadDocument, {
    input: { filename: options.filename, size: file.size, mimeType: file.type || 'application/octet-stream' },
  }, options.signal);
  if (!createUpload.url) throw new MediaTasksError('BAD_RESPONSE', 'createUpload answered no tus URL.');
  const uploadUrl = createUpload.url;
  await new Promise<void>((resolve, reject) => {
    const upload = new tus.Upload(file, {
      uploadUrl,
      headers: transport.headers,
      retryDelays: options.retryDelays ?? [0, 1000, 3000, 5000],
      ...(options.fileReader && { fileReader: options.fileReader }),
      ...(options.chunkSize && { chunkSize: options.chunkSize }),
      // The upload URL is known already: nothing to look up in a fingerprint store.
      storeFingerprintForResuming: false,
      onProgress: (sent, total) => options.onProgress?.(sent, total),
      onSuccess: () => resolve(),
      onError: (error) => reject(new MediaTasksError('NETWORK_ERROR', `The resumable upload failed: ${error.message}`, { cause: error })),
    });
    options.signal?.addEventListener('abort', () => {
      // Terminated (a tus DELETE): an upload given up on does not wait on the server for its expiry.
      upload.abort(true).catch(() => {});
      reject(new MediaTasksError('ABORTED', 'The upload was aborted.'));
    }, { once: true });
    upload.start();
  });
  return { uploadId: createUpload.id };
}
