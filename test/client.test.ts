// @mediatasks/client against the real server: createTask and run to SUCCEEDED (the output read
// back with sharp), multipart and tus uploads (one cut halfway and resumed), two watches on one
// WebSocket where one ends first, SSE (forced, and as the fallback of a WebSocket that cannot
// connect), a retried create that makes one task, typed errors, and API keys.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, MediaTasksError, type MediaTasksClient, type TaskChange, type TypedDocument } from '../client/src/node.js';
import { writeTestImage, writeTestVideo } from './support/fixtures.js';
import { startMediaServer, type MediaServer } from './support/media-server.js';
import { freePort } from './support/free-port.js';
import { holdResponse } from './support/held-response.js';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const apiKey = 'alice-client-key-0123456789';

let server: TestServer;
let media: MediaServer;
let tusProxy: TcpProxy;
let folder: string;
let client: MediaTasksClient<string | Blob>;
let photo: Buffer;
/** A tus PATCH that crosses this many bytes through the proxy is cut (once). */
const cutAfterBytes = 1_000_000;

/** The photo at /held.png, answered only once released: a task waits in VALIDATING until then. */
const holdPhoto = () => holdResponse((response) => void response.writeHead(200, { 'content-type': 'image/png', 'content-length': photo.length }).end(photo));
let heldPhoto = holdPhoto();

beforeAll(async () => {
  folder = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-client-'));
  await writeTestImage(path.join(folder, 'photo.png'), 64, 48);
  await writeTestVideo(path.join(folder, 'clip.mp4'), { width: 160, height: 120, seconds: 1, audio: false });
  photo = await fs.readFile(path.join(folder, 'photo.png'));
  media = await startMediaServer(folder, { '/held.png': (_request, response) => heldPhoto.handle(response) });
  // tus sends to the upload URL the server answers, made from PUBLIC_URL: a proxy there can cut
  // a PATCH halfway while the GraphQL requests go straight to the server.
  const port = await freePort();
  tusProxy = await startTcpProxy(new URL(`http://127.0.0.1:${port}`), { cutAfterBytes });
  server = await startTestServer({ API_KEYS: `alice:${apiKey}`, PORT: String(port), PUBLIC_URL: tusProxy.url });
  client = createClient({ url: server.url, apiKey });
}, 60_000);

afterAll(async () => {
  await client?.close();
  await server?.stop();
  await tusProxy?.close();
  await media?.close();
  if (folder) await fs.rm(folder, { recursive: true, force: true });
});

const lifecycle = ['WAITING', 'VALIDATING', 'QUEUED', 'PROCESSING', 'FINISHING', 'SUCCEEDED'];
const inLifecycleOrder = (changes: TaskChange[]) => changes.every((change, index) => index === 0 || lifecycle.indexOf(change.status) >= lifecycle.indexOf(changes[index - 1].status));

/**
 * Runs a task on the held photo with this client, releasing it once the watch has its first
 * change: everything from VALIDATING on then happens while the subscription is live.
 */
async function runHeld(watcher: MediaTasksClient<string | Blob>): Promise<{ status: string; changes: TaskChange[] }> {
  heldPhoto = holdPhoto();
  const created = await watcher.createTask({ kind: 'IMAGE', url: `${media.url}/held.png` });
  const changes: TaskChange[] = [];
  let subscribed!: () => void;
  const firstChange = new Promise<void>((resolve) => { subscribed = resolve; });
  const watching = watcher.watch(created.id, (change) => { changes.push(change); subscribed(); });
  await Promise.all([heldPhoto.requested, firstChange]);
  heldPhoto.release();
  const task = await watching;
  return { status: task.status, changes };
}

async function outputWidth(url: string): Promise<number | undefined> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return (await sharp(Buffer.from(await response.arrayBuffer())).metadata()).width;
}


