// Webhooks end to end: bodies in the shape of the GraphQL task, signed with WEBHOOK_SECRET in the
// Standard Webhooks format (verified with the `standardwebhooks` package), retried with backoff
// until the receiver takes them, refused for forbidden addresses, every status change on request.
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateWebhookSecret } from '../src/webhooks/webhook-secrets.js';
import { RotateWebhookSecretDocument, TaskWebhooksDocument, WebhookSecretDocument } from './generated/graphql.js';
import { writeTestImage } from './support/fixtures.js';
import { startMediaServer, type MediaServer } from './support/media-server.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { runTaskToEnd } from './support/tasks.js';

const secret = generateWebhookSecret();

function verifies(key: string, headers: http.IncomingHttpHeaders, body: string): boolean {
  try {
    new Webhook(key).verify(body, headers as Record<string, string>);
    return true;
  } catch {
    return false;
  }
}

interface Received { path: string; headers: http.IncomingHttpHeaders; body: string; verified: boolean }

let server: TestServer;
let media: MediaServer;
let mediaDir: string;
let receiver: http.Server;
let receiverUrl: string;
const received: Received[] = [];
let failuresLeft = 0;

beforeAll(async () => {
  mediaDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-webhooks-'));
  await writeTestImage(path.join(mediaDir, 'fine.png'), 64, 48);
  media = await startMediaServer(mediaDir);
  receiver = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      received.push({ path: request.url!, headers: request.headers, body, verified: verifies(secret, request.headers, body) });
      if (request.url === '/flaky' && failuresLeft > 0) {
        failuresLeft--;
        return void response.writeHead(500).end('try again');
      }
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  server = await startTestServer({ WEBHOOK_SECRET: secret, WEBHOOK_RETRY_DELAY_SECONDS: '1', QUEUE_POLL_INTERVAL_SECONDS: '0.5' });
});

afterAll(async () => {
  await server?.stop();
  await media?.close();
  await new Promise((resolve) => receiver?.close(resolve));
  await fs.rm(mediaDir, { recursive: true, force: true });
});

async function runWithWebhook(webhookUrl: string, webhookAllEvents = false) {
  return (await runTaskToEnd(server.client, { kind: 'IMAGE', url: `${media.url}/fine.png`, webhookUrl, webhookAllEvents })).id;
}

async function deliveriesSettled(id: string, timeoutMs = 40_000) {
  const started = Date.now();
  while (true) {
    const { data } = await server.client.request(TaskWebhooksDocument, { id });
    const deliveries = data!.task!.webhookDeliveries;
    if (deliveries.length > 0 && deliveries.every((delivery) => delivery.status !== 'PENDING')) return deliveries;
    if (Date.now() - started > timeoutMs) throw new Error(`deliveries still pending: ${JSON.stringify(deliveries)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('webhooks', () => {
  it('posts a signed body shaped like the GraphQL task when the task ends', async () => {
    const id = await runWithWebhook(`${receiverUrl}/hook`);
    const [delivery] = await deliveriesSettled(id);
    expect(delivery).toMatchObject({ status: 'DELIVERED', attempts: 1, responseStatus: 204 });

    const posts = received.filter((post) => post.path === '/hook');
    expect(posts).toHaveLength(1);
    expect(posts[0].verified).toBe(true);
    expect(posts[0].headers['webhook-id']).toBe(delivery.eventId);
    // Not the event's sequence number, which would tell every receiver the deployment's volume.
    expect(delivery.eventId).toMatch(/^msg_[\w-]{27}$/);
    expect(posts[0].headers['webhook-timestamp']).toMatch(/^\d+$/);
    expect(posts[0].headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(posts[0].headers['webhook-event']).toBe('task.succeeded');
    const body = JSON.parse(posts[0].body);
    expect(body).toMatchObject({ id: delivery.eventId, type: 'task.succeeded', data: { task: { id, kind: 'IMAGE', status: 'SUCCEEDED', error: null } } });
    expect(body.data.task.outputs[0]).toMatchObject({ kind: 'IMAGE', mimeType: 'image/webp', url: expect.stringMatching(/^http:/) });
    expect(verifies(generateWebhookSecret(), posts[0].headers, posts[0].body)).toBe(false);
  });

  it('keeps WEBHOOK_SECRET out of the API: not shown, not rotated', async () => {
    expect((await server.client.request(WebhookSecretDocument, {})).data!.webhookSecret).toBeNull();
    const rotated = await server.client.request(RotateWebhookSecretDocument, {});
    expect(rotated.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(rotated.errors?.[0]?.message).toMatch(/WEBHOOK_SECRET/);
  });

  it('retries with backoff until a receiver that failed three times takes it', async () => {
    failuresLeft = 3;
    const id = await runWithWebhook(`${receiverUrl}/flaky`);
    const [delivery] = await deliveriesSettled(id);
    expect(delivery).toMatchObject({ status: 'DELIVERED', attempts: 4, responseStatus: 204 });
    const posts = received.filter((post) => post.path === '/flaky');
    expect(posts).toHaveLength(4);
    expect(new Set(posts.map((post) => post.headers['webhook-id']))).toEqual(new Set([delivery.eventId]));
    expect(posts.every((post) => post.verified)).toBe(true);
  }, 60_000);

  it('refuses a forbidden address without retrying', async () => {
    const id = await runWithWebhook('http://169.254.169.254/latest/hook');
    const [delivery] = await deliveriesSettled(id);
    expect(delivery).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(delivery.lastError).toMatch(/169\.254\.169\.254/);
  });

  it('sends every status change when asked, each once, numbered in order', async () => {
    const id = await runWithWebhook(`${receiverUrl}/all`, true);
    const deliveries = await deliveriesSettled(id);
    expect(deliveries).toHaveLength(6);
    expect(deliveries.every((delivery) => delivery.status === 'DELIVERED')).toBe(true);
    // Sent concurrently, they may arrive in any order: their sequence numbers order them.
    const bodies = received.filter((post) => post.path === '/all').map((post) => JSON.parse(post.body) as { type: string; sequence: number });
    expect(bodies.map((body) => body.sequence).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    const types = bodies.sort((a, b) => a.sequence - b.sequence).map((body) => body.type);
    expect(types).toEqual(['task.waiting', 'task.validating', 'task.queued', 'task.processing', 'task.finishing', 'task.succeeded']);
  });
});
