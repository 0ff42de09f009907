// A webhook secret per owner: with API keys each owner creates and rotates its own through the
// API, deliveries are signed with it in the Standard Webhooks format (checked with the
// `standardwebhooks` package, as a receiver would), and no owner can verify another's.
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { applyMigrations } from '../src/db/migrate.js';
import { generateWebhookSecret, WebhookSecrets } from '../src/webhooks/webhook-secrets.js';
import { CreateTaskDocument, RotateWebhookSecretDocument, WebhookSecretDocument } from './generated/graphql.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { writeTestImage } from './support/fixtures.js';
import { GraphQLTestClient } from './support/graphql-client.js';
import { startMediaServer, type MediaServer } from './support/media-server.js';
import { createTask } from './support/tasks.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const aliceKey = 'alice-key-0123456789abcdef';
const bobKey = 'bob-key-0123456789abcdef';

interface Post { headers: Record<string, string>; body: string }

let server: TestServer;
let media: MediaServer;
let mediaDir: string;
let alice: GraphQLTestClient;
let bob: GraphQLTestClient;
let receiver: http.Server;
let receiverUrl: string;
/** Resolves the next POST to each path: a test asks before it creates the task. */
const waiting = new Map<string, (post: Post) => void>();

beforeAll(async () => {
  mediaDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-webhook-secrets-'));
  await writeTestImage(path.join(mediaDir, 'fine.png'), 64, 48);
  media = await startMediaServer(mediaDir);
  receiver = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      response.writeHead(204).end();
      waiting.get(request.url!)?.({ headers: request.headers as Record<string, string>, body: Buffer.concat(chunks).toString() });
      waiting.delete(request.url!);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  server = await startTestServer({ API_KEYS: `alice:${aliceKey},bob:${bobKey}` });
  alice = new GraphQLTestClient(server.url, { apiKey: aliceKey });
  bob = new GraphQLTestClient(server.url, { apiKey: bobKey });
});

afterAll(async () => {
  await alice?.close();
  await bob?.close();
  await server?.stop();
  await media?.close();
  await new Promise((resolve) => receiver?.close(resolve));
  await fs.rm(mediaDir, { recursive: true, force: true });
});

/** Runs an image task of `client` with a webhook to `hookPath` and resolves with the POST of its end. */
async function deliveryOf(client: GraphQLTestClient, hookPath: string): Promise<Post> {
  const posted = new Promise<Post>((resolve) => waiting.set(hookPath, resolve));
  await createTask(client, { kind: 'IMAGE', url: `${media.url}/fine.png`, webhookUrl: `${receiverUrl}${hookPath}` });
  return posted;
}

async function rotate(client: GraphQLTestClient, previousValidFor?: number) {
  const result = await client.request(RotateWebhookSecretDocument, previousValidFor === undefined ? {} : { previousValidFor });
  expect(result.errors).toBeUndefined();
  return result.data!.rotateWebhookSecret;
}

const verifies = (secret: string, post: Post) => {
  try {
    new Webhook(secret).verify(post.body, post.headers);
    return true;
  } catch {
    return false;
  }
};