/** Node's WebSocket, counting the connections a client opens (one shared socket is the point). */
function countingWebSocket(): { WebSocket: typeof WebSocket; opened: () => number } {
  let opened = 0;
  class CountingWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      opened++;
    }
  }
  return { WebSocket: CountingWebSocket, opened: () => opened };
}
describe('tasks', () => {
  it('runs an image task from a URL to SUCCEEDED, reporting each change, and the output is what was asked', async () => {
    const changes: TaskChange[] = [];
    const task = await client.run({ kind: 'IMAGE', url: `${media.url}/photo.png`, options: { image: { width: 32, format: 'png' } } }, { onChange: (change) => changes.push(change) });
    expect(task.status).toBe('SUCCEEDED');
    expect(changes.at(-1)).toMatchObject({ id: task.id, status: 'SUCCEEDED', progress: 100 });
    // What came before the subscription began is not replayed: the changes seen are in lifecycle order.
    expect(inLifecycleOrder(changes)).toBe(true);
    expect(task.outputs).toHaveLength(1);
    expect(task.outputs[0]).toMatchObject({ mimeType: 'image/png', width: 32, height: 24 });
    expect(await outputWidth(task.outputs[0].url)).toBe(32);
  });

  it('lists, cancels, retries and deletes', async () => {
    heldPhoto = holdPhoto();
    const created = await client.createTask({ kind: 'IMAGE', url: `${media.url}/held.png` });
    expect(created.status).toBe('WAITING');
    await heldPhoto.requested;
    const listed = await client.tasks({ status: ['WAITING', 'VALIDATING'] });
    expect(listed.tasks.map((task) => task.id)).toContain(created.id);
    expect((await client.cancel(created.id)).status).toBe('CANCELLED');
    expect((await client.watch(created.id)).status).toBe('CANCELLED');
    heldPhoto.release();
    await client.retry(created.id);
    const retried = await client.watch(created.id);
    expect(retried).toMatchObject({ status: 'SUCCEEDED', attempts: 1 });
    expect(await client.delete(created.id)).toBe(created.id);
    expect(await client.task(created.id)).toBeNull();
  });

  it('resolves at once for a task that ended before the watch began', async () => {
    const done = await client.run({ kind: 'IMAGE', url: `${media.url}/photo.png` });
    const changes: TaskChange[] = [];
    const again = await client.watch(done.id, (change) => changes.push(change));
    expect(again).toMatchObject({ id: done.id, status: 'SUCCEEDED' });
    expect(changes.map((change) => change.status)).toEqual(['SUCCEEDED']);
  });

  it('types a result by its kind: narrowed on __typename, the fields of that kind', async () => {
    const task = await client.run({ kind: 'THUMBNAILS', url: `${media.url}/clip.mp4`, options: { thumbnails: { mode: 'frames', count: 2, width: 80 } } });
    expect(task.status).toBe('SUCCEEDED');
    const typed = task.typedResult;
    if (typed?.__typename !== 'ThumbnailsResult') throw new Error(`expected a ThumbnailsResult, got ${typed?.__typename}`);
    // Only a ThumbnailsResult has frames and poster: this compiles because the union narrowed.
    expect(typed.mode).toBe('frames');
    expect(typed.frames?.map((frame) => [frame.width, frame.height])).toEqual([[80, 60], [80, 60]]);
    expect(typed.poster.width).toBe(160);
    expect(task.outputs.map((output) => output.filename).sort()).toEqual([...typed.frames!.map((frame) => frame.filename), 'poster.jpg'].sort());
  });

  it('runs queries and subscriptions of your own: request() with a typed document, subscribe() to taskEvents on the shared socket', async () => {
    // A hand-written typed document, as an app's codegen (documentMode: 'string') would make it.
    const listDocument = 'query Mine($first: Int) { tasks(first: $first) { totalCount edges { node { id } } } }' as unknown as
      TypedDocument<{ tasks: { totalCount: number; edges: Array<{ node: { id: string } }> } }, { first: number }>;
    const eventsDocument = 'subscription Events { taskEvents(filter: { includeProgress: false }) { id status } }' as unknown as
      TypedDocument<{ taskEvents: { id: string; status: string } }, Record<string, never>>;
    const statuses = new Map<string, string[]>();
    const waiters = new Map<string, () => void>();
    const succeeded = (id: string) => new Promise<void>((resolve) => { waiters.set(id, resolve); });
    const stop = client.subscribe(eventsDocument, {}, {
      next: ({ taskEvents }) => {
        statuses.set(taskEvents.id, [...(statuses.get(taskEvents.id) ?? []), taskEvents.status]);
        if (taskEvents.status === 'SUCCEEDED') waiters.get(taskEvents.id)?.();
      },
      error: (error) => { throw error; },
      complete: () => {},
    });
    // Live once it has delivered a change: probe tasks run to their end until one of them was seen.
    for (let probe = 0; probe < 20 && statuses.size === 0; probe++) {
      await client.run({ kind: 'IMAGE', url: `${media.url}/photo.png` });
    }
    expect(statuses.size).toBeGreaterThan(0);
    heldPhoto = holdPhoto();
    const created = await client.createTask({ kind: 'IMAGE', url: `${media.url}/held.png` });
    const taskId = created.id;
    const done = succeeded(taskId);
    await heldPhoto.requested;
    heldPhoto.release();
    await done;
    stop();
    expect(statuses.get(taskId)).toEqual(['WAITING', 'VALIDATING', 'QUEUED', 'PROCESSING', 'FINISHING', 'SUCCEEDED']);
    const { tasks } = await client.request(listDocument, { first: 1 });
    expect(tasks.edges[0].node.id).toBe(taskId);
    expect(tasks.totalCount).toBeGreaterThan(0);
    await expect(client.request('query { nope }' as unknown as TypedDocument<unknown, Record<string, never>>, {})).rejects.toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED' });
  });

  it('lists the kinds with their option schemas', async () => {
    const kinds = await client.kinds();
    const image = kinds.find((info) => info.kind === 'IMAGE');
    expect(image?.optionsType).toBe('ImageOptions');
    expect((image?.optionsSchema as { properties: Record<string, { default?: unknown }> }).properties.format.default).toBe('webp');
  });
});

