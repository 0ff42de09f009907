import { createServer, type IncomingHttpHeaders, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  sendWebhook,
  signWebhook,
  verifyWebhookSignature,
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

const secret = 'whsec_test_secret';
const body = JSON.stringify({ id: 'evt_1', type: 'task.completed', data: { taskId: 't1', note: 'ünïcode' } });

function options(overrides: Partial<SendWebhookOptions> = {}): SendWebhookOptions {
  return {
    secret,
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
  it('POSTs the body with headers and a signature the receiver can verify', async () => {
    let verified: boolean | null = null;
    const receiver = await startReceiver((response, delivery) => {
      verified = verifyWebhookSignature(secret, String(delivery.headers['webhook-signature']), delivery.rawBody);
      response.writeHead(204).end();
    });

    const result = await sendWebhook(`${receiver.origin}/hooks`, body, options());

    expect(result).toEqual({ status: 204 });
    expect(verified).toBe(true);
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
    expect(delivery.headers['webhook-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
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
  const now = 1_700_000_000_000;
  const timestamp = now / 1000;

  it('signs Stripe style and verifies its own signature', () => {
    const header = signWebhook(secret, timestamp, body);

    expect(header).toMatch(new RegExp(`^t=${timestamp},v1=[0-9a-f]{64}$`));
    expect(verifyWebhookSignature(secret, header, body, { now })).toBe(true);
  });

  it('fails a tampered body or a wrong secret', () => {
    const header = signWebhook(secret, timestamp, body);

    expect(verifyWebhookSignature(secret, header, body.replace('t1', 't2'), { now })).toBe(false);
    expect(verifyWebhookSignature('another secret', header, body, { now })).toBe(false);
  });

  it('fails a timestamp outside the tolerance, either way', () => {
    expect(verifyWebhookSignature(secret, signWebhook(secret, timestamp - 301, body), body, { now })).toBe(false);
    expect(verifyWebhookSignature(secret, signWebhook(secret, timestamp + 301, body), body, { now })).toBe(false);
    expect(verifyWebhookSignature(secret, signWebhook(secret, timestamp - 299, body), body, { now })).toBe(true);
    expect(
      verifyWebhookSignature(secret, signWebhook(secret, timestamp - 3600, body), body, { now, toleranceSeconds: 7200 }),
    ).toBe(true);
  });

  it('fails malformed headers', () => {
    const valid = signWebhook(secret, timestamp, body);
    for (const header of ['', 'garbage', `t=${timestamp}`, valid.replace(/^t=\d+,/, ''), `${valid}0`, valid.replace('t=', 't=x')]) {
      expect(verifyWebhookSignature(secret, header, body, { now })).toBe(false);
    }
  });

  it('accepts any of several v1 signatures, as during a secret rotation', () => {
    const old = signWebhook('old secret', timestamp, body);
    const current = signWebhook(secret, timestamp, body).split(',')[1];

    expect(verifyWebhookSignature(secret, `${old},${current}`, body, { now })).toBe(true);
  });
});
