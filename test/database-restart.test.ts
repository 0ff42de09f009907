// A PostgreSQL restart under load is an ordinary event: the server process (api + worker) stays
// up, every create during the outage is answered with a retryable SERVICE_UNAVAILABLE, a retry
// with the same idempotencyKey gets the one task, and every task reaches its end once the
// database is back. The database is the test's own (the shared one is never restarted).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CreateTaskDocument, type CreateTaskMutation } from './generated/graphql.js';
import { writeTestImage, writeTestVideo } from './support/fixtures.js';
import { GraphQLTestClient, type GraphQLResponse } from './support/graphql-client.js';
import { startMediaServer, type MediaServer } from './support/media-server.js';
import { taskUuid } from './support/processes.js';
import { startRestartablePostgres, type RestartablePostgres } from './support/restartable-postgres.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';

let postgres: RestartablePostgres;
let media: MediaServer;
let mediaDir: string;
let storageDir: string;
let server: ServerProcess;
let client: GraphQLTestClient;

beforeAll(async () => {
  mediaDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-restart-media-'));
  storageDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-restart-storage-'));
  await Promise.all([
    writeTestImage(path.join(mediaDir, 'photo.png'), 120, 80),
    writeTestVideo(path.join(mediaDir, 'clip.mp4'), { width: 640, height: 360, seconds: 8 }),
  ]);
  media = await startMediaServer(mediaDir);
  postgres = await startRestartablePostgres();
  server = startServerProcess({
    ROLE: 'all', DATABASE_URL: postgres.url, STORAGE_DIR: storageDir, HOST: '127.0.0.1', PORT: '0',
    FETCH_ALLOW_HOSTS: '127.0.0.1', QUEUE_MONITOR_INTERVAL_SECONDS: '1',
  });
  client = new GraphQLTestClient((await server.started)!);
}, 60_000);

afterAll(async () => {
  await client?.close();
  await server?.stop();
  await postgres?.destroy();
  await media?.close();
  await fs.rm(mediaDir, { recursive: true, force: true });
  await fs.rm(storageDir, { recursive: true, force: true });
});

interface LoadRecord {
  acknowledged: Map<string, string>;
  errors: Array<{ code?: string; retryable?: unknown; message: string }>;
}

/** Creates image tasks in a loop until `done()`; a retryable error is retried with the same key. */
async function createLoop(loop: number, record: LoadRecord, done: () => boolean): Promise<void> {
  for (let attempt = 0; !done(); attempt++) {
    const key = `loop-${loop}-${attempt}`;
    for (;;) {
      const response: GraphQLResponse<CreateTaskMutation> = await client.request(CreateTaskDocument, {
        input: { kind: 'IMAGE', url: `${media.url}/photo.png`, options: { image: { width: 32, format: 'png' } }, idempotencyKey: key },
      }).catch((error: Error) => ({ errors: [{ message: `request failed: ${error.message}` }], data: null }));
      if (response.data?.createTask) {
        record.acknowledged.set(key, response.data.createTask.id);
        break;
      }
      const error = response.errors?.[0] ?? { message: 'no data and no error' };
      record.errors.push({ code: error.extensions?.code, retryable: error.extensions?.retryable, message: error.message });
      if (error.extensions?.retryable !== true) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

async function until(condition: () => boolean | Promise<boolean>, what: string, ceilingMs = 60_000, state: () => string = () => ''): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    const exited = server.child.exitCode !== null || server.child.signalCode !== null;
    if (exited || Date.now() - started > ceilingMs) throw new Error(`gave up waiting for ${what}${state()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

it('keeps serving through a database restart under 40 creating clients and a transcode', async () => {
  const video = await client.request(CreateTaskDocument, { input: { kind: 'VIDEO', url: `${media.url}/clip.mp4`, options: { video: { codec: 'h264', quality: 'very_high' } } } });
  expect(video.errors).toBeUndefined();

  const record: LoadRecord = { acknowledged: new Map(), errors: [] };
  let stopLoad = false;
  const loops = Array.from({ length: 40 }, (_, loop) => createLoop(loop, record, () => stopLoad));
  // What a failed wait shows: the process, the answers, and the last things it logged.
  const state = () => `\nserver exit: ${server.child.exitCode ?? server.child.signalCode ?? 'running'}; acknowledged ${record.acknowledged.size}; errors: ${
    JSON.stringify(Object.entries(Object.groupBy(record.errors, (error) => `${error.code}: ${error.message.slice(0, 120)}`)).map(([key, list]) => `${list!.length}× ${key}`))
  }\nlast output:\n${server.output.join('').slice(-3000)}`;

  await until(() => record.acknowledged.size >= 40, 'creates before the outage', 60_000, state);
  await postgres.stop();
  await until(() => record.errors.length >= 40, 'creates refused during the outage', 60_000, state);
  await postgres.start();
  const acknowledgedBeforeRecovery = record.acknowledged.size;
  await until(() => record.acknowledged.size >= acknowledgedBeforeRecovery + 80, 'creates after the restart', 60_000, state);
  stopLoad = true;
  await Promise.all(loops);

  // The process lived through it, and said nothing fatal.
  expect(server.child.exitCode).toBeNull();
  expect(server.child.signalCode).toBeNull();
  expect(server.output.join('')).not.toMatch(/uncaught exception/i);

  // Every refusal told the client to retry; none was masked as INTERNAL.
  if (record.errors.some((error) => error.code !== 'SERVICE_UNAVAILABLE')) console.log(server.output.join('').split('\n').filter((line) => /unexpected error/.test(line)).slice(0, 3).join('\n'));
  const codes = [...new Set(record.errors.map((error) => `${error.code} retryable=${error.retryable}`))];
  expect(codes).toEqual(['SERVICE_UNAVAILABLE retryable=true']);

  // Every task in the database is one a client was told about: none committed unacknowledged, none twice.
  const database = new pg.Client({ connectionString: postgres.url });
  await database.connect();
  try {
    const { rows } = await database.query<{ id: string; key: string }>(`SELECT id, idempotency_key AS key FROM task WHERE kind = 'image'`);
    expect(rows.length).toBe(record.acknowledged.size);
    const acknowledgedIds = new Set([...record.acknowledged.values()].map(taskUuid));
    expect(rows.filter((row) => !acknowledgedIds.has(row.id))).toEqual([]);

    // And every one of them, and the transcode, ends.
    await until(async () => {
      const { rows: [open] } = await database.query<{ count: string }>(`SELECT count(*) FROM task WHERE status NOT IN ('SUCCEEDED', 'FAILED', 'CANCELLED')`);
      return Number(open.count) === 0;
    }, 'every task to end', 120_000);
    const { rows: outcomes } = await database.query<{ status: string; count: string }>(`SELECT status, count(*) FROM task GROUP BY status`);
    expect(Object.fromEntries(outcomes.map((row) => [row.status, Number(row.count)]))).toEqual({ SUCCEEDED: record.acknowledged.size + 1 });
  } finally {
    await database.end();
  }
}, 240_000);
