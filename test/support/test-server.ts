// Starts the real server (the same startApp as `npm start`) on a free port and a fresh database.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createTestDatabase } from './database.js';
import { GraphQLTestClient } from './graphql-client.js';
import { mediaToolSettings } from './media-tools.js';

export interface TestServer {
  app: App;
  url: string;
  client: GraphQLTestClient;
  storageDir: string;
  databaseUrl: string;
  stop(): Promise<void>;
}

export async function startTestServer(environment: Record<string, string> = {}): Promise<TestServer> {
  const database = await createTestDatabase();
  const storageDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-storage-'));
  const app = await startApp(loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: database.url,
    STORAGE_DIR: storageDir,
    FETCH_ALLOW_HOSTS: '127.0.0.1',
    PATH: process.env.PATH,
    ...mediaToolSettings(),
    ...environment,
  }));
  const url = app.url!;
  const client = new GraphQLTestClient(url);
  return {
    app, url, client, storageDir, databaseUrl: database.url,
    async stop() {
      await client.close();
      await app.stop();
      await database.drop();
      await fs.rm(storageDir, { recursive: true, force: true });
    },
  };
}
