// The zero-setup default: no DATABASE_URL, so the server runs its own PostgreSQL from npm under
// the data folder, migrates it, processes a task, and comes back with its data after a restart.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startApp, type App } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { firstClosedFolder } from '../src/db/reachable-by-others.js';
import { CreateTaskDocument, TaskDocument, TaskUpdatedDocument } from './generated/graphql.js';
import { writeTestImage } from './support/fixtures.js';
import { GraphQLTestClient } from './support/graphql-client.js';
import { startMediaServer, type MediaServer } from './support/media-server.js';
import { findFreePort } from './support/server-process.js';

let dataDir: string;
let media: MediaServer;
let app: App | null = null;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-embedded-'));
  // Postgres runs as the unprivileged `postgres` user when we are root: it must reach the folder.
  await fs.chmod(dataDir, 0o755);
  await writeTestImage(path.join(dataDir, 'input.png'), 80, 60);
  media = await startMediaServer(dataDir);
});

afterAll(async () => {
  await app?.stop();
  await media?.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

async function startWithoutDatabaseUrl(postgresPort: number): Promise<App> {
  // Deliberately no DATABASE_URL: this is what `npm start` does on a fresh machine.
  return startApp(loadConfig({
    NODE_ENV: 'test', LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: '0', PATH: process.env.PATH,
    DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: String(postgresPort), FETCH_ALLOW_HOSTS: '127.0.0.1',
  }));
}

it('starts an embedded PostgreSQL, runs a task on it, and keeps it across a restart', async () => {
  const postgresPort = await findFreePort();
  app = await startWithoutDatabaseUrl(postgresPort);
  expect(app.databaseUrl).toContain(`127.0.0.1:${postgresPort}`);
  await expect(fs.access(path.join(dataDir, 'postgres', 'PG_VERSION'))).resolves.toBeUndefined();
  expect((await fetch(`${app.url}/health`)).status).toBe(200);

  let client = new GraphQLTestClient(app.url!);
  const created = await client.request(CreateTaskDocument, { input: { kind: 'IMAGE', url: `${media.url}/input.png`, options: { image: { width: 40, format: 'png' } } } });
  const id = created.data!.createTask.id;
  const events = await client.subscribe(TaskUpdatedDocument, { id }).done;
  expect(events.at(-1)!.taskUpdated.status).toBe('SUCCEEDED');
  await client.close();
  await app.stop();
  app = null;

  // Restart on the same folder: the cluster is reused (no initdb) and the task is still there.
  app = await startWithoutDatabaseUrl(postgresPort);
  client = new GraphQLTestClient(app.url!);
  const { data } = await client.request(TaskDocument, { id });
  expect(data!.task!.status).toBe('SUCCEEDED');
  const output = await fetch(data!.task!.outputs[0].url).then((response) => response.arrayBuffer());
  expect(await sharp(Buffer.from(output)).metadata()).toMatchObject({ format: 'png', width: 40, height: 30 });
  await client.close();
});

it('names the private folder that would keep a root-started PostgreSQL from its files', async () => {
  const privateFolder = path.join(dataDir, 'private');
  await fs.mkdir(path.join(privateFolder, 'inner'), { recursive: true, mode: 0o700 });
  await fs.chmod(privateFolder, 0o700);
  expect(await firstClosedFolder(path.join(privateFolder, 'inner', 'pgdata'))).toBe(privateFolder);
  await fs.chmod(privateFolder, 0o711);
  await fs.chmod(path.join(privateFolder, 'inner'), 0o755);
  expect(await firstClosedFolder(path.join(privateFolder, 'inner', 'pgdata'))).toBeUndefined();
});
