// retryTask runs a failed task again as a new attempt of the same task; deleteTask removes a
// finished task and its files; both refuse tasks in the wrong status.
import fs from 'node:fs/promises';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateTaskDocument, DeleteTaskDocument, RetryTaskDocument, TaskDocument, TaskUpdatedDocument } from './generated/graphql.js';
import { writeTestImage } from './support/fixtures.js';
import { startMediaServer, type MediaServer } from './support/media-server.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { taskUuid } from './support/processes.js';
import { runTaskToEnd } from './support/tasks.js';

let server: TestServer;
let media: MediaServer;
let mediaDir: string;
let flakyRequests = 0;

beforeAll(async () => {
  mediaDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-retry-'));
  await writeTestImage(path.join(mediaDir, 'fine.png'), 64, 48);
  const image = await fs.readFile(path.join(mediaDir, 'fine.png'));
  // Missing on the first request, there afterwards: the source got fixed between attempts.
  const flaky: http.RequestListener = (_request, response) => {
    if (flakyRequests++ === 0) return void response.writeHead(404).end('not yet');
    response.writeHead(200, { 'content-type': 'image/png' }).end(image);
  };
  const stall: http.RequestListener = () => {};
  media = await startMediaServer(mediaDir, { '/flaky.png': flaky, '/stalled.png': stall });
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
  await media?.close();
  await fs.rm(mediaDir, { recursive: true, force: true });
});

async function createAndFinish(url: string) {
  const { id, events } = await runTaskToEnd(server.client, { kind: 'IMAGE', url });
  return { id, status: events.at(-1)!.taskUpdated.status };
}

describe('retryTask', () => {
  it('runs a failed task again under the same id, keeping the failure in its history', async () => {
    const { id, status } = await createAndFinish(`${media.url}/flaky.png`);
    expect(status).toBe('FAILED');

    const retried = await server.client.request(RetryTaskDocument, { id });
    expect(retried.errors).toBeUndefined();
    expect(retried.data!.retryTask.id).toBe(id);
    const events = await server.client.subscribe(TaskUpdatedDocument, { id }).done;
    expect(events.at(-1)!.taskUpdated.status).toBe('SUCCEEDED');

    const { data } = await server.client.request(TaskDocument, { id });
    expect(data!.task!.events.map((event) => event.status)).toEqual(
      ['WAITING', 'VALIDATING', 'FAILED', 'WAITING', 'VALIDATING', 'QUEUED', 'PROCESSING', 'FINISHING', 'SUCCEEDED']);
    expect(data!.task!.error).toBeNull();
    expect(data!.task!.outputs).toHaveLength(1);
    expect(flakyRequests).toBe(2);
  });

  it('refuses a task that succeeded with CONFLICT, and an unknown one with NOT_FOUND', async () => {
    const { id } = await createAndFinish(`${media.url}/fine.png`);
    const result = await server.client.request(RetryTaskDocument, { id });
    expect(result.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'id' });
    const unknown = await server.client.request(RetryTaskDocument, { id: '01890000-0000-7000-8000-000000000000' });
    expect(unknown.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('deleteTask', () => {
  it('deletes a finished task and its files', async () => {
    const { id, status } = await createAndFinish(`${media.url}/fine.png`);
    expect(status).toBe('SUCCEEDED');
    const before = await server.client.request(TaskDocument, { id });
    const outputUrl = before.data!.task!.outputs[0].url;
    expect((await fetch(outputUrl)).status).toBe(200);

    const deleted = await server.client.request(DeleteTaskDocument, { id });
    expect(deleted.errors).toBeUndefined();
    expect(deleted.data!.deleteTask).toBe(id);
    expect((await server.client.request(TaskDocument, { id })).data!.task).toBeNull();
    expect((await fetch(outputUrl)).status).toBe(404);
    await expect(fs.access(path.join(server.storageDir, 'tasks', taskUuid(id)))).rejects.toThrow();
  });

  it('refuses a task still running with CONFLICT', async () => {
    const { data } = await server.client.request(CreateTaskDocument, { input: { kind: 'IMAGE', url: `${media.url}/stalled.png` } });
    const id = data!.createTask.id;
    await server.client.subscribe(TaskUpdatedDocument, { id }).waitFor((event) => event.taskUpdated.status === 'VALIDATING');
    const result = await server.client.request(DeleteTaskDocument, { id });
    expect(result.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'id' });
    expect((await server.client.request(TaskDocument, { id })).data!.task!.status).toBe('VALIDATING');
  });
});
