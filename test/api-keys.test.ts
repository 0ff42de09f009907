// With API_KEYS set, every query, mutation and subscription needs a key and sees only the tasks
// of that key's owner.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancelTaskDocument, CreateTaskDocument, NodeDocument, TaskDocument, TaskEventsDocument, TasksDocument, TaskUpdatedDocument } from './generated/graphql.js';
import { writeTestImage } from './support/fixtures.js';
import { GraphQLTestClient } from './support/graphql-client.js';
import { startMediaServer, type MediaServer } from './support/media-server.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const aliceKey = 'alice-key-0123456789abcdef';
const bobKey = 'bob-key-0123456789abcdef';

let server: TestServer;
let media: MediaServer;
let mediaDir: string;
let alice: GraphQLTestClient;
let bob: GraphQLTestClient;
let aliceTaskId: string;

beforeAll(async () => {
  mediaDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-keys-'));
  await writeTestImage(path.join(mediaDir, 'fine.png'), 64, 48);
  media = await startMediaServer(mediaDir);
  server = await startTestServer({ API_KEYS: `alice:${aliceKey},bob:${bobKey}` });
  alice = new GraphQLTestClient(server.url, { apiKey: aliceKey });
  bob = new GraphQLTestClient(server.url, { apiKey: bobKey });
});

afterAll(async () => {
  await alice?.close();
  await bob?.close();
  await server?.stop();
  await media?.close();
  await fs.rm(mediaDir, { recursive: true, force: true });
});

describe('API keys', () => {
  it('refuses requests without a key or with a wrong one as UNAUTHENTICATED', async () => {
    for (const client of [server.client, new GraphQLTestClient(server.url, { apiKey: 'not-a-valid-key-at-all' })]) {
      const result = await client.request(TasksDocument, { first: 1 });
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('lets an owner create, follow and list its own tasks', async () => {
    const bobEvents = bob.subscribe(TaskEventsDocument, {});
    const created = await alice.request(CreateTaskDocument, { input: { kind: 'IMAGE', url: `${media.url}/fine.png`, idempotencyKey: 'shared-key' } });
    expect(created.errors).toBeUndefined();
    aliceTaskId = created.data!.createTask.id;
    const events = await alice.subscribe(TaskUpdatedDocument, { id: aliceTaskId }).done;
    expect(events.at(-1)!.taskUpdated.status).toBe('SUCCEEDED');
    const list = await alice.request(TasksDocument, { first: 10 });
    expect(list.data!.tasks.totalCount).toBe(1);

    // His own idempotency key 'shared-key' names his own task, and Bob's taskEvents, open all along,
    // heard his task to its end and nothing of Alice's.
    const bobs = await bob.request(CreateTaskDocument, { input: { kind: 'IMAGE', url: `${media.url}/fine.png`, idempotencyKey: 'shared-key' } });
    const bobTaskId = bobs.data!.createTask.id;
    expect(bobTaskId).not.toBe(aliceTaskId);
    await bob.subscribe(TaskUpdatedDocument, { id: bobTaskId }).done;
    await bobEvents.waitFor((event) => event.taskEvents.id === bobTaskId && event.taskEvents.status === 'SUCCEEDED');
    bobEvents.close();
    expect(new Set(bobEvents.events.map((event) => event.taskEvents.id))).toEqual(new Set([bobTaskId]));
  });

  it("hides one owner's tasks from another everywhere", async () => {
    expect((await bob.request(TaskDocument, { id: aliceTaskId })).data!.task).toBeNull();
    expect((await bob.request(NodeDocument, { id: aliceTaskId })).data!.node).toBeNull();
    const list = await bob.request(TasksDocument, { first: 10 });
    expect(list.data!.tasks.edges.map((edge) => edge.node.id)).not.toContain(aliceTaskId);
    expect(list.data!.tasks.totalCount).toBe(1);
    const cancel = await bob.request(CancelTaskDocument, { id: aliceTaskId });
    expect(cancel.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND' });
    await expect(bob.subscribe(TaskUpdatedDocument, { id: aliceTaskId }).done)
      .rejects.toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'NOT_FOUND' }) })]);
    expect((await alice.request(TaskDocument, { id: aliceTaskId })).data!.task!.status).toBe('SUCCEEDED');
  });

  it('closes a WebSocket that presents no valid key', async () => {
    const anonymous = new GraphQLTestClient(server.url);
    await expect(anonymous.subscribe(TaskEventsDocument, {}).done).rejects.toMatchObject({ code: 4403 }); // graphql-ws: Forbidden
    await anonymous.close();
  });
});
