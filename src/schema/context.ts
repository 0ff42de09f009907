// What every resolver receives, over HTTP and WebSocket alike.
import type { PrismaClient } from '../db/database.js';
import type { TaskPubSub } from '../events/task-change-listener.js';
import type { Storage } from '../storage/storage.js';
import type { TaskService } from '../pipeline/task-service.js';

export interface GraphQLContext {
  prisma: PrismaClient;
  pubsub: TaskPubSub;
  storage: Storage;
  tasks: TaskService;
  /** Whose tasks this caller sees; null when the server runs without API keys. */
  owner: string | null;
  /** Throws RATE_LIMITED when this caller creates tasks too fast (no-op when unlimited). */
  limitTaskCreation: () => void;
}

/** The Prisma condition that keeps a caller to its own tasks. */
export const ownedBy = (context: Pick<GraphQLContext, 'owner'>) => (context.owner === null ? {} : { owner: context.owner });
