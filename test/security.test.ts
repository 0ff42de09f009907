// The security table: each row an attack, as a page in the user's browser, another machine or
// the holder of one output URL would try it, and the refusal it meets. Webhook forgery,
// mismatched idempotency requests, a shared rate limit, playlists reaching the network and
// GraphiQL with a key have their own files (see the README's security model).
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import pg from 'pg';
import WebSocket from 'ws';
import { ConfigError, loadConfig } from '../src/config.js';
import { consoleIsBuilt } from '../src/server/console-route.js';
import { CreateTaskDocument, TaskUpdatedDocument } from './generated/graphql.js';
import { writeTestImage } from './support/fixtures.js';
import { GraphQLTestClient } from './support/graphql-client.js';
import { startMediaServer, type MediaServer } from './support/media-server.js';
import { startServerProcess } from './support/server-process.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const createMutation = 'mutation { createTask(input: { kind: IMAGE, url: "http://127.0.0.1:9/x.png" }) { id } }';
const apiKey = 'alice-key-0123456789';

let mediaDir: string;
let media: MediaServer;
let server: TestServer;

beforeAll(async () => {
  mediaDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-security-'));
  await writeTestImage(path.join(mediaDir, 'photo.png'), 64, 48);
  media = await startMediaServer(mediaDir);
  // The default configuration, as `npm start` has it on a laptop: open mode on loopback.
  server = await startTestServer({ CORS_ORIGINS: 'https://app.example.com' });
});

afterAll(async () => {
  await server?.stop();
  await media?.close();
  await fs.rm(mediaDir, { recursive: true, force: true });
});

async function taskCount(): Promise<number> {
  const response = await post({ 'content-type': 'application/json' }, JSON.stringify({ query: '{ tasks { totalCount } }' }));
  return ((await response.json()) as { data: { tasks: { totalCount: number } } }).data.tasks.totalCount;
}

function post(headers: Record<string, string>, body: BodyInit, url = `${server.url}/graphql`): Promise<Response> {
  return fetch(url, { method: 'POST', headers, body });
}

/** fetch may not set Host (a forbidden header): a DNS-rebinding page's requests carry its own name. */
function requestWithHost(url: string, host: string, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: body ? 'POST' : 'GET', headers: { host, ...(body && { 'content-type': 'application/json' }) } }, (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (chunk: string) => { text += chunk; }).on('end', () => resolve({ status: response.statusCode!, body: text }));
    });
    request.once('error', reject);
    request.end(body);
  });
}

/** Opens a WebSocket as a browser page would; resolves with the HTTP status of a refused upgrade, or 101. */
function openSocket(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws', { headers });
    socket.once('open', () => { socket.close(); resolve(101); });
    socket.once('unexpected-response', (_request, response) => { resolve(response.statusCode ?? 0); socket.terminate(); });
    socket.once('error', reject);
  });
}

