// createTask's idempotencyKey: the same key with the same request answers the same task (also to
// concurrent duplicates), with another request it is a CONFLICT naming the key and what differs;
// a key expires IDEMPOTENCY_KEY_TTL_HOURS after its task was created, and a deleted task frees it.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { CreateTaskDocument, DeleteTaskDocument, TaskUpdatedDocument, type CreateTaskInput } from './generated/graphql.js';
import { taskUuid } from './support/processes.js';
import { startTestServer, type TestServer } from './support/test-server.js';

let server: TestServer;
let database: pg.Pool;

beforeAll(async () => {
  server = await startTestServer();
  database = new pg.Pool({ connectionString: server.databaseUrl, max: 2 });
});

afterAll(async () => {
  await database?.end();
  await server?.stop();
});

// Inputs on a closed port: the tasks fail quickly, what matters here is what createTask answers.
const request = (key: string): CreateTaskInput => ({
  kind: 'IMAGE', url: 'http://127.0.0.1:9/photo.png', idempotencyKey: key,
  options: { image: { width: 64, format: 'png' } }, metadata: { order: 17, tags: ['a', 'b'] },
});

const create = (input: CreateTaskInput) => server.client.request(CreateTaskDocument, { input });

async function tasksWithKey(key: string): Promise<number> {
  const { rows } = await database.query<{ count: number }>('SELECT count(*)::int AS count FROM task WHERE idempotency_key = $1', [key]);
  return rows[0].count;
}