describe('uploads', () => {
  it('sends a small file in the createTask multipart request, with progress', async () => {
    const progress: Array<[number, number]> = [];
    const input = await client.upload(path.join(folder, 'photo.png'), { onProgress: (sent, total) => progress.push([sent, total]) });
    expect('file' in input).toBe(true);
    const task = await client.run({ kind: 'IMAGE', ...input, options: { image: { width: 16, format: 'png' } } });
    expect(task).toMatchObject({ status: 'SUCCEEDED', input: { filename: 'photo.png' } });
    expect(await outputWidth(task.outputs[0].url)).toBe(16);
    const [sent, total] = progress.at(-1)!;
    expect(sent).toBe(total);
    expect(total).toBeGreaterThan(photo.length);
  });

  it('sends a file with tus, resuming after the connection is cut halfway', async () => {
    // Noise does not compress: a PNG of about 2.2 MB (a valid image for the task), cut at 1 MB.
    const noise = await sharp(randomBytes(1000 * 720 * 3), { raw: { width: 1000, height: 720, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer();
    const progress: number[] = [];
    const input = await client.upload(new Blob([new Uint8Array(noise)], { type: 'image/png' }), {
      filename: 'noise.png', resumable: true, onProgress: (sent) => progress.push(sent),
    });
    expect(tusProxy.cut()).toBe(true);
    // Resumed from the offset the server had, not sent again from the start.
    expect(tusProxy.sent()).toBeLessThan(noise.length * 1.5);
    expect(progress.at(-1)).toBe(noise.length);
    expect(input).toHaveProperty('uploadId');
    const task = await client.run({ kind: 'IMAGE', ...input, options: { image: { width: 100, format: 'png' } } });
    expect(task).toMatchObject({ status: 'SUCCEEDED', input: { filename: 'noise.png', size: noise.length } });
    expect(await outputWidth(task.outputs[0].url)).toBe(100);
  });

  it('chooses tus by size: from resumableThreshold on without being asked', async () => {
    const small = createClient({ url: server.url, apiKey, resumableThreshold: 100 });
    try {
      const input = await small.upload(path.join(folder, 'photo.png'));
      expect(input).toHaveProperty('uploadId');
      expect(await small.run({ kind: 'IMAGE', ...input })).toMatchObject({ status: 'SUCCEEDED', input: { filename: 'photo.png' } });
    } finally {
      await small.close();
    }
  });
});

describe('watching', () => {
  it('keeps a second watch on the shared WebSocket alive when the first one ends', async () => {
    heldPhoto = holdPhoto();
    const slow = await client.createTask({ kind: 'IMAGE', url: `${media.url}/held.png`, options: { image: { width: 20, format: 'png' } } });
    const slowChanges: TaskChange[] = [];
    let fastEnded = false;
    const changesAfterFastEnded: TaskChange[] = [];
    const slowWatch = client.watch(slow.id, (change) => {
      slowChanges.push(change);
      if (fastEnded) changesAfterFastEnded.push(change);
    });
    await heldPhoto.requested;
    const fast = await client.run({ kind: 'IMAGE', url: `${media.url}/photo.png` });
    expect(fast.status).toBe('SUCCEEDED');
    fastEnded = true;
    heldPhoto.release();
    const slowDone = await slowWatch;
    expect(slowDone.status).toBe('SUCCEEDED');
    // The rest of its life came over the socket the fast watch shared and ended on.
    expect(changesAfterFastEnded.map((change) => change.status)).toEqual(expect.arrayContaining(['PROCESSING', 'SUCCEEDED']));
    expect(await outputWidth(slowDone.outputs[0].url)).toBe(20);
  });

  it('watches over SSE when asked to', async () => {
    const sse = createClient({ url: server.url, apiKey, subscriptions: 'sse' });
    try {
      const { status, changes } = await runHeld(sse);
      expect(status).toBe('SUCCEEDED');
      expect(changes.map((change) => change.status)).toEqual(expect.arrayContaining(['VALIDATING', 'PROCESSING', 'SUCCEEDED']));
      expect(inLifecycleOrder(changes)).toBe(true);
    } finally {
      await sse.close();
    }
  });

  it('falls back to SSE when the WebSocket cannot connect', async () => {
    const closedPort = await freePort();
    // A real WebSocket, sent to a port nobody listens on: refused as a blocked upgrade would be.
    class UnreachableWebSocket extends WebSocket {
      constructor(_url: string | URL, protocols?: string | string[]) {
        super(`ws://127.0.0.1:${closedPort}/graphql`, protocols);
      }
    }
    const fallback = createClient({ url: server.url, apiKey, webSocketImpl: UnreachableWebSocket });
    try {
      const { status, changes } = await runHeld(fallback);
      expect(status).toBe('SUCCEEDED');
      expect(changes.map((change) => change.status)).toEqual(expect.arrayContaining(['PROCESSING', 'SUCCEEDED']));
    } finally {
      await fallback.close();
    }
  });

  it('an onChange that throws rejects its own watch with that error; the other watch goes on over the same socket', async () => {
    heldPhoto = holdPhoto();
    const created = await client.createTask({ kind: 'IMAGE', url: `${media.url}/held.png` });
    await heldPhoto.requested;
    const counting = countingWebSocket();
    const shared = createClient({ url: server.url, apiKey, webSocketImpl: counting.WebSocket, subscriptions: 'websocket' });
    const sse = createClient({ url: server.url, apiKey, subscriptions: 'sse' });
    try {
      const thrown = new Error('the caller\'s onChange failed');
      const statuses: string[] = [];
      let otherLive!: () => void;
      const otherFirstChange = new Promise<void>((resolve) => { otherLive = resolve; });
      const other = shared.watch(created.id, (change) => { statuses.push(change.status); otherLive(); });
      await otherFirstChange;
      const throwing = shared.watch(created.id, () => { throw thrown; }).catch((error: unknown) => error);
      expect(await throwing).toBe(thrown);
      // Over SSE too: the caller's error, not a NETWORK_ERROR.
      expect(await sse.watch(created.id, () => { throw thrown; }).catch((error: unknown) => error)).toBe(thrown);
      heldPhoto.release();
      expect((await other).status).toBe('SUCCEEDED');
      expect(statuses).toEqual(expect.arrayContaining(['PROCESSING', 'SUCCEEDED']));
      // Never a second connection: the throw did not close the shared socket.
      expect(counting.opened()).toBe(1);
    } finally {
      await shared.close();
      await sse.close();
    }
  });

  it('close() ends the watches in progress with CLIENT_CLOSED (WebSocket and SSE) and opens no new connection', async () => {
    heldPhoto = holdPhoto();
    const created = await client.createTask({ kind: 'IMAGE', url: `${media.url}/held.png` });
    await heldPhoto.requested;
    const counting = countingWebSocket();
    const viaSocket = createClient({ url: server.url, apiKey, webSocketImpl: counting.WebSocket, subscriptions: 'websocket' });
    const viaSse = createClient({ url: server.url, apiKey, subscriptions: 'sse' });
    try {
      // Each watch has its first change (the task as it is, VALIDATING): both subscriptions are live.
      const watching = [viaSocket, viaSse].map((watcher) => {
        let seen!: () => void;
        const firstChange = new Promise<void>((resolve) => { seen = resolve; });
        return { watcher, firstChange, done: watcher.watch(created.id, () => seen()).catch((error: unknown) => error) };
      });
      await Promise.all(watching.map((entry) => entry.firstChange));
      await Promise.all([viaSocket.close(), viaSse.close()]);
      for (const entry of watching) expect(await entry.done).toMatchObject({ name: 'MediaTasksError', code: 'CLIENT_CLOSED' });
      // The task is still VALIDATING: a watch that resubscribed would have built a new socket.
      await expect(viaSocket.watch(created.id)).rejects.toMatchObject({ code: 'CLIENT_CLOSED' });
      await expect(viaSse.watch(created.id)).rejects.toMatchObject({ code: 'CLIENT_CLOSED' });
      expect(counting.opened()).toBe(1);
    } finally {
      await viaSocket.close();
      await viaSse.close();
      await client.cancel(created.id);
      heldPhoto.release();
    }
  });

  it('falls back to SSE when the WebSocket upgrade is accepted and never answered: the open/ack timeout ends it', async () => {
    const holding = await startTcpProxy(new URL(server.url));
    holding.setMode('hold');
    class HeldWebSocket extends WebSocket {
      constructor(_url: string | URL, protocols?: string | string[]) {
        super(`${holding.url.replace(/^http/, 'ws')}/graphql`, protocols);
      }
    }
    const fallback = createClient({ url: server.url, apiKey, webSocketImpl: HeldWebSocket, connectionAckTimeout: 300 });
    try {
      const { status, changes } = await runHeld(fallback);
      expect(status).toBe('SUCCEEDED');
      expect(changes.map((change) => change.status)).toEqual(expect.arrayContaining(['PROCESSING', 'SUCCEEDED']));
      // (undici may open the held upgrade twice: one graphql-ws attempt, never a retry after it.)
      expect(holding.accepted().hold).toBeGreaterThan(0);
    } finally {
      await fallback.close();
      await holding.close();
    }
  });

  for (const transport of ['websocket', 'sse'] as const) {
    it(`reconnects a ${transport} watch whose connection goes silent (${transport === 'websocket' ? 'no pong to a ping' : 'no keep-alive'}) and sees the task to its end`, async () => {
      const proxy = await startTcpProxy(new URL(server.url));
      // Only the subscription goes through the proxy: reads go straight to the server.
      class ViaProxy extends WebSocket {
        constructor(_url: string | URL, protocols?: string | string[]) {
          super(`${proxy.url.replace(/^http/, 'ws')}/graphql`, protocols);
        }
      }
      const sseViaProxy: typeof fetch = (input, init) => fetch(new Headers(init?.headers).get('accept') === 'text/event-stream' ? String(input).replace(server.url, proxy.url) : input, init);
      // The test server's SSE keep-alive comes every 300 ms (yoga under NODE_ENV=test): 1 s of nothing is a dead path.
      const watcher = createClient({ url: server.url, apiKey, subscriptions: transport, webSocketImpl: ViaProxy, fetch: sseViaProxy, keepAlive: 200, sseIdleTimeout: 1_000 });
      try {
        heldPhoto = holdPhoto();
        const created = await watcher.createTask({ kind: 'IMAGE', url: `${media.url}/held.png` });
        const statuses: string[] = [];
        let live!: () => void;
        const firstChange = new Promise<void>((resolve) => { live = resolve; });
        const watching = watcher.watch(created.id, (change) => { statuses.push(change.status); live(); });
        await Promise.all([firstChange, heldPhoto.requested]);
        expect(proxy.accepted().forward).toBe(1);
        proxy.freezeAll();
        // The silent connection is given up and the watch subscribes again, on a new connection.
        await proxy.whenAccepted(2);
        heldPhoto.release();
        expect((await watching).status).toBe('SUCCEEDED');
        // Whatever came between (the new subscription starts from the task as it is), the end was seen.
        expect(statuses.at(-1)).toBe('SUCCEEDED');
      } finally {
        await watcher.close();
        await proxy.close();
      }
    });
  }

  it('outlives a server away for longer than a few seconds: the watch reconnects until it is back (time without contact is the bound)', async () => {
    const proxy = await startTcpProxy(new URL(server.url));
    const away = createClient({ url: proxy.url, apiKey, subscriptions: 'websocket' });
    try {
      heldPhoto = holdPhoto();
      const created = await away.createTask({ kind: 'IMAGE', url: `${media.url}/held.png` });
      let live!: () => void;
      const firstChange = new Promise<void>((resolve) => { live = resolve; });
      const statuses: string[] = [];
      const watching = away.watch(created.id, (change) => { statuses.push(change.status); live(); });
      await Promise.all([firstChange, heldPhoto.requested]);
      // Every connection is dropped and new ones refused for 3.5 s (the old bound gave up after ~3 s);
      // the first one to arrive after that is let through.
      const outageMs = 3_500;
      const cutAt = Date.now();
      let back!: () => void;
      const serverBack = new Promise<void>((resolve) => { back = resolve; });
      proxy.setMode(() => {
        if (Date.now() - cutAt < outageMs) return 'refuse';
        back();
        return 'forward';
      });
      proxy.dropAll();
      await serverBack;
      expect(proxy.accepted().refuse).toBeGreaterThanOrEqual(4);
      heldPhoto.release();
      expect((await watching).status).toBe('SUCCEEDED');
      expect(statuses.at(-1)).toBe('SUCCEEDED');
    } finally {
      await away.close();
      await proxy.close();
    }
  });

  it('gives up after reconnectTimeout without contact, with the connection error', async () => {
    const proxy = await startTcpProxy(new URL(server.url));
    const away = createClient({ url: proxy.url, apiKey, reconnectTimeout: 500 });
    try {
      heldPhoto = holdPhoto();
      const created = await away.createTask({ kind: 'IMAGE', url: `${media.url}/held.png` });
      let live!: () => void;
      const firstChange = new Promise<void>((resolve) => { live = resolve; });
      const watching = away.watch(created.id, () => live()).catch((error: unknown) => error);
      await firstChange;
      proxy.setMode('refuse');
      proxy.dropAll();
      expect(await watching).toMatchObject({ code: 'NETWORK_ERROR' });
    } finally {
      heldPhoto.release();
      await away.close();
      await proxy.close();
    }
  });

  it('uses Node\'s global WebSocket when given none', () => {
    expect(typeof globalThis.WebSocket).toBe('function');
  });
});

describe('idempotent creates', () => {
  it('retries a create whose answer was lost with the same key: one task', async () => {
    let createAnswersDropped = 0;
    // The request reaches the server and the task is made; only its answer is lost on the way back.
    const losingFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (createAnswersDropped === 0 && String(init?.body).includes('ClientCreateTask')) {
        createAnswersDropped++;
        await response.arrayBuffer();
        throw new TypeError('fetch failed: socket hang up');
      }
      return response;
    };
    const flaky = createClient({ url: server.url, apiKey, fetch: losingFetch, retry: { baseDelayMs: 10 } });
    try {
      const before = (await client.tasks({ first: 1 })).totalCount;
      const task = await flaky.createTask({ kind: 'IMAGE', url: `${media.url}/photo.png`, metadata: { ref: 'lost-answer' } });
      expect(createAnswersDropped).toBe(1);
      expect((await client.tasks({ first: 1 })).totalCount).toBe(before + 1);
      expect((await client.watch(task.id)).status).toBe('SUCCEEDED');
    } finally {
      await flaky.close();
    }
  });

  it('needs no crypto.randomUUID (absent outside secure contexts): keys and multipart boundaries are v4 UUIDs from getRandomValues', async () => {
    const randomUUID = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(crypto), 'randomUUID')!;
    Object.defineProperty(Object.getPrototypeOf(crypto), 'randomUUID', { value: undefined, configurable: true });
    try {
      expect(crypto.randomUUID).toBeUndefined();
      const task = await client.run({ kind: 'IMAGE', file: new Blob([new Uint8Array(photo)], { type: 'image/png' }) });
      expect(task.status).toBe('SUCCEEDED');
    } finally {
      Object.defineProperty(Object.getPrototypeOf(crypto), 'randomUUID', randomUUID);
    }
    const { randomUuid } = await import('../client/src/uuid.js');
    const keys = new Set(Array.from({ length: 100 }, () => randomUuid()));
    expect(keys.size).toBe(100);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('answers the same task for the same idempotency key', async () => {
    const input = { kind: 'IMAGE' as const, url: `${media.url}/photo.png`, idempotencyKey: `key-${Date.now()}` };
    const first = await client.createTask(input);
    const second = await client.createTask(input);
    expect(second.id).toBe(first.id);
    await client.watch(first.id);
  });
});

describe('errors', () => {
  it('reports refused input as a MediaTasksError with its code and field', async () => {
    const error = await client.createTask({ kind: 'IMAGE', url: `${media.url}/photo.png`, options: { image: { width: 0 } } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MediaTasksError);
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'options.image.width' });
  });

  it('reports a task that does not exist as NOT_FOUND when watched', async () => {
    const error = await client.watch('00000000-0000-7000-8000-000000000000').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'MediaTasksError', code: 'NOT_FOUND' });
  });

  it('needs the API key: without one every request is UNAUTHENTICATED, and so is a wrong one', async () => {
    for (const key of [undefined, 'not-the-key-0123456789']) {
      const stranger = createClient({ url: server.url, apiKey: key });
      try {
        await expect(stranger.kinds()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
        await expect(stranger.upload(path.join(folder, 'photo.png'), { resumable: true })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      } finally {
        await stranger.close();
      }
    }
  });
});