describe('a page in the browser cannot drive the local server', () => {
  it('refuses a form-urlencoded mutation (a simple request, no preflight) and creates nothing', async () => {
    const before = await taskCount();
    const response = await post({ 'content-type': 'application/x-www-form-urlencoded' }, new URLSearchParams({ query: createMutation }).toString());
    expect(response.status).toBe(403);
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors[0].extensions.code).toBe('CSRF_HEADER_REQUIRED');
    expect(body.errors[0].message).toMatch(/x-graphql-yoga-csrf/);
    expect(await taskCount()).toBe(before);
  });

  it('refuses multipart and text/plain POSTs without the CSRF header, and takes multipart with it', async () => {
    const before = await taskCount();
    const form = () => {
      const data = new FormData();
      data.set('operations', JSON.stringify({ query: createMutation }));
      data.set('map', '{}');
      return data;
    };
    expect((await post({}, form())).status).toBe(403);
    expect((await post({ 'content-type': 'text/plain' }, JSON.stringify({ query: createMutation }))).status).toBe(403);
    expect(await taskCount()).toBe(before);
    const withHeader = await post({ 'x-graphql-yoga-csrf': '1' }, form());
    expect(withHeader.status).toBe(200);
    expect(await taskCount()).toBe(before + 1);
  });

  it('refuses a preflight and a request from a foreign Origin, with no CORS headers and no credentials', async () => {
    const preflight = await fetch(`${server.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();

    const before = await taskCount();
    const response = await post({ origin: 'https://evil.example', 'content-type': 'application/json' }, JSON.stringify({ query: createMutation }));
    expect(response.status).toBe(403);
    expect(((await response.json()) as { errors: Array<{ message: string }> }).errors[0].message).toMatch(/CORS_ORIGINS/);
    expect(await taskCount()).toBe(before);
  });

  it('answers an origin of CORS_ORIGINS with that origin and no credentials flag; its own origin needs no CORS', async () => {
    const preflight = await fetch(`${server.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();

    const sameOrigin = await post({ origin: server.url.replace('127.0.0.1', 'localhost'), 'content-type': 'application/json' }, JSON.stringify({ query: '{ tasks { totalCount } }' }));
    expect(sameOrigin.status).toBe(200);
  });

  it('refuses a WebSocket from a foreign Origin and accepts one from its own', async () => {
    expect(await openSocket(`${server.url}/graphql`, { origin: 'https://evil.example' })).toBe(403);
    expect(await openSocket(`${server.url}/graphql`, { origin: server.url })).toBe(101);
    expect(await openSocket(`${server.url}/graphql`, {})).toBe(101);
  });

  it('refuses a rebinding Host on every route (HTTP, WebSocket, files)', async () => {
    const port = new URL(server.url).port;
    const rebound = `rebind.evil.example:${port}`;
    const query = JSON.stringify({ query: '{ tasks { totalCount } }' });
    const refused = await requestWithHost(`${server.url}/graphql`, rebound, query);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatch(/not served/);
    expect((await requestWithHost(`${server.url}/files/x`, rebound)).status).toBe(403);
    expect(await openSocket(`${server.url}/graphql`, { host: rebound })).toBe(403);
    // The names of this machine are served.
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) {
      expect((await requestWithHost(`${server.url}/graphql`, host, query)).status).toBe(200);
    }
  });
});

