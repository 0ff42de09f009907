// createTask is rate limited per caller when RATE_LIMIT_PER_MINUTE is set, with one budget for
// the whole deployment: the buckets are in Postgres, shared by every API process.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { print } from 'graphql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../src/db/connection-errors.js';
import { RateLimiter } from '../src/server/rate-limiter.js';
import { CreateTaskDocument } from './generated/graphql.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { GraphQLTestClient } from './support/graphql-client.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const apiKeys = 'alice:alice-key-0123456789abcdef,bob:bob-key-0123456789abcdef';
const aliceKey = 'alice-key-0123456789abcdef';
const bobKey = 'bob-key-0123456789abcdef';

// Inputs on a closed port: the tasks fail quickly, what matters here is that they are accepted.
const input = { kind: 'IMAGE' as const, url: 'http://127.0.0.1:9/none.png' };

/** One createTask over plain HTTP, with the Retry-After header of the answer. */
async function createTask(baseUrl: string, apiKey: string) {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ query: print(CreateTaskDocument), variables: { input } }),
  });
  const { errors } = await response.json() as { errors?: Array<{ message: string; extensions: { code: string; retryable: boolean; retryAfter: number } }> };
  return { status: response.status, error: errors?.[0], retryAfterHeader: response.headers.get('retry-after') };
}

describe('rate limiting', () => {
  let server: TestServer;
  let alice: GraphQLTestClient;
  let bob: GraphQLTestClient;
  let pool: pg.Pool;

  beforeAll(async () => {
    // The budget refills one task every 20 s: far more than these tests take between creates.
    server = await startTestServer({ API_KEYS: apiKeys, RATE_LIMIT_PER_MINUTE: '3' });
    alice = new GraphQLTestClient(server.url, { apiKey: aliceKey });
    bob = new GraphQLTestClient(server.url, { apiKey: bobKey });
    pool = new pg.Pool({ connectionString: server.databaseUrl, max: 2 });
  });

  afterAll(async () => {
    await pool?.end();
    await alice?.close();
    await bob?.close();
    await server?.stop();
  });

  it('refuses the fourth createTask in a minute with RATE_LIMITED, per caller', async () => {
    for (let index = 0; index < 3; index++) expect((await alice.request(CreateTaskDocument, { input })).errors).toBeUndefined();
    const limited = await alice.request(CreateTaskDocument, { input });
    expect(limited.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(limited.errors![0].message).toMatch(/at most 3 per minute; retry in \d+ s/);
    expect((await bob.request(CreateTaskDocument, { input })).errors).toBeUndefined();
  });

  it('says when to come back: retryable, retryAfter, and a Retry-After header', async () => {
    const { status, error, retryAfterHeader } = await createTask(server.url, aliceKey);
    expect(status).toBe(200);
    expect(error!.extensions).toMatchObject({ code: 'RATE_LIMITED', retryable: true });
    expect(error!.extensions.retryAfter).toBeGreaterThan(0);
    expect(retryAfterHeader).toBe(String(Math.ceil(error!.extensions.retryAfter)));
  });

  it('refills the bucket over time, and a refused request takes nothing', async () => {
    const limiter = new RateLimiter(pool, 3);
    const start = Date.now();
    const at = (ms: number) => new Date(start + ms);
    for (let index = 0; index < 3; index++) expect(await limiter.take('test:refill', at(0))).toBe(0);
    expect(await limiter.take('test:refill', at(0))).toBe(20);
    expect(await limiter.take('test:refill', at(5_000))).toBe(15);
    expect(await limiter.take('test:refill', at(20_000))).toBe(0);
    expect(await limiter.take('test:refill', at(20_000))).toBe(20);
    // A minute idle fills it up again, and no further.
    for (let index = 0; index < 3; index++) expect(await limiter.take('test:refill', at(200_000))).toBe(0);
    expect(await limiter.take('test:refill', at(200_000))).toBe(20);
  });

  it('forgets buckets idle for a minute, which are full anyway', async () => {
    const limiter = new RateLimiter(pool, 3);
    await limiter.take('test:idle', new Date(Date.now() - 120_000));
    await limiter.take('test:busy', new Date(Date.now() + 1_000));
    await limiter.prune();
    const { rows } = await pool.query<{ caller: string }>(`SELECT caller FROM rate_limit_bucket WHERE caller IN ('test:idle', 'test:busy')`);
    expect(rows.map((row) => row.caller)).toEqual(['test:busy']);
  });

  it('fails as the database being unavailable when it cannot be reached (the create would fail too)', async () => {
    const unreachable = new pg.Pool({ connectionString: 'postgresql://postgres@127.0.0.1:9/none', connectionTimeoutMillis: 2_000 });
    const error = await new RateLimiter(unreachable, 3).take('anyone').catch((caught: unknown) => caught);
    await unreachable.end();
    expect(isDatabaseUnavailable(error)).toBe(true);
  });
});

describe('two API processes sharing one rate limit', () => {
  let database: TestDatabase;
  let storageDir: string;
  const processes: ServerProcess[] = [];
  let urls: string[];

  beforeAll(async () => {
    database = await createTestDatabase();
    storageDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-rate-storage-'));
    for (let index = 0; index < 2; index++) {
      processes.push(startServerProcess({
        ROLE: 'api', DATABASE_URL: database.url, STORAGE_DIR: storageDir, HOST: '127.0.0.1', PORT: '0',
        API_KEYS: apiKeys, RATE_LIMIT_PER_MINUTE: '3',
      }));
    }
    urls = (await Promise.all(processes.map((process) => process.started))) as string[];
  });

  afterAll(async () => {
    await Promise.all(processes.map((process) => process.stop()));
    await database?.drop();
    if (storageDir) await fs.rm(storageDir, { recursive: true, force: true });
  });

  it('allows RATE_LIMIT_PER_MINUTE creates in all, spread over both, then refuses them on either', async () => {
    const [first, second] = urls;
    for (const url of [first, second, first]) expect((await createTask(url, aliceKey)).error).toBeUndefined();
    for (const url of [second, first]) {
      const { error, retryAfterHeader } = await createTask(url, aliceKey);
      expect(error?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryable: true });
      expect(error!.message).toMatch(/at most 3 per minute/);
      expect(error!.extensions.retryAfter).toBeGreaterThan(0);
      expect(retryAfterHeader).toBe(String(Math.ceil(error!.extensions.retryAfter)));
    }
    // Per owner: bob's budget is his own, on both processes.
    for (const url of [second, first]) expect((await createTask(url, bobKey)).error).toBeUndefined();
  });
});