describe('idempotencyKey', () => {
  it('answers the same task to the same request, whatever the order of its JSON keys', async () => {
    const first = await create(request('same-request'));
    expect(first.errors).toBeUndefined();
    const again = await create({ ...request('same-request'), metadata: { tags: ['a', 'b'], order: 17 } });
    expect(again.errors).toBeUndefined();
    expect(again.data!.createTask.id).toBe(first.data!.createTask.id);
    expect(await tasksWithKey('same-request')).toBe(1);
  });

  it('reads the request the same written inline as in variables', async () => {
    const inVariables = await create(request('inline'));
    const response = await fetch(server.client.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: `mutation { createTask(input: {
        kind: IMAGE, url: "http://127.0.0.1:9/photo.png", idempotencyKey: "inline",
        options: { image: { format: png, width: 64 } }, metadata: { tags: ["a", "b"], order: 17 } }) { id } }` }),
    });
    const inline = await response.json() as { data?: { createTask: { id: string } }; errors?: unknown[] };
    expect(inline.errors).toBeUndefined();
    expect(inline.data!.createTask.id).toBe(inVariables.data!.createTask.id);
  });

  it.each<[string, (input: CreateTaskInput) => CreateTaskInput, string]>([
    ['another url', (input) => ({ ...input, url: 'http://127.0.0.1:9/other.png' }), 'url differs'],
    ['another kind', (input) => ({ ...input, kind: 'VIDEO', options: { video: { width: 64 } } }), 'kind and options differ'],
    ['other options', (input) => ({ ...input, options: { image: { width: 65, format: 'png' } } }), 'options differs'],
    ['options spelled out where the first left the default', (input) => ({ ...input, options: { image: { width: 64, format: 'png', fit: 'cover' } } }), 'options differs'],
    ['other metadata', (input) => ({ ...input, metadata: { order: 18, tags: ['a', 'b'] } }), 'metadata differs'],
    ['no metadata', (input) => ({ ...input, metadata: undefined }), 'metadata differs'],
  ])('is a CONFLICT naming the key for %s', async (_case, change, differs) => {
    const key = `mismatch-${differs}-${_case}`;
    const first = await create(request(key));
    expect(first.errors).toBeUndefined();
    const mismatched = await create(change(request(key)));
    expect(mismatched.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey' });
    expect(mismatched.errors![0].message).toContain(`idempotencyKey "${key}" was first used with another request (${differs})`);
    expect(await tasksWithKey(key)).toBe(1);
    // The key still answers its own request.
    expect((await create(request(key))).data!.createTask.id).toBe(first.data!.createTask.id);
  });

  it('knows an upload by its bytes, not only its name, type and size', async () => {
    const upload = (bytes: string) => server.client.upload(CreateTaskDocument,
      { input: { kind: 'IMAGE', file: null, idempotencyKey: 'upload' } }, 'input.file', new Blob([bytes], { type: 'image/png' }), 'photo.png');
    const first = await upload('not really a png 1');
    expect(first.errors).toBeUndefined();
    expect((await upload('not really a png 1')).data!.createTask.id).toBe(first.data!.createTask.id);
    const other = await upload('not really a png 2');
    expect(other.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(other.errors![0].message).toContain('(file differs)');
  });

  it('makes one task of 10 concurrent duplicates', async () => {
    const responses = await Promise.all(Array.from({ length: 10 }, () => create(request('concurrent'))));
    for (const response of responses) expect(response.errors).toBeUndefined();
    expect(new Set(responses.map((response) => response.data!.createTask.id)).size).toBe(1);
    expect(await tasksWithKey('concurrent')).toBe(1);
  });

  it('makes one task of 10 concurrent requests of two kinds, and refuses the other kind', async () => {
    const inputs = Array.from({ length: 10 }, (_, index) => (index % 2 === 0 ? request('concurrent-mixed') : { ...request('concurrent-mixed'), url: 'http://127.0.0.1:9/other.png' }));
    const responses = await Promise.all(inputs.map(create));
    const created = responses.filter((response) => !response.errors);
    const refused = responses.filter((response) => response.errors);
    expect(new Set(created.map((response) => response.data!.createTask.id)).size).toBe(1);
    // Whichever request won, every one like it got the task and every other a CONFLICT.
    expect([created.length, refused.length]).toEqual([5, 5]);
    for (const response of refused) expect(response.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey' });
    expect(await tasksWithKey('concurrent-mixed')).toBe(1);
  });

  it('expires: after IDEMPOTENCY_KEY_TTL_HOURS the key makes a new task, whatever the request', async () => {
    const first = await create(request('expiring'));
    const firstId = taskUuid(first.data!.createTask.id);
    // 24 h (the default) and a minute ago.
    await database.query(`UPDATE task SET created_at = now() - interval '24 hours 1 minute' WHERE id = $1`, [firstId]);
    const after = await create({ ...request('expiring'), url: 'http://127.0.0.1:9/other.png' });
    expect(after.errors).toBeUndefined();
    expect(after.data!.createTask.id).not.toBe(first.data!.createTask.id);
    // The old task stays, without the key; the new one holds it.
    const { rows } = await database.query<{ id: string; key: string | null }>('SELECT id, idempotency_key AS key FROM task WHERE id = $1', [firstId]);
    expect(rows).toEqual([{ id: firstId, key: null }]);
    expect((await create({ ...request('expiring'), url: 'http://127.0.0.1:9/other.png' })).data!.createTask.id).toBe(after.data!.createTask.id);
  });

  it('is freed when its task is deleted', async () => {
    const first = await create(request('deleted'));
    const { id } = first.data!.createTask;
    const events = await server.client.subscribe(TaskUpdatedDocument, { id }).done;
    expect(events.at(-1)!.taskUpdated.status).toBe('FAILED');
    expect((await server.client.request(DeleteTaskDocument, { id })).errors).toBeUndefined();
    const again = await create(request('deleted'));
    expect(again.errors).toBeUndefined();
    expect(again.data!.createTask.id).not.toBe(id);
  });

  it('takes its time to live from IDEMPOTENCY_KEY_TTL_HOURS, validated at start', () => {
    expect(loadConfig({}).limits.idempotencyKeyTtlSeconds).toBe(24 * 3600);
    expect(loadConfig({ IDEMPOTENCY_KEY_TTL_HOURS: '0.5' }).limits.idempotencyKeyTtlSeconds).toBe(1800);
    expect(() => loadConfig({ IDEMPOTENCY_KEY_TTL_HOURS: '0' })).toThrow(/IDEMPOTENCY_KEY_TTL_HOURS/);
    expect(() => loadConfig({ IDEMPOTENCY_KEY_TTL_HOURS: 'a day' })).toThrow(/IDEMPOTENCY_KEY_TTL_HOURS/);
  });
});
