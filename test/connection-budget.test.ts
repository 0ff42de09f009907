// DATABASE_POOL_SIZE bounds a process's connections to Postgres: under a burst of creates and
// the tasks they start, the server's sessions in its database never go over it, and every create
// waits for a pooled connection rather than failing.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { connectionBudget } from '../src/db/connection-budget.js';
import { CreateTaskDocument, TaskStatusOnlyDocument } from './generated/graphql.js';
import { writeTestImage } from './support/fixtures.js';
import { startMediaServer, type MediaServer } from './support/media-server.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const poolSize = 6;
let server: TestServer;
let media: MediaServer;
let mediaDir: string;

beforeAll(async () => {
  mediaDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-media-'));
  await writeTestImage(path.join(mediaDir, 'small.png'), 64, 48);
  [server, media] = await Promise.all([startTestServer({ DATABASE_POOL_SIZE: String(poolSize) }), startMediaServer(mediaDir)]);
});

afterAll(async () => {
  await server?.stop();
  await media?.close();
  await fs.rm(mediaDir, { recursive: true, force: true });
});

describe('connection budget', () => {
  it('splits DATABASE_POOL_SIZE between the sessions, pg-boss and the app, per role', () => {
    expect(connectionBudget(6, 'all')).toEqual({ total: 6, sessions: 3, queue: 1, app: 2 });
    expect(connectionBudget(10, 'all')).toEqual({ total: 10, sessions: 3, queue: 3, app: 4 });
    expect(connectionBudget(10, 'worker')).toEqual({ total: 10, sessions: 3, queue: 3, app: 4 });
    expect(connectionBudget(10, 'api')).toEqual({ total: 10, sessions: 1, queue: 1, app: 8 });
    expect(loadConfig({}).database.poolSize).toBe(20);
    expect(() => loadConfig({ DATABASE_POOL_SIZE: '5' })).toThrow(/DATABASE_POOL_SIZE: at least 6/);
    for (const role of ['all', 'api', 'worker'] as const) {
      for (let size = 6; size <= 40; size++) {
        const budget = connectionBudget(size, role);
        expect(budget.sessions + budget.queue + budget.app).toBe(size);
        expect(budget.queue).toBeGreaterThanOrEqual(1);
        expect(budget.app).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it(`never opens more than DATABASE_POOL_SIZE (${poolSize}) connections under 30 concurrent creates and their tasks`, async () => {
    const observer = new pg.Client({ connectionString: server.databaseUrl });
    await observer.connect();
    const counts: number[] = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        // Every session in the server's own database but this one.
        const { rows } = await observer.query<{ count: number }>(
          'SELECT count(*)::int AS count FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
        counts.push(rows[0]!.count);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    try {
      const started = Date.now();
      const created = await Promise.all(Array.from({ length: 30 }, (_, index) => server.client.request(CreateTaskDocument, {
        input: { kind: 'IMAGE', url: `${media.url}/small.png`, options: { image: { width: 32, format: 'webp' } }, metadata: { index } },
      })));
      const createMs = Date.now() - started;
      expect(created.map((result) => result.errors)).toEqual(created.map(() => undefined));
      const ids = created.map((result) => result.data!.createTask.id);
      // Each task's end: its status, or its error when it did not succeed.
      const ends = await Promise.all(ids.map(async (id) => {
        const events = await server.client.subscribe(TaskStatusOnlyDocument, { id }, { completeWithinMs: 50_000 }).done;
        const last = events.at(-1)!.taskUpdated;
        return last.status === 'SUCCEEDED' ? last.status : { status: last.status, error: last.error };
      }));
      expect(ends).toEqual(ids.map(() => 'SUCCEEDED'));
      console.log(`connection budget: 30 creates in ${createMs} ms, all ended in ${Date.now() - started} ms; sessions max ${Math.max(...counts)} over ${counts.length} samples`);
    } finally {
      sampling = false;
      await sampler;
      await observer.end();
    }
    expect(counts.length).toBeGreaterThan(10);
    expect(Math.max(...counts)).toBeLessThanOrEqual(poolSize);
  });
});
