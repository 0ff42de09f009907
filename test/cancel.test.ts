// cancelTask: a running stage is aborted (here: a download in progress), the task ends CANCELLED
// and stays so; finished or unknown tasks give clear errors.
import fs from 'node:fs/promises';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancelTaskDocument, CreateTaskDocument, TaskDocument, TaskUpdatedDocument } from './generated/graphql.js';
import { writeTestImage } from './support/fixtures.js';
import { startMediaServer, type MediaServer } from './support/media-server.js';
import { startTestServer, type TestServer } from './support/test-server.js';

let server: TestServer;
let media: MediaServer;
let mediaDir: string;
/** When the stalled download's connection was closed by the server under test. */
let stalledRequestClosed: Promise<number>;

beforeAll(async () => {
  mediaDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-cancel-'));
  await writeTestImage(path.join(mediaDir, 'fine.png'), 64, 48);
  let reportClosed!: (at: number) => void;
  stalledRequestClosed = new Promise((resolve) => (reportClosed = resolve));
  const stall: http.RequestListener = (request, response) => {
    // Headers and a first chunk, then nothing: the download is in progress until someone gives up.
    response.writeHead(200, { 'content-type': 'image/png', 'content-length': 1_000_000 });
    response.write(Buffer.alloc(1000));
    request.socket.on('close', () => reportClosed(Date.now()));
  };
  media = await startMediaServer(mediaDir, { '/stalled.png': stall });
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
  await media?.close();
  await fs.rm(mediaDir, { recursive: true, force: true });
});

describe('cancelTask', () => {
  it('aborts a running download within a second and ends CANCELLED for good', async () => {
    const created = await server.client.request(CreateTaskDocument, { input: { kind: 'IMAGE', url: `${media.url}/stalled.png` } });
    const id = created.data!.createTask.id;
    const updates = server.client.subscribe(TaskUpdatedDocument, { id });
    await updates.waitFor((event) => event.taskUpdated.status === 'VALIDATING');

    const cancelledAt = Date.now();
    const cancelled = await server.client.request(CancelTaskDocument, { id });
    expect(cancelled.errors).toBeUndefined();
    expect(cancelled.data!.cancelTask.status).toBe('CANCELLED');

    const closedAt = await stalledRequestClosed;
    expect(closedAt - cancelledAt).toBeLessThan(1000);
    const events = await updates.done;
    expect(events.at(-1)!.taskUpdated.status).toBe('CANCELLED');

    // The aborted stage must not move the task on afterwards.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const { data } = await server.client.request(TaskDocument, { id });
    expect(data!.task!.status).toBe('CANCELLED');
    expect(data!.task!.events.map((event) => event.status)).toEqual(['WAITING', 'VALIDATING', 'CANCELLED']);
    expect(data!.task!.outputs).toEqual([]);
    expect(data!.task!.finishedAt).not.toBeNull();
  });

  it('refuses to cancel a finished task (succeeded or already cancelled) with CONFLICT', async () => {
    const created = await server.client.request(CreateTaskDocument, { input: { kind: 'IMAGE', url: `${media.url}/fine.png` } });
    const id = created.data!.createTask.id;
    const events = await server.client.subscribe(TaskUpdatedDocument, { id }).done;
    expect(events.at(-1)!.taskUpdated.status).toBe('SUCCEEDED');

    const result = await server.client.request(CancelTaskDocument, { id });
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'id' });
    expect(result.errors![0].message).toMatch(/is SUCCEEDED and cannot be cancelled/);

    const alreadyCancelled = await createAndCancel();
    const again = await server.client.request(CancelTaskDocument, { id: alreadyCancelled });
    expect(again.errors![0].extensions).toMatchObject({ code: 'CONFLICT' });
    expect(again.errors![0].message).toMatch(/is CANCELLED and cannot be cancelled/);
  });

  it('reports an unknown task as NOT_FOUND', async () => {
    const result = await server.client.request(CancelTaskDocument, { id: '01890000-0000-7000-8000-000000000000' });
    expect(result.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND' });
  });
});

async function createAndCancel(): Promise<string> {
  const { data } = await server.client.request(CreateTaskDocument, { input: { kind: 'IMAGE', url: `${media.url}/stalled.png` } });
  const id = data!.createTask.id;
  const { data: cancelled } = await server.client.request(CancelTaskDocument, { id });
  expect(cancelled?.cancelTask.status).toBe('CANCELLED');
  return id;
}
