// A worker whose model files are missing fails speech tasks with an error naming the model.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CreateTaskDocument, TaskResultDocument, TaskUpdatedDocument } from './generated/graphql.js';
import { startMediaServer, type MediaServer } from './support/media-server.js';
import { startTestServer, type TestServer } from './support/test-server.js';

let server: TestServer;
let media: MediaServer;
let emptyModels: string;

beforeAll(async () => {
  emptyModels = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-no-models-'));
  media = await startMediaServer(path.join(import.meta.dirname, 'fixtures/speech'));
  server = await startTestServer({ MODELS_DIR: emptyModels });
});

afterAll(async () => {
  await server?.stop();
  await media?.close();
  await fs.rm(emptyModels, { recursive: true, force: true });
});

it('fails a speech task naming the missing model and how to restore it', async () => {
  const created = await server.client.request(CreateTaskDocument, { input: { kind: 'SPEECH', url: `${media.url}/known-text.ogg` } });
  const id = created.data!.createTask.id;
  await server.client.subscribe(TaskUpdatedDocument, { id }).done;
  const task = (await server.client.request(TaskResultDocument, { id })).data!.task!;
  expect(task.status).toBe('FAILED');
  expect(task.error!.code).toBe('PROCESSING_FAILED');
  expect(task.error!.message).toMatch(/model (silero-vad-v5|moonshine-tiny-encoder|moonshine-tiny-decoder) is unavailable: .*mt-no-models-.* does not exist; run `npm install`/);
});
