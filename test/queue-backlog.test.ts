// A backlog drains continuously: with one slot per stage, ten tasks queue up behind each other.
// pg-boss would otherwise sleep out its notify polling interval (30 s) between jobs.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CreateTaskDocument, TaskUpdatedDocument } from './generated/graphql.js';
import { writeTestImage } from './support/fixtures.js';
import { startMediaServer, type MediaServer } from './support/media-server.js';
import { startTestServer, type TestServer } from './support/test-server.js';

let server: TestServer;
let media: MediaServer;
let mediaDir: string;

beforeAll(async () => {
  mediaDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-backlog-'));
  await writeTestImage(path.join(mediaDir, 'small.png'), 64, 64);
  media = await startMediaServer(mediaDir);
  server = await startTestServer({ VALIDATE_CONCURRENCY: '1', WORKER_CONCURRENCY: '1' });
});

afterAll(async () => {
  await server?.stop();
  await media?.close();
  await fs.rm(mediaDir, { recursive: true, force: true });
});

it('runs ten queued tasks one after another without idle gaps', async () => {
  const created = await Promise.all(Array.from({ length: 10 }, () =>
    server.client.request(CreateTaskDocument, { input: { kind: 'IMAGE', url: `${media.url}/small.png`, options: { image: { width: 32 } } } })));
  const ids = created.map((response) => response.data!.createTask.id);
  // Subscription completion fails after 45 s: one 30 s poll gap per job would blow far past it.
  const outcomes = await Promise.all(ids.map((id) => server.client.subscribe(TaskUpdatedDocument, { id }).done));
  for (const events of outcomes) expect(events.at(-1)!.taskUpdated.status).toBe('SUCCEEDED');
});