describe('files: the URL is the secret, and an output URL never reaches the input', () => {
  let task: { id: string; outputs: Array<{ url: string }>; input: { url: string | null } | null };

  beforeAll(async () => {
    const upload = await fs.readFile(path.join(mediaDir, 'photo.png'));
    const created = await server.client.upload(CreateTaskDocument, { input: { kind: 'IMAGE', file: null, options: { image: { width: 32, format: 'webp' } } } },
      'input.file', new Blob([upload], { type: 'image/png' }), 'private.png');
    expect(created.errors).toBeUndefined();
    const { id } = created.data!.createTask;
    const seen = await server.client.subscribe(TaskUpdatedDocument, { id }).done;
    expect(seen.at(-1)!.taskUpdated.status).toBe('SUCCEEDED');
    const response = await post({ 'content-type': 'application/json' }, JSON.stringify({ query: 'query($id: ID!) { task(id: $id) { outputs { url } input { url } } }', variables: { id } }));
    const { data } = (await response.json()) as { data: { task: { outputs: Array<{ url: string }>; input: { url: string } } } };
    task = { id, outputs: data.task.outputs, input: data.task.input };
  });

  it('puts outputs under a secret of at least 128 random bits, distinct from the input and the id', async () => {
    const output = new URL(task.outputs[0].url);
    const input = new URL(task.input!.url!);
    const [, , outputSecret] = output.pathname.split('/');
    const [, , inputSecret] = input.pathname.split('/');
    expect(Buffer.from(outputSecret, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    expect(Buffer.from(inputSecret, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    expect(outputSecret).not.toBe(inputSecret);
    expect(output.pathname).not.toContain(task.id);
    const served = await fetch(output);
    expect(served.status).toBe(200);
    expect(served.headers.get('cache-control')).not.toMatch(/public/);
  });

  it('serves nothing for guesses: the input beside an output, the old id-based layout, a shorter secret, a path escape', async () => {
    const output = new URL(task.outputs[0].url);
    const outputFolder = output.href.slice(0, output.href.lastIndexOf('/'));
    const secret = output.pathname.split('/')[2];
    const filename = path.basename(new URL(task.input!.url!).pathname);
    const guesses = [
      `${outputFolder}/${filename}`,
      `${outputFolder}/input/${filename}`,
      `${server.url}/files/tasks/${task.id}/input/${filename}`,
      `${server.url}/files/tasks/${task.id}/outputs/${path.basename(output.pathname)}`,
      `${server.url}/files/${secret.slice(0, 21)}/${path.basename(output.pathname)}`,
    ];
    for (const guess of guesses) {
      const response = await fetch(guess);
      expect([400, 404], guess).toContain(response.status);
    }
    // A path that climbs out of the output folder (sent as is: URL parsers would resolve the dots).
    const { port } = new URL(server.url);
    for (const escape of ['..', '%2e%2e', '.%2E']) {
      const climbing = `/files/${secret}/${escape}/${new URL(task.input!.url!).pathname.split('/')[2]}/${filename}`;
      const status = await new Promise<number>((resolve, reject) => {
        http.get({ host: '127.0.0.1', port, path: climbing }, (response) => { response.resume(); resolve(response.statusCode!); }).once('error', reject);
      });
      expect([400, 404], climbing).toContain(status);
    }
  });

  it('lets players on any origin read files: CORS *, no credentials, preflight answered, Range exposed', async () => {
    const url = task.outputs[0].url;
    const preflight = await fetch(url, { method: 'OPTIONS', headers: { origin: 'https://player.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'range' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/range/i);
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    const ranged = await fetch(url, { headers: { origin: 'https://player.example', range: 'bytes=0-3' } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('access-control-allow-origin')).toBe('*');
    expect(ranged.headers.get('access-control-expose-headers')).toMatch(/Content-Range/);
    expect((await ranged.arrayBuffer()).byteLength).toBe(4);
  });

  it('removes both folders on deleteTask: the output and the input URLs stop answering', async () => {
    const urls = [task.outputs[0].url, task.input!.url!];
    const deleted = await post({ 'content-type': 'application/json' }, JSON.stringify({ query: 'mutation($id: ID!) { deleteTask(id: $id) }', variables: { id: task.id } }));
    expect(((await deleted.json()) as { errors?: unknown }).errors).toBeUndefined();
    for (const url of urls) expect((await fetch(url)).status).toBe(404);
    const folders = await fs.readdir(server.storageDir);
    for (const url of urls) expect(folders).not.toContain(new URL(url).pathname.split('/')[2]);
  });
});

describe('errors and exploration', () => {
  it('masks an unexpected error without originalError, stack or paths (no DEBUG_ERRORS)', async () => {
    // An error nobody expected: a table gone from under the server.
    const database = new pg.Client({ connectionString: server.databaseUrl });
    await database.connect();
    await database.query('ALTER TABLE webhook_secret RENAME TO webhook_secret_away');
    try {
      const response = await post({ 'content-type': 'application/json' }, JSON.stringify({ query: '{ webhookSecret { secret } }' }));
      const body = JSON.stringify(await response.json());
      expect(body).toMatch(/Unexpected error/);
      expect(body).toMatch(/INTERNAL_SERVER_ERROR/);
      expect(body).not.toMatch(/originalError|stack|webhook_secret|\/work\/|node_modules|\.ts:/);
    } finally {
      await database.query('ALTER TABLE webhook_secret_away RENAME TO webhook_secret');
      await database.end();
    }
  });

  it('takes filter text literally: % and _ match themselves, a NUL is BAD_USER_INPUT', async () => {
    const count = async (filename: string) => {
      const response = await post({ 'content-type': 'application/json' }, JSON.stringify({ query: 'query($f: String) { tasks(filter: { filename: $f }) { totalCount } }', variables: { f: filename } }));
      return (await response.json()) as { data?: { tasks: { totalCount: number } }; errors?: Array<{ extensions: { code: string; field?: string } }> };
    };
    expect((await count('%')).data!.tasks.totalCount).toBe(0);
    expect((await count('_')).data!.tasks.totalCount).toBe(0);
    expect((await count('a\u0000b')).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.filename' });
  });

  it('turns GraphiQL, introspection and suggestions off together when configured, and does not redirect /', async () => {
    const closed = await startTestServer({ GRAPHIQL: '0', INTROSPECTION: '0' });
    try {
      const page = await fetch(`${closed.url}/graphql`, { headers: { accept: 'text/html' } });
      expect(await page.text()).not.toMatch(/graphiql/i);
      const introspection = await post({ 'content-type': 'application/json' }, JSON.stringify({ query: '{ __schema { types { name } } }' }), `${closed.url}/graphql`);
      expect(JSON.stringify(await introspection.json())).toMatch(/introspection/i);
      const typo = await post({ 'content-type': 'application/json' }, JSON.stringify({ query: '{ taskz { totalCount } }' }), `${closed.url}/graphql`);
      const typoBody = JSON.stringify(await typo.json());
      expect(typoBody).toMatch(/Cannot query field/);
      expect(typoBody).not.toMatch(/Did you mean/);
      // `/` is the web console (a page of the public API, no schema in it), never a way to GraphiQL.
      const home = await fetch(`${closed.url}/`, { redirect: 'manual' });
      expect(home.status).not.toBe(302);
      expect((await home.text()).toLowerCase()).not.toContain('graphiql');
      // Over the WebSocket too, which does not go through yoga's HTTP request parsing.
      const socket = createClient({ url: `${closed.url.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
      const result = await new Promise<unknown>((resolve, reject) => {
        socket.subscribe({ query: '{ __schema { types { name } } }' }, { next: resolve, error: reject, complete: () => {} });
      }).catch((error: unknown) => error);
      await socket.dispose();
      expect(JSON.stringify(result)).toMatch(/introspection has been disabled/);
      expect(JSON.stringify(result)).not.toMatch(/"types"/);
    } finally {
      await closed.stop();
    }
    // On loopback they are on (this file's server), with the suggestions.
    const typo = await post({ 'content-type': 'application/json' }, JSON.stringify({ query: '{ taskz { totalCount } }' }));
    expect(JSON.stringify(await typo.json())).toMatch(/Did you mean/);
    // `/` is the console when it is built (console-route.test.ts), else a redirect to GraphiQL.
    expect((await fetch(`${server.url}/`, { redirect: 'manual' })).status).toBe(consoleIsBuilt() ? 200 : 302);
  });

  it('defaults GraphiQL and introspection off on a non-loopback address, on on loopback, whatever NODE_ENV says', () => {
    const keys = { API_KEYS: `alice:${apiKey}` };
    expect(loadConfig({ HOST: '0.0.0.0', ...keys }).graphql).toMatchObject({ graphiql: false, introspection: false });
    expect(loadConfig({ HOST: '127.0.0.1', NODE_ENV: 'production' }).graphql).toMatchObject({ graphiql: true, introspection: true });
    expect(loadConfig({ HOST: '0.0.0.0', ...keys, GRAPHIQL: '1' }).graphql).toMatchObject({ graphiql: true, introspection: true });
    expect(() => loadConfig({ GRAPHIQL: '1', INTROSPECTION: '0' })).toThrow(/INTROSPECTION=0/);
    // One key, two owners: whose tasks would it see?
    expect(() => loadConfig({ API_KEYS: `alice:${apiKey},bob:${apiKey}` })).toThrow(/two owners/);
  });
});

describe('exposure', () => {
  it('refuses to serve open mode on a non-loopback address unless ALLOW_OPEN says so', async () => {
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(ConfigError);
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/API_KEYS.*ALLOW_OPEN=1/s);
    expect(loadConfig({ HOST: '0.0.0.0', ALLOW_OPEN: '1' }).apiKeys.size).toBe(0);
    expect(loadConfig({ HOST: '0.0.0.0', API_KEYS: `alice:${apiKey}` }).apiKeys.size).toBe(1);
    expect(loadConfig({ HOST: '0.0.0.0', ROLE: 'worker' }).role).toBe('worker');
    // `npm start` stops before it starts anything, saying why.
    const process = startServerProcess({ HOST: '0.0.0.0', PORT: '0' });
    await expect(process.started).rejects.toThrow(/exited \(78\)[\s\S]*ALLOW_OPEN=1/);
  });

  it('keeps /metrics from anonymous callers: a token, or open mode only', async () => {
    const keyed = await startTestServer({ API_KEYS: `alice:${apiKey}` });
    const tokened = await startTestServer({ API_KEYS: `alice:${apiKey}`, METRICS_TOKEN: 'scrape-token-0123456789' });
    try {
      const refused = await fetch(`${keyed.url}/metrics`);
      expect(refused.status).toBe(403);
      expect(await refused.text()).toMatch(/METRICS_TOKEN/);
      expect((await fetch(`${keyed.url}/metrics`, { headers: { authorization: `Bearer ${apiKey}` } })).status).toBe(403);
      expect((await fetch(`${tokened.url}/metrics`)).status).toBe(401);
      expect((await fetch(`${tokened.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
      const scraped = await fetch(`${tokened.url}/metrics`, { headers: { authorization: 'Bearer scrape-token-0123456789' } });
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toMatch(/# TYPE/);
    } finally {
      await keyed.stop();
      await tokened.stop();
    }
  });

  it('counts forwarded headers only from TRUST_PROXY peers: a spoofed X-Forwarded-For buys no new budget, a trusted one sets the client and the public URL', async () => {
    const direct = await startTestServer({ RATE_LIMIT_PER_MINUTE: '1' });
    const proxied = await startTestServer({ RATE_LIMIT_PER_MINUTE: '1', HOST: '0.0.0.0', ALLOW_OPEN: '1', TRUST_PROXY: 'loopback' });
    const create = (url: string, headers: Record<string, string>) => post({ 'content-type': 'application/json', ...headers },
      JSON.stringify({ query: `mutation { createTask(input: { kind: IMAGE, url: "${media.url}/photo.png" }) { id } }` }), `${url}/graphql`)
      .then(async (response) => ((await response.json()) as { errors?: Array<{ extensions: { code: string } }> }).errors?.[0]?.extensions.code ?? 'OK');
    try {
      expect(await create(direct.url, { 'x-forwarded-for': '203.0.113.1' })).toBe('OK');
      expect(await create(direct.url, { 'x-forwarded-for': '203.0.113.2' })).toBe('RATE_LIMITED');

      expect(await create(proxied.url, { 'x-forwarded-for': '203.0.113.1' })).toBe('OK');
      expect(await create(proxied.url, { 'x-forwarded-for': '203.0.113.1' })).toBe('RATE_LIMITED');
      expect(await create(proxied.url, { 'x-forwarded-for': '203.0.113.2, 127.0.0.1' })).toBe('OK');

      // A fresh client address behind the proxy has a budget of its own: it makes a task to look at.
      const created = await post({ 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.3' },
        JSON.stringify({ query: `mutation { createTask(input: { kind: IMAGE, url: "${media.url}/photo.png" }) { id } }` }), `${proxied.url}/graphql`);
      const taskId = ((await created.json()) as { data: { createTask: { id: string } } }).data.createTask.id;
      const viaProxy = new GraphQLTestClient(proxied.url);
      await viaProxy.subscribe(TaskUpdatedDocument, { id: taskId }).done;
      await viaProxy.close();
      const outputUrl = async (headers: Record<string, string>) => {
        const response = await post({ 'content-type': 'application/json', ...headers },
          JSON.stringify({ query: 'query($id: ID!) { task(id: $id) { outputs { url } } }', variables: { id: taskId } }), `${proxied.url}/graphql`);
        return ((await response.json()) as { data: { task: { outputs: Array<{ url: string }> } } }).data.task.outputs[0].url;
      };
      expect(await outputUrl({ 'x-forwarded-host': 'media.example.com', 'x-forwarded-proto': 'https' })).toMatch(/^https:\/\/media\.example\.com\/files\//);
      expect(await outputUrl({})).toMatch(/^http:\/\/localhost:\d+\/files\//);
      // Not from an untrusted peer: the direct server keeps its own address in the URL.
    } finally {
      await direct.stop();
      await proxied.stop();
    }
  });
});
