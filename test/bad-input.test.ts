// Every kind of bad input ends in a specific code: at createTask (BAD_USER_INPUT) or as the
// task's error once validation or processing finds it. Never a hang or a stuck task.
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateTaskDocument, TaskDocument, type CreateTaskInput } from './generated/graphql.js';
import { writeTestImage } from './support/fixtures.js';
import { startMediaServer, type MediaServer } from './support/media-server.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { runTaskToEnd } from './support/tasks.js';

let server: TestServer;
let media: MediaServer;
let mediaDir: string;
let closedPort: number;

// The server allows the host name "localhost" only: 127.0.0.1 by address stays forbidden.
const allowed = () => `http://localhost:${media.port}`;
const forbidden = () => `http://127.0.0.1:${media.port}`;

beforeAll(async () => {
  mediaDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-bad-'));
  await writeTestImage(path.join(mediaDir, 'fine.png'), 64, 48);
  await writeTestImage(path.join(mediaDir, 'photo.jpg'), 400, 300, 'jpeg');
  const jpeg = await fs.readFile(path.join(mediaDir, 'photo.jpg'));
  await fs.writeFile(path.join(mediaDir, 'truncated.jpg'), jpeg.subarray(0, Math.floor(jpeg.length / 2)));
  await fs.writeFile(path.join(mediaDir, 'large.bin'), Buffer.alloc(400_000, 7));
  await writeTestImage(path.join(mediaDir, 'bomb.png'), 2000, 1500); // 3 MP, over the 2 MP limit below
  await fs.writeFile(path.join(mediaDir, 'page.html'), '<!doctype html><html><body><h1>Not media</h1></body></html>');

  media = await startMediaServer(mediaDir, {
    '/redirect-to-loopback': (_request, response) => void response.writeHead(302, { location: `${forbidden()}/fine.png` }).end(),
    '/page': (_request, response) => void response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><body>hello</body></html>'),
  });
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));

  server = await startTestServer({ FETCH_ALLOW_HOSTS: 'localhost', MAX_INPUT_BYTES: '300000', MAX_IMAGE_PIXELS: '2000000' });
});

afterAll(async () => {
  await server?.stop();
  await media?.close();
  await fs.rm(mediaDir, { recursive: true, force: true });
});

async function runToEnd(input: CreateTaskInput) {
  const { id, events } = await runTaskToEnd(server.client, input);
  const { data } = await server.client.request(TaskDocument, { id });
  return { events, task: data!.task! };
}

describe('inputs that fail while validating or processing', () => {
  const cases: Array<[string, () => string, string, RegExp]> = [
    ['unknown host', () => 'http://no-such-host.invalid/image.png', 'INPUT_UNREACHABLE', /no-such-host\.invalid/],
    ['connection refused', () => `http://localhost:${closedPort}/image.png`, 'INPUT_UNREACHABLE', /refused/i],
    ['404', () => `${allowed()}/missing.png`, 'INPUT_UNREACHABLE', /404/],
    ['an HTML page instead of media', () => `${allowed()}/page`, 'INPUT_UNSUPPORTED', /html/i],
    ['a truncated image', () => `${allowed()}/truncated.jpg`, 'INPUT_INVALID', /truncat|corrupt/i],
    ['a file over MAX_INPUT_BYTES', () => `${allowed()}/large.bin`, 'INPUT_TOO_LARGE', /MB/],
    ['an image over MAX_IMAGE_PIXELS (decompression bomb)', () => `${allowed()}/bomb.png`, 'INPUT_TOO_LARGE', /megapixel|pixels/i],
    ['127.0.0.1 without allow-list', () => `${forbidden()}/fine.png`, 'INPUT_FORBIDDEN', /127\.0\.0\.1/],
    ['a redirect to a forbidden address', () => `${allowed()}/redirect-to-loopback`, 'INPUT_FORBIDDEN', /127\.0\.0\.1/],
    ['the cloud metadata address', () => 'http://169.254.169.254/latest/meta-data/', 'INPUT_FORBIDDEN', /169\.254\.169\.254/],
  ];

  it.each(cases)('%s ends FAILED with %s', async (_name, url, code, message) => {
    const { events, task } = await runToEnd({ kind: 'IMAGE', url: url() });
    expect(task.status).toBe('FAILED');
    expect(task.error?.code).toBe(code);
    expect(task.error?.message).toMatch(message);
    expect(events.at(-1)!.taskUpdated).toMatchObject({ status: 'FAILED', error: { code } });
    expect(task.outputs).toEqual([]);
    expect(task.finishedAt).not.toBeNull();
  });

  it('still succeeds for an allowed host, so the failures above are about the input', async () => {
    const { task } = await runToEnd({ kind: 'IMAGE', url: `${allowed()}/fine.png` });
    expect(task.status).toBe('SUCCEEDED');
  });
});

describe('requests refused at createTask with BAD_USER_INPUT', () => {
  const cases: Array<[string, CreateTaskInput, string]> = [
    ['a malformed URL', { kind: 'IMAGE', url: 'not a url' }, 'url'],
    ['a non-http URL', { kind: 'IMAGE', url: 'file:///etc/passwd' }, 'url'],
    ['no input at all', { kind: 'IMAGE' }, 'url'],
    ['a wrong fit', { kind: 'IMAGE', url: 'http://localhost/x.png', options: { image: { fit: 'wrong' as never } } }, 'options.image.fit'],
    ['a negative width', { kind: 'IMAGE', url: 'http://localhost/x.png', options: { image: { width: -5 } } }, 'options.image.width'],
    ['an unknown format', { kind: 'IMAGE', url: 'http://localhost/x.png', options: { image: { format: 'bmp' as never } } }, 'options.image.format'],
    ['quality over 100', { kind: 'IMAGE', url: 'http://localhost/x.png', options: { image: { quality: 101 } } }, 'options.image.quality'],
    ['an unparseable background colour', { kind: 'IMAGE', url: 'http://localhost/x.png', options: { image: { background: 'notacolour' } } }, 'options.image.background'],
    ['metadata that is not an object', { kind: 'IMAGE', url: 'http://localhost/x.png', metadata: 'text' }, 'metadata'],
  ];

  it.each(cases)('%s', async (_name, input, field) => {
    const result = await server.client.request(CreateTaskDocument, { input });
    expect(result.data ?? null).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});