describe('webhook secrets per owner', () => {
  let aliceSecret: string;
  let bobSecret: string;

  it('refuses a webhookUrl until the owner has a secret, saying how to make one', async () => {
    expect((await alice.request(WebhookSecretDocument, {})).data!.webhookSecret).toBeNull();
    const result = await alice.request(CreateTaskDocument, { input: { kind: 'IMAGE', url: `${media.url}/fine.png`, webhookUrl: `${receiverUrl}/none` } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'webhookUrl' });
    expect(result.errors?.[0]?.message).toMatch(/rotateWebhookSecret/);
  });

  it('creates a secret per owner, each seen only by its owner', async () => {
    const created = await rotate(alice);
    expect(created).toMatchObject({ secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/), previousExpiresAt: null });
    aliceSecret = created.secret;
    bobSecret = (await rotate(bob)).secret;
    expect(bobSecret).not.toBe(aliceSecret);
    expect((await alice.request(WebhookSecretDocument, {})).data!.webhookSecret).toEqual(created);
    expect((await bob.request(WebhookSecretDocument, {})).data!.webhookSecret!.secret).toBe(bobSecret);
  });

  it('signs an owner\'s deliveries with its secret: verified by standardwebhooks, not with another owner\'s', async () => {
    const post = await deliveryOf(alice, '/alice');
    expect(post.headers['webhook-signature'].split(' ')).toHaveLength(1);
    expect(new Webhook(aliceSecret).verify(post.body, post.headers)).toMatchObject({ type: 'task.succeeded' });
    expect(() => new Webhook(bobSecret).verify(post.body, post.headers)).toThrow(/No matching signature/);

    const bobPost = await deliveryOf(bob, '/bob');
    expect(verifies(bobSecret, bobPost)).toBe(true);
    expect(verifies(aliceSecret, bobPost)).toBe(false);
  });

  it('signs with the old and the new secret during a rotation, and drops the old one with previousValidFor: 0', async () => {
    const rotated = await rotate(alice);
    expect(rotated.secret).not.toBe(aliceSecret);
    const expiresIn = Date.parse(rotated.previousExpiresAt!) - Date.now();
    expect(expiresIn).toBeGreaterThan(86_400_000 - 60_000);
    expect(expiresIn).toBeLessThanOrEqual(86_400_000);

    const during = await deliveryOf(alice, '/alice-rotating');
    const entries = during.headers['webhook-signature'].split(' ');
    expect(entries).toHaveLength(2);
    expect(entries.every((entry) => entry.startsWith('v1,'))).toBe(true);
    expect(verifies(rotated.secret, during)).toBe(true);
    expect(verifies(aliceSecret, during)).toBe(true);
    expect(verifies(bobSecret, during)).toBe(false);

    const leaked = await rotate(alice, 0);
    expect(leaked.previousExpiresAt).toBeNull();
    const after = await deliveryOf(alice, '/alice-rotated');
    expect(after.headers['webhook-signature'].split(' ')).toHaveLength(1);
    expect(verifies(leaked.secret, after)).toBe(true);
    expect(verifies(rotated.secret, after)).toBe(false);
  });

  it('refuses a previousValidFor outside 0 to 30 days', async () => {
    for (const previousValidFor of [-1, 30 * 24 * 3600 + 1]) {
      const result = await alice.request(RotateWebhookSecretDocument, { previousValidFor });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'previousValidFor' });
    }
  });
});

describe('webhook secrets without API keys', () => {
  let database: TestDatabase;
  let pool: pg.Pool;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new pg.Pool({ connectionString: database.url });
    const client = await pool.connect();
    await applyMigrations(client).finally(() => client.release());
  });

  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  it('keeps one secret for every task without an owner, made through the API', async () => {
    const secrets = new WebhookSecrets(pool, []);
    expect(await secrets.hasSecret(null)).toBe(false);
    const first = await secrets.rotate(null, 60);
    const second = await secrets.rotate(null, 60);
    expect(await secrets.signingSecrets(null)).toEqual([second.secret, first.secret]);
    expect(await secrets.hasSecret('alice')).toBe(false);
  });

  it('signs with WEBHOOK_SECRET when it is set, which the API neither shows nor rotates', async () => {
    const configured = [generateWebhookSecret(), generateWebhookSecret()];
    const secrets = new WebhookSecrets(pool, configured);
    expect(await secrets.signingSecrets(null)).toEqual(configured);
    expect(await secrets.current(null)).toBeNull();
    await expect(secrets.rotate(null, 60)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/WEBHOOK_SECRET/) });
  });

  it('takes WEBHOOK_SECRET only as whsec_ values, and never with API_KEYS', () => {
    const [current, previous] = [generateWebhookSecret(), generateWebhookSecret()];
    expect(loadConfig({ WEBHOOK_SECRET: `${current},${previous}` }).webhooks.secrets).toEqual([current, previous]);
    expect(() => loadConfig({ WEBHOOK_SECRET: 'test-webhook-secret-0123456789' })).toThrow(/WEBHOOK_SECRET: expected Standard Webhooks secrets, whsec_/);
    expect(() => loadConfig({ WEBHOOK_SECRET: current, API_KEYS: `alice:${aliceKey}` })).toThrow(/WEBHOOK_SECRET: .*rotateWebhookSecret/);
  });
});
