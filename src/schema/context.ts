// What every resolver receives, over HTTP and WebSocket alike.
import { RequestError } from '../tasks/request-error.js';
import type { PrismaClient } from '../db/database.js';
import type { TaskPubSub } from '../events/task-change-listener.js';
import type { Storage } from '../storage/storage.js';
import type { TaskService } from '../pipeline/task-service.js';
import type { StoredUpload } from '../uploads/stored-upload.js';
import type { UploadService } from '../uploads/upload-service.js';
import type { WebhookSecrets } from '../webhooks/webhook-secrets.js';

export interface GraphQLContext {
  prisma: PrismaClient;
  pubsub: TaskPubSub;
  storage: Storage;
  tasks: TaskService;
  webhookSecrets: WebhookSecrets;
  /** The absolute URL of a stored file, as this caller addresses the server (PUBLIC_URL, or a trusted proxy's host). */
  fileUrl: (key: string) => string;
  /** Whose tasks this caller sees; null when the server runs without API keys. */
  owner: string | null;
  /** The GraphQL parameters as received (yoga adds them): createTask fingerprints its input as sent. */
  params?: { variables?: Record<string, unknown> | null };
  /** Rejects with RATE_LIMITED when this caller creates tasks too fast (no-op when unlimited). */
  limitTaskCreation: () => Promise<void>;
  /** Resumable uploads; null where this process serves none. */
  uploads: UploadService | null;
  /** The absolute tus URL of an upload, as this caller addresses the server. */
  uploadUrl: (id: string) => string;
  /** The file a multipart request stored for a token in its variables (throws for any other value). */
  upload: (token: string, field: string) => StoredUpload;
}

/** The Prisma condition that keeps a caller to its own tasks. */
export const ownedBy = (context: Pick<GraphQLContext, 'owner'>) => (context.owner === null ? {} : { owner: context.owner });

/** The upload lookup of a request: the files its multipart body stored, by token. */
export function uploadsOf(uploads: Map<string, StoredUpload> | undefined): GraphQLContext['upload'] {
  return (token, field) => {
    const upload = uploads?.get(token);
    if (!upload) throw new RequestError('BAD_USER_INPUT', `${field}: no such file in this request; send it as a part of the same multipart request.`, field);
    return upload;
  };
}
