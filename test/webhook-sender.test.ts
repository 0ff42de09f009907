import { createServer, type IncomingHttpHeaders, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { generateWebhookSecret, webhookSigningKey } from '../src/webhooks/webhook-secrets.js';
import {
  sendWebhook,
  signWebhook,
  WebhookError,
  type SendWebhookOptions,
} from '../src/webhooks/webhook-sender.js';

// Every receiver here listens on 127.0.0.1, and every refusal asserted happens before connecting:
// no test sends traffic outside 127.0.0.1.

interface Delivery {
  headers: IncomingHttpHeaders;
  rawBody: string;
  method: string;
}

interface Receiver {
  origin: string;
  port: number;
  /** Requests that reached the receiver: a refused send must leave this empty. */
  deliveries: Delivery[];
  close(): Promise<void>;
}

const receivers: Receiver[] = [];

async function startReceiver(answer: (response: ServerResponse, delivery: Delivery) => void): Promise<Receiver> {
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const delivery = { headers: request.headers, rawBody: Buffer.concat(chunks).toString('utf8'), method: request.method ?? '' };
      receiver.deliveries.push(delivery);
      answer(response, delivery);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const receiver: Receiver = {
    origin: `http://127.0.0.1:${port}`,
    port,
    deliveries: [],
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  receivers.push(receiver);
  return receiver;
}

afterEach(async () => {
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
});

const secret = generateWebhookSecret();
const body = JSON.stringify({ id: 'evt_1', type: 'task.completed', data: { taskId: 't1', note: 'ünïcode' } });

function options(overrides: Partial<SendWebhookOptions> = {}): SendWebhookOptions {
  return {
    secrets: [secret],
    eventId: 'evt_1',
    eventType: 'task.completed',
    allowList: ['127.0.0.1'],
    timeoutMs: 2000,
    ...overrides,
  };
}

async function sendError(url: string, overrides: Partial<SendWebhookOptions> = {}): Promise<WebhookError> {
  const error = await sendWebhook(url, body, options(overrides)).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(WebhookError);
  return error as WebhookError;
}

describe('sendWebhook delivers', () => {
  it('POSTs the body with Standard Webhooks headers that the standardwebhooks package verifies', async () => {
    let verified: unknown = null;
    const receiver = await startReceiver((response, delivery) => {
      verified = new Webhook(secret).verify(delivery.rawBody, delivery.headers as Record<string, string>);
      response.writeHead(204).end();
    });

    const result = await sendWebhook(`${receiver.origin}/hooks`, body, options());

    expect(result).toEqual({ status: 204 });
    expect(verified).toEqual(JSON.parse(body));
    const [delivery] = receiver.deliveries;
    expect(receiver.deliveries).toHaveLength(1);
    expect(delivery.method).toBe('POST');
    expect(delivery.rawBody).toBe(body);
    expect(delivery.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'mediatasks-webhooks',
      'webhook-id': 'evt_1',
      'webhook-event': 'task.completed',
    });
    expect(delivery.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(Math.abs(Number(delivery.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(5);
  });

  it('refuses a malformed secret permanently, without a request', async () => {
    const receiver = await startReceiver((response) => response.writeHead(204).end());

    const error = await sendError(`${receiver.origin}/hooks`, { secrets: ['not-a-whsec-secret-0123456789'] });

    expect(error.permanent).toBe(true);
    expect(error.message).toMatch(/cannot be signed: .*whsec_/);
    expect(receiver.deliveries).toHaveLength(0);
  });

  it('throws a non-permanent error with the status and the start of the body for a 500', async () => {
    const receiver = await startReceiver((response) => {
      response.writeHead(500, { 'content-type': 'text/plain' }).end(`database down ${'x'.repeat(500)}`);
    });

    const error = await sendError(`${receiver.origin}/hooks`);

    expect(error).toMatchObject({ status: 500, permanent: false });
    expect(error.message).toContain('500');
    expect(error.message).toContain('database down');
    expect(error.message).not.toContain('x'.repeat(200));
    expect(receiver.deliveries).toHaveLength(1);
  });

  it('does not follow a redirect: a 302 is a non-permanent failure', async () => {
    const target = await startReceiver((response) => response.writeHead(200).end());
    const receiver = await startReceiver((response) => {
      response.writeHead(302, { location: `${target.origin}/elsewhere` }).end();
    });

    const error = await sendError(`${receiver.origin}/hooks`);

    expect(error).toMatchObject({ status: 302, permanent: false });
    expect(target.deliveries).toHaveLength(0);
  });

  it('times out when the receiver never answers', async () => {
    const receiver = await startReceiver(() => {
      // Never answer.
    });

    const started = Date.now();
    const error = await sendError(`${receiver.origin}/hooks`, { timeoutMs: 300 });

    expect(error.permanent).toBe(false);
    expect(error.status).toBeUndefined();
    expect(error.message).toMatch(/no answer within 0\.3 s/);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(receiver.deliveries).toHaveLength(1);
  });

  it('reports a refused connection as non-permanent', async () => {
    const receiver = await startReceiver((response) => response.writeHead(200).end());
    const url = `${receiver.origin}/hooks`;
    await receiver.close();

    const error = await sendError(url);

    expect(error.permanent).toBe(false);
    expect(error.message).toContain('ECONNREFUSED');
  });
});

describe('sendWebhook refuses before connecting', () => {
  it('refuses the cloud metadata address permanently', async () => {
    const error = await sendError('http://169.254.169.254/x');

    expect(error.permanent).toBe(true);
    expect(error.status).toBeUndefined();
    expect(error.message).toMatch(/cloud metadata/);
  });

  it('refuses loopback permanently when it is not allow-listed, without a request', async () => {
    const receiver = await startReceiver((response) => response.writeHead(200).end());

    const error = await sendError(`http://127.0.0.1:${receiver.port}/hooks`, { allowList: [] });

    expect(error.permanent).toBe(true);
    expect(error.message).toMatch(/loopback/);
    expect(receiver.deliveries).toHaveLength(0);
  });

  it('refuses a host name resolving to loopback permanently, without a request', async () => {
    const receiver = await startReceiver((response) => response.writeHead(200).end());

    const error = await sendError(`http://localhost:${receiver.port}/hooks`, { allowList: [] });

    expect(error.permanent).toBe(true);
    expect(error.message).toMatch(/loopback/);
    expect(receiver.deliveries).toHaveLength(0);
  });

  it('refuses non-http URLs permanently', async () => {
    for (const url of ['file:///etc/passwd', 'ftp://127.0.0.1/x', 'not a url']) {
      const error = await sendError(url);
      expect(error.permanent).toBe(true);
    }
  });
});

describe('webhook signatures', () => {
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = (signature: string, id = 'evt_1') => ({ 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature });

  it('is the Standard Webhooks v1 signature: base64 HMAC-SHA256 of "id.timestamp.body"', () => {
    const signature = signWebhook([secret], 'evt_1', timestamp, body);

    expect(signature).toBe(new Webhook(secret).sign('evt_1', new Date(timestamp * 1000), body));
    expect(new Webhook(secret).verify(body, headers(signature))).toEqual(JSON.parse(body));
  });

  it('fails a tampered body, another webhook-id or another secret', () => {
    const signature = signWebhook([secret], 'evt_1', timestamp, body);

    expect(() => new Webhook(secret).verify(body.replace('t1', 't2'), headers(signature))).toThrow(/No matching signature/);
    expect(() => new Webhook(secret).verify(body, headers(signature, 'evt_2'))).toThrow(/No matching signature/);
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers(signature))).toThrow(/No matching signature/);
  });

  it('signs with each secret during a rotation: two v1 entries, either secret verifies', () => {
    const previous = generateWebhookSecret();
    const signature = signWebhook([secret, previous], 'evt_1', timestamp, body);

    expect(signature.split(' ')).toHaveLength(2);
    expect(signature.split(' ').every((entry) => entry.startsWith('v1,'))).toBe(true);
    for (const key of [secret, previous]) expect(new Webhook(key).verify(body, headers(signature))).toEqual(JSON.parse(body));
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers(signature))).toThrow(/No matching signature/);
  });

  it('takes only whsec_ secrets of 24 to 64 bytes', () => {
    expect(webhookSigningKey(secret)).toHaveLength(32);
    expect(webhookSigningKey(`whsec_${Buffer.alloc(24, 1).toString('base64')}`)).toHaveLength(24);
    for (const bad of ['', 'whsec_', 'test-webhook-secret-0123456789', Buffer.alloc(32).toString('base64'),
      `whsec_${Buffer.alloc(23, 1).toString('base64')}`, `whsec_${Buffer.alloc(65, 1).toString('base64')}`, `${secret}!`, `whsec_${'A'.repeat(41)}`]) {
      expect(webhookSigningKey(bad), bad).toBeNull();
    }
    expect(() => signWebhook([], 'evt_1', timestamp, body)).toThrow(TypeError);
    expect(() => signWebhook(['whsec_short'], 'evt_1', timestamp, body)).toThrow(/whsec_/);
  });
});
