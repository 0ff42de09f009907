// Every kind of bad input ends in a specific code: at createTask (BAD_USER_INPUT) or as the
// task's error once validation or processing finds it. Never a hang or a stuck task.
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateTaskDocument, TaskDocument, type CreateTaskInput } from './generated/graphql.js';
import { writeTestImage, writeTestVideo } from './support/fixtures.js';
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
  await fs.writeFile(path.join(mediaDir, 'header-bomb.png'), pngHeaderBomb(30_000, 30_000));
  await writeTestVideo(path.join(mediaDir, 'second.mp4'), { width: 160, height: 120, seconds: 1, audio: false });

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

/** A PNG whose header claims width x height over one tiny IDAT: what a decompression bomb looks like to a prober. */
function pngHeaderBomb(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed) >>> 0);
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // 8-bit greyscale
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.alloc(width + 1))), chunk('IEND', Buffer.alloc(0))]);
}

/** A GraphQL request with a hand-built body (a value too deep for JSON.stringify to write). */
async function postRaw(body: string): Promise<{ status: number; json: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } }> {
  const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body });
  return { status: response.status, json: await response.json() };
}

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
    ['a 900 MP PNG, over sharp\'s own limit too', () => `${allowed()}/header-bomb.png`, 'INPUT_TOO_LARGE', /30000 x 30000/],
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

describe('options under another kind\'s key', () => {
  it.each([
    ['video options for an IMAGE', { kind: 'IMAGE', url: 'http://localhost/x.png', options: { video: { width: 160 } } }, 'options.video', 'options.image'],
    ['image options for an ADAPTIVE_VIDEO', { kind: 'ADAPTIVE_VIDEO', url: 'http://localhost/x.mp4', options: { image: { width: 160 } } }, 'options.image', 'options.adaptive_video'],
  ] as Array<[string, CreateTaskInput, string, string]>)('%s are refused, naming the key expected', async (_name, input, given, expected) => {
    const result = await server.client.request(CreateTaskDocument, { input });
    expect(result.data ?? null).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'options' });
    expect(result.errors![0].message).toContain(given);
    expect(result.errors![0].message).toContain(expected);
  });
});

describe('inputs that are too much to store or to make', () => {
  const url = () => `${allowed()}/fine.png`;
  const cases: Array<[string, () => CreateTaskInput, string]> = [
    ['a URL over 8 KB', () => ({ kind: 'IMAGE', url: `${allowed()}/${'a'.repeat(9000)}.png` }), 'url'],
    ['an idempotency key of 3,000 characters', () => ({ kind: 'IMAGE', url: url(), idempotencyKey: 'k'.repeat(3000) }), 'idempotencyKey'],
    ['an idempotency key with a NUL', () => ({ kind: 'IMAGE', url: url(), idempotencyKey: 'a\u0000b' }), 'idempotencyKey'],
    ['metadata with a NUL', () => ({ kind: 'IMAGE', url: url(), metadata: { note: 'a\u0000b' } }), 'metadata'],
    ['metadata with a lone surrogate', () => ({ kind: 'IMAGE', url: url(), metadata: { ['\ud800key']: 1 } }), 'metadata'],
    ['metadata over 16 KB', () => ({ kind: 'IMAGE', url: url(), metadata: { text: 'x'.repeat(20_000) } }), 'metadata'],
    ['an image of 16384 x 16384', () => ({ kind: 'IMAGE', url: url(), options: { image: { width: 16_384, height: 16_384, fit: 'fill', format: 'png' } } }), 'options.image.width'],
    ['a video of 7680 x 7680', () => ({ kind: 'VIDEO', url: url(), options: { video: { width: 7680, height: 7680 } } }), 'options.video.width'],
  ];

  it.each(cases)('%s is BAD_USER_INPUT at createTask', async (_name, input, field) => {
    const result = await server.client.request(CreateTaskDocument, { input: input() });
    expect(result.data ?? null).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    // Nothing of the request is echoed back whole.
    expect(result.errors![0].message.length).toBeLessThan(300);
  });

  it('metadata nested 100,000 deep is BAD_USER_INPUT, not a stack overflow', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const body = `{"query":"mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }","variables":{"input":{"kind":"IMAGE","url":"${url()}","metadata":${deep}}}}`;
    const { json } = await postRaw(body);
    expect(json.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'metadata' });
    expect(json.errors![0].message).toMatch(/deeper than 32/);
  });

  it('a size derived from the input\'s aspect ends FAILED with OUTPUT_TOO_LARGE at validation', async () => {
    const { task, events } = await runToEnd({ kind: 'IMAGE', url: url(), options: { image: { width: 16_000 } } });
    expect(task.error).toMatchObject({ code: 'OUTPUT_TOO_LARGE' });
    expect(task.error!.message).toMatch(/16000 x 12000/);
    expect(events.map((event) => event.taskUpdated.status)).not.toContain('PROCESSING');
  });

  it('a start past the end of a video is INPUT_UNSUPPORTED for every kind that takes one', async () => {
    const video = `${allowed()}/second.mp4`;
    for (const input of [
      { kind: 'IMAGE', url: video, options: { image: { start: 100 } } },
      { kind: 'VIDEO', url: video, options: { video: { start: 100 } } },
      { kind: 'ANIMATION', url: video, options: { animation: { start: 100 } } },
      { kind: 'THUMBNAILS', url: video, options: { thumbnails: { mode: 'frames', times: [0.5, 100] } } },
    ] satisfies CreateTaskInput[]) {
      const { task } = await runToEnd(input);
      expect(task.error, input.kind).toMatchObject({ code: 'INPUT_UNSUPPORTED' });
      expect(task.error!.message).toMatch(/100 s\)? is at or past the end of the input/);
    }
  });
});

describe('ids and uploads', () => {
  it('node and nodes answer null for a task that does not exist', async () => {
    const { id: existing } = await runTaskToEnd(server.client, { kind: 'IMAGE', url: `${allowed()}/fine.png` });
    const missing = Buffer.from('Task:0190f3a0-0000-7000-8000-000000000000').toString('base64');
    const query = `query($missing: ID!, $ids: [ID!]!) { node(id: $missing) { id } nodes(ids: $ids) { id } }`;
    const { json } = await postRaw(JSON.stringify({ query, variables: { missing, ids: [missing, existing] } }));
    expect(json.errors).toBeUndefined();
    expect(json.data).toEqual({ node: null, nodes: [null, { id: existing }] });
  });

  it('a refused upload leaves nothing in storage', async () => {
    const before = await fs.readdir(server.storageDir, { recursive: true });
    const result = await server.client.upload(CreateTaskDocument, { input: { kind: 'IMAGE', file: null } }, 'input.file',
      new Blob([Buffer.alloc(400_000, 1)], { type: 'image/png' }), 'too-big.png');
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'INPUT_TOO_LARGE', field: 'file' });
    expect(await fs.readdir(server.storageDir, { recursive: true })).toEqual(before);
  });
});
