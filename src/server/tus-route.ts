// Resumable uploads over tus 1.0 (https://tus.io/protocols/resumable-upload) at /uploads, served
// by @tus/server with its file store: creation (POST, or createUpload in GraphQL), HEAD for the
// offset to resume from, PATCH from that offset, termination (DELETE) and expiration. Every
// request needs the owner's key; another owner's upload answers 404 as if it did not exist.
// tus requests cannot come from a foreign page unasked: each carries a Tus-Resumable header (or
// is a PATCH/DELETE), which a browser sends only after a CORS preflight the front door decides.
import type http from 'node:http';
import { EVENTS, Server } from '@tus/server';
import { RequestError } from '../tasks/request-error.js';
import { uuidv7 } from '../tasks/uuid.js';
import type { UploadService } from '../uploads/upload-service.js';
import { csrfHeaders } from './request-policy.js';

export const uploadsPath = '/uploads';

/** tus's own refusal shape: a status and a plain-text body. */
const refusal = (status: number, message: string) => ({ status_code: status, body: `${message}\n` });

const statusOf: Record<string, number> = { UNAUTHENTICATED: 401, NOT_FOUND: 404, INPUT_TOO_LARGE: 413, FORBIDDEN: 403 };

export function tusRoute(options: {
  uploads: UploadService;
  maxUploadBytes: number;
  /** The key's owner (null in open mode); throws UNAUTHENTICATED. */
  ownerOf: (authorization: string | undefined) => string | null;
}): { handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> } {
  const { uploads } = options;
  const owner = (request: Request) => {
    try {
      return options.ownerOf(request.headers.get('authorization') ?? undefined);
    } catch (error) {
      if (error instanceof RequestError) throw refusal(401, error.message);
      throw error;
    }
  };

  // Made on the first request: its file store makes UPLOADS_DIR.
  const makeServer = () => new Server({
    path: uploadsPath,
    datastore: uploads.datastore,
    maxSize: options.maxUploadBytes,
    // Relative: right behind any proxy, and clients resolve it against the URL they posted to.
    relativeLocation: true,
    namingFunction: () => uuidv7(),
    // The front door refused every origin it does not allow before the request got here.
    allowedOrigins: () => true,
    allowedHeaders: ['authorization', ...csrfHeaders],
    // Terminating an upload a task took would remove nothing of the task's, but says nothing true.
    disableTerminationForFinishedUploads: true,
    onIncomingRequest: async (request, id) => {
      const caller = owner(request);
      if (request.method === 'POST') return; // a new upload: onUploadCreate records it
      const record = await uploads.find(id, caller);
      if (!record || record.takenBy) throw refusal(404, `No upload with id ${id}.`);
      if (record.expiresAt <= new Date()) throw refusal(410, `Upload ${id} expired at ${record.expiresAt.toISOString()}.`);
    },
    onUploadCreate: async (request, upload) => {
      if (upload.sizeIsDeferred || upload.size === undefined) throw refusal(400, 'Upload-Length is required: this server does not take uploads of unknown length.');
      const metadata = upload.metadata ?? {};
      try {
        await uploads.register(upload.id, owner(request), {
          filename: metadata.filename ?? metadata.name ?? 'upload', mimeType: metadata.filetype ?? metadata.type ?? 'application/octet-stream', size: upload.size,
        }, { createBytes: false });
      } catch (error) {
        if (error instanceof RequestError) throw refusal(statusOf[error.code] ?? 400, error.message);
        throw error;
      }
      return {};
    },
    onUploadFinish: async (_request, upload) => {
      await uploads.markCompleted(upload.id);
      return {};
    },
  });
  let tus: Server | null = null;
  const server = () => {
    if (!tus) {
      tus = makeServer();
      tus.on(EVENTS.POST_TERMINATE, (_request: Request, _response: Response, id: string) => {
        void uploads.remove(id).catch(() => {});
      });
    }
    return tus;
  };

  return {
    async handle(request, response) {
      // The bytes of an upload are read through the task that takes it, never from here.
      if (request.method === 'GET') {
        response.writeHead(405, { allow: 'POST, HEAD, PATCH, DELETE, OPTIONS', 'content-type': 'text/plain' }).end('Uploads are written with tus (POST, HEAD, PATCH, DELETE); their bytes are read through the task that takes them.\n');
        return;
      }
      await server().handle(request, response);
    },
  };
}
