// createTask is rate limited per caller when RATE_LIMIT_PER_MINUTE is set.
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateLimiter } from '../src/server/rate-limiter.js';
import { CreateTaskDocument } from './generated/graphql.js';
import { GraphQLTestClient } from './support/graphql-client.js';
import { startTestServer, type TestServer } from './support/test-server.js';

let server: TestServer;
let alice: GraphQLTestClient;
let bob: GraphQLTestClient;

beforeAll(async () => {
  server = await startTestServer({ API_KEYS: 'alice:alice-key-0123456789abcdef,bob:bob-key-0123456789abcdef', RATE_LIMIT_PER_MINUTE: '3' });
  alice = new GraphQLTestClient(server.url, { apiKey: 'alice-key-0123456789abcdef' });
  bob = new GraphQLTestClient(server.url, { apiKey: 'bob-key-0123456789abcdef' });
});

afterAll(async () => {
  await alice?.close();
  await bob?.close();
  await server?.stop();
});

// Inputs on a closed port: the tasks fail quickly, what matters here is that they are accepted.
const input = { kind: 'IMAGE' as const, url: 'http://127.0.0.1:9/none.png' };

describe('rate limiting', () => {
  it('refuses the fourth createTask in a minute with RATE_LIMITED, per caller', async () => {
    for (let index = 0; index < 3; index++) expect((await alice.request(CreateTaskDocument, { input })).errors).toBeUndefined();
    const limited = await alice.request(CreateTaskDocument, { input });
    expect(limited.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(limited.errors![0].message).toMatch(/at most 3 per minute; retry in \d+ s/);
    expect((await bob.request(CreateTaskDocument, { input })).errors).toBeUndefined();
  });

  it('says when to come back: retryable, retryAfter, and a Retry-After header', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization: 'Bearer alice-key-0123456789abcdef' },
      body: JSON.stringify({ query: print(CreateTaskDocument), variables: { input } }),
    });
    expect(response.status).toBe(200);
    const { errors } = await response.json() as { errors: Array<{ extensions: { code: string; retryable: boolean; retryAfter: number } }> };
    expect(errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryable: true });
    expect(errors[0].extensions.retryAfter).toBeGreaterThan(0);
    expect(response.headers.get('retry-after')).toBe(String(Math.ceil(errors[0].extensions.retryAfter)));
  });

  it('refills the bucket over time', () => {
    const limiter = new RateLimiter(3);
    const start = 1_000_000;
    for (let index = 0; index < 3; index++) expect(limiter.take('caller', start)).toBe(0);
    expect(limiter.take('caller', start)).toBe(20);
    expect(limiter.take('caller', start + 20_000)).toBe(0);
  });
});
