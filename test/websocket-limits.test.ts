// One bad operation must not take down a WebSocket: an operation over the depth, alias or
// per-socket subscription limit gets an error for itself while the socket's other subscriptions
// live on; an oversized message closes only its own socket (1009); many subscribers raise no
// listener-leak warnings. Over HTTP the same limits carry extensions.code.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTaskPubSub } from '../src/events/task-change-listener.js';
import { writeTestImage } from './support/fixtures.js';
import { startMediaServer, type MediaServer } from './support/media-server.js';
import { createTask } from './support/tasks.js';
import { startTestServer, type TestServer } from './support/test-server.js';

let server: TestServer;
let media: MediaServer;
let mediaDir: string;
const warnings: Error[] = [];
const recordWarning = (warning: Error) => warnings.push(warning);

beforeAll(async () => {
  process.on('warning', recordWarning);
  mediaDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-ws-limits-'));
  await writeTestImage(path.join(mediaDir, 'photo.png'), 64, 48);
  media = await startMediaServer(mediaDir);
  server = await startTestServer({ WS_MAX_SUBSCRIPTIONS_PER_SOCKET: '200', WS_MAX_MESSAGE_BYTES: '65536' });
});

afterAll(async () => {
  process.off('warning', recordWarning);
  await server?.stop();
  await media?.close();
  await fs.rm(mediaDir, { recursive: true, force: true });
});

interface Socket {
  client: Client;
  closed: Promise<{ code: number; reason: string }>;
}

function openSocket(): Socket {
  let onClosed!: (event: { code: number; reason: string }) => void;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => { onClosed = resolve; });
  const client = createClient({
    url: `${server.url.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false, onNonLazyError: () => {},
    on: { closed: (event) => onClosed({ code: (event as CloseEvent).code, reason: (event as CloseEvent).reason }) },
  });
  return { client, closed };
}

/** Subscribes; resolves with the first error of the operation, or records its events. */
function subscribe(socket: Socket, query: string) {
  const events: unknown[] = [];
  let settle!: (outcome: { errors?: Array<{ message: string; extensions?: Record<string, unknown> }>; closeError?: unknown }) => void;
  const outcome = new Promise<Parameters<typeof settle>[0]>((resolve) => { settle = resolve; });
  const stop = socket.client.subscribe({ query }, {
    next: (result) => {
      if (result.errors) settle({ errors: result.errors as never });
      else events.push(result.data);
    },
    error: (error) => settle(Array.isArray(error) ? { errors: error as never } : { closeError: error }),
    complete: () => settle({}),
  });
  return { events, outcome, stop };
}

const taskEventsQuery = 'subscription { taskEvents(filter: { includeProgress: false }) { id status } }';
const aliases = (count: number) => Array.from({ length: count }, (_, index) => `a${index}: id`).join(' ');

describe('a socket with one bad operation', () => {
  it('answers the bad operations alone and keeps delivering to the good one', async () => {
    const socket = openSocket();
    const good = subscribe(socket, taskEventsQuery);
    const overAliases = subscribe(socket, `subscription { taskEvents { ${aliases(40)} } }`);
    const overDepth = subscribe(socket, `subscription { taskEvents { ${'parent { '.repeat(14)}id${' }'.repeat(14)} } }`);
    const unparseable = subscribe(socket, 'subscription { taskEvents { ');

    for (const bad of [overAliases, overDepth]) {
      const { errors } = await bad.outcome;
      expect(errors?.[0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED' });
    }
    expect((await unparseable.outcome).errors?.[0].extensions).toMatchObject({ code: 'GRAPHQL_PARSE_FAILED' });

    // The good subscription still hears of a task's changes, on the same socket.
    const id = await createTask(server.client, { kind: 'IMAGE', url: `${media.url}/photo.png` });
    while (!good.events.some((event) => (event as { taskEvents: { id: string; status: string } }).taskEvents.id === id
      && (event as { taskEvents: { status: string } }).taskEvents.status === 'SUCCEEDED')) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    good.stop();
    await socket.client.dispose();
  });

  it('refuses a subscription over the per-socket limit, and only that one', async () => {
    const socket = openSocket();
    const accepted = Array.from({ length: 200 }, () => subscribe(socket, taskEventsQuery));
    const refused = subscribe(socket, taskEventsQuery);
    const { errors } = await refused.outcome;
    expect(errors?.[0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED' });
    expect(errors?.[0].message).toMatch(/200 subscriptions/);
    // The 200 are alive: each hears of a new task.
    const id = await createTask(server.client, { kind: 'IMAGE', url: `${media.url}/photo.png` });
    const heard = (subscription: (typeof accepted)[number]) => subscription.events.some((event) => (event as { taskEvents: { id: string } }).taskEvents.id === id);
    while (!accepted.every(heard)) await new Promise((resolve) => setTimeout(resolve, 20));
    for (const subscription of accepted) subscription.stop();
    await socket.client.dispose();
    // 200 listeners on one topic, and no listener-leak warning.
    expect(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning')).toEqual([]);
  });

  it('closes a socket that sends a message over WS_MAX_MESSAGE_BYTES with 1009, and no other', async () => {
    const other = openSocket();
    const otherSubscription = subscribe(other, taskEventsQuery);
    const socket = openSocket();
    const huge = subscribe(socket, `subscription { taskEvents { id } } # ${'x'.repeat(100_000)}`);
    expect(await socket.closed).toMatchObject({ code: 1009 });
    expect((await huge.outcome).closeError).toBeDefined();
    const id = await createTask(server.client, { kind: 'IMAGE', url: `${media.url}/photo.png` });
    while (!otherSubscription.events.some((event) => (event as { taskEvents: { id: string } }).taskEvents.id === id)) await new Promise((resolve) => setTimeout(resolve, 20));
    otherSubscription.stop();
    await other.client.dispose();
  });
});

describe('the same limits over HTTP', () => {
  it('answer with extensions.code', async () => {
    for (const query of [`query { tasks(first: 1) { edges { node { ${aliases(40)} } } } }`, `query { tasks(first: 1) { edges { node { ${'parent { '.repeat(14)}id${' }'.repeat(14)} } } } }`]) {
      const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ query }) });
      const body = await response.json() as { errors: Array<{ extensions?: Record<string, unknown> }> };
      expect(body.errors[0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED' });
    }
  });
});

describe('the task pub/sub under 10,000 subscribers', () => {
  it('delivers to all of them with no listener-leak warning', async () => {
    const pubsub = createTaskPubSub();
    const before = warnings.length;
    const iterators = Array.from({ length: 10_000 }, () => pubsub.subscribe('task:changed', 'one-task')[Symbol.asyncIterator]());
    // A Repeater registers its listener on the first next().
    const firsts = iterators.map((iterator) => iterator.next());
    const change = { taskId: 'one-task', kind: 'image', parentId: null, status: 'QUEUED', progress: 0, estimatedTime: null, updatedAt: new Date().toISOString(), eventId: 1 } as const;
    pubsub.publish('task:changed', 'one-task', change);
    const received = await Promise.all(firsts);
    expect(received.every((result) => result.value === change)).toBe(true);
    await Promise.all(iterators.map((iterator) => iterator.return?.()));
    // Warnings are emitted on the next tick.
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings.slice(before).filter((warning) => warning.name === 'MaxListenersExceededWarning')).toEqual([]);
  });
});
