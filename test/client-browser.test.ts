// @mediatasks/client's browser entry (client/src/index.ts, bundled by esbuild for the browser as
// an app's bundler would) in a real headless Chromium against the real server, from a page on
// another origin: CORS_ORIGINS lets it in, the API key goes in the Authorization header of fetch
// and XHR and in graphql-ws's connectionParams over the browser's own WebSocket. A task from a URL,
// a multipart upload and a tus upload of Blobs made in the page, each with progress, and a typed
// error. The Node entry has its own tests (client.test.ts).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
// Not a direct dependency: the one tsx and vite bring (the test needs a bundler, nothing more).
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as BrowserClient from '../client/src/index.js';
import { writeTestImage } from './support/fixtures.js';
import { browserRuns, launchChromium } from './support/browser.js';
import { startMediaServer, type MediaServer } from './support/media-server.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const apiKey = 'alice-browser-key-0123456789';
/** From this size the page's client sends with tus: the photo goes multipart, the noise with tus. */
const resumableThreshold = 1024 * 1024;

/** What the page's module puts on globalThis for page.evaluate. */
type PageGlobals = typeof globalThis & {
  mediatasks: typeof BrowserClient;
  client: BrowserClient.MediaTasksClient<Blob>;
};

let server: TestServer;
let media: MediaServer;
let folder: string;
let browser: Browser;
let page: Page;
let photoBytes: number;
let noiseBytes: number;
/** The client bundled for the browser: one ES module, served to the page. */
let bundle: string;
const pageErrors: string[] = [];
/** Every HTTP request of the page, with its Authorization header. */
const pageRequests: Array<{ url: string; authorization: string | undefined }> = [];
/** Every graphql-ws frame the page sent, and received, on sockets to the server. */
const framesSent: string[] = [];
const framesReceived: string[] = [];

async function writeNoisePng(file: string, width: number, height: number): Promise<number> {
  const png = await sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer();
  await fs.writeFile(file, png);
  return png.length;
}

async function bundleBrowserEntry(): Promise<string> {
  const result = await build({
    entryPoints: [path.resolve('client/src/index.ts')],
    bundle: true,
    format: 'esm',
    // The browser conditions and package.json "browser" fields (tus-js-client's XHR build); a
    // Node built-in anywhere in the graph fails the build here.
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

beforeAll(async () => {
  if (!browserRuns) return;
  folder = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-client-browser-'));
  await writeTestImage(path.join(folder, 'small.png'), 64, 48);
  // Noise does not compress: valid images of known size, under the threshold (multipart) and over it (tus).
  photoBytes = await writeNoisePng(path.join(folder, 'photo.png'), 640, 480);
  noiseBytes = await writeNoisePng(path.join(folder, 'noise.png'), 1200, 900);
  bundle = await bundleBrowserEntry();
  // The page's origin (this server) is not the API's: every request of the client is cross-origin.
  media = await startMediaServer(folder, {
    '/client.js': (_request, response) => void response.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle),
    '/': (_request, response) => void response.writeHead(200, { 'content-type': 'text/html' }).end(
      '<!doctype html><meta charset="utf-8"><title>client</title>'
      + '<script type="module">import * as mediatasks from "/client.js"; globalThis.mediatasks = mediatasks;</script>',
    ),
  });
  [server, browser] = await Promise.all([
    startTestServer({ API_KEYS: `alice:${apiKey}`, CORS_ORIGINS: media.url }),
    launchChromium(),
  ]);
  page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(10_000);
  // Over loopback an upload is sent before Chromium reports any progress between 0 and the end:
  // at 3 MiB/s up (Chromium's own throttling) the megabytes here take long enough to report steps.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 3 * 1024 * 1024 });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => { if (message.type() === 'error') pageErrors.push(message.text()); });
  page.on('request', (request) => pageRequests.push({ url: request.url(), authorization: request.headers().authorization }));
  page.on('websocket', (socket) => {
    if (!socket.url().startsWith(server.url.replace(/^http/, 'ws'))) return;
    socket.on('framesent', (frame) => framesSent.push(String(frame.payload)));
    socket.on('framereceived', (frame) => framesReceived.push(String(frame.payload)));
  });
  await page.goto(`${media.url}/`);
  await page.waitForFunction(() => 'mediatasks' in globalThis);
  await page.evaluate(({ url, key, threshold }) => {
    const globals = globalThis as PageGlobals;
    globals.client = globals.mediatasks.createClient({ url, apiKey: key, resumableThreshold: threshold });
  }, { url: server.url, key: apiKey, threshold: resumableThreshold });
});

afterAll(async () => {
  await page?.evaluate(() => (globalThis as PageGlobals).client?.close()).catch(() => {});
  await browser?.close();
  await server?.stop();
  await media?.close();
  if (folder) await fs.rm(folder, { recursive: true, force: true });
});

/** The output file as the server serves it, read in Node. */
async function outputSize(url: string): Promise<{ width?: number; height?: number }> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  const { width, height } = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
  return { width, height };
}

/** Sent byte counts rise through values between 0 and the total, which the last one reaches. */
function expectRisingToTotal(progress: Array<[number, number]>, atLeast: number): void {
  const [sentAtEnd, total] = progress.at(-1)!;
  expect(total).toBeGreaterThanOrEqual(atLeast);
  expect(sentAtEnd).toBe(total);
  expect(progress.every(([sent, sameTotal], index) => sameTotal === total && (index === 0 || sent >= progress[index - 1][0]))).toBe(true);
  expect(progress.some(([sent]) => sent > 0 && sent < total)).toBe(true);
}

/**
 * The page's requests since `mark`: all to loopback (offline), at least `atLeast` of them to the
 * server, each with the key; and nothing went wrong in the page.
 */
function expectKeyedLoopbackRequests(mark: number, atLeast: number): void {
  const made = pageRequests.slice(mark);
  expect(made.filter(({ url }) => !url.startsWith('http://127.0.0.1:'))).toEqual([]);
  const toServer = made.filter(({ url }) => url.startsWith(server.url));
  expect(toServer.length).toBeGreaterThanOrEqual(atLeast);
  expect(toServer.filter(({ authorization }) => authorization !== `Bearer ${apiKey}`)).toEqual([]);
  expect(pageErrors).toEqual([]);
}

describe.skipIf(!browserRuns)('the client in a browser, on another origin, with an API key', () => {
  it('runs an image task from a URL, watched over the browser\'s WebSocket with the key in connectionParams', async () => {
    const mark = pageRequests.length;
    const result = await page.evaluate(async (url) => {
      const { client } = globalThis as PageGlobals;
      const statuses: string[] = [];
      const task = await client.run({ kind: 'IMAGE', url, options: { image: { width: 32, format: 'png' } } }, { onChange: (change) => statuses.push(change.status) });
      return { status: task.status, statuses, outputs: task.outputs };
    }, `${media.url}/small.png`);
    expect(result.status).toBe('SUCCEEDED');
    expect(result.statuses.at(-1)).toBe('SUCCEEDED');
    expect(result.outputs).toHaveLength(1);
    expect(result.outputs[0]).toMatchObject({ mimeType: 'image/png', width: 32, height: 24 });
    expect(await outputSize(result.outputs[0].url)).toEqual({ width: 32, height: 24 });
    // Over the WebSocket, not the SSE fallback: the key in connection_init, the end as a next.
    const init = framesSent.map((frame) => JSON.parse(frame)).find((message) => message.type === 'connection_init');
    expect(init?.payload).toEqual({ authorization: `Bearer ${apiKey}` });
    expect(framesReceived.some((frame) => frame.includes('"connection_ack"'))).toBe(true);
    expect(framesReceived.some((frame) => frame.includes('"next"') && frame.includes('"SUCCEEDED"'))).toBe(true);
    // createTask, and the task read at its end, over fetch.
    expectKeyedLoopbackRequests(mark, 2);
  });

  it('sends a Blob made in the page in the createTask multipart request (XHR), with progress', async () => {
    const mark = pageRequests.length;
    const result = await page.evaluate(async () => {
      const { client } = globalThis as PageGlobals;
      const blob = new Blob([await (await fetch('/photo.png')).arrayBuffer()], { type: 'image/png' });
      const progress: Array<[number, number]> = [];
      const input = await client.upload(blob, { filename: 'photo.png', onProgress: (sent, total) => progress.push([sent, total]) });
      const task = await client.run({ kind: 'IMAGE', ...input, options: { image: { width: 16, format: 'png' } } });
      return { multipart: 'file' in input, blobSize: blob.size, progress, status: task.status, input: task.input, outputs: task.outputs };
    });
    expect(result.multipart).toBe(true);
    expect(result.blobSize).toBe(photoBytes);
    expect(result).toMatchObject({ status: 'SUCCEEDED', input: { filename: 'photo.png', size: result.blobSize } });
    // The total is the multipart body: the file and the operations around it.
    expectRisingToTotal(result.progress, result.blobSize + 1);
    expect(await outputSize(result.outputs[0].url)).toEqual({ width: 16, height: 12 });
    expectKeyedLoopbackRequests(mark, 2);
  });

  it('sends a Blob of a few MB with tus (chosen by size), with progress, and runs it', async () => {
    const mark = pageRequests.length;
    const result = await page.evaluate(async () => {
      const { client } = globalThis as PageGlobals;
      const blob = new Blob([await (await fetch('/noise.png')).arrayBuffer()], { type: 'image/png' });
      const progress: Array<[number, number]> = [];
      const input = await client.upload(blob, { filename: 'noise.png', onProgress: (sent, total) => progress.push([sent, total]) });
      const task = await client.run({ kind: 'IMAGE', ...input, options: { image: { width: 120, format: 'png' } } });
      return { uploadId: 'uploadId' in input ? input.uploadId : null, blobSize: blob.size, progress, status: task.status, input: task.input, outputs: task.outputs };
    });
    expect(result.blobSize).toBe(noiseBytes);
    expect(result.uploadId).toEqual(expect.any(String));
    expect(result).toMatchObject({ status: 'SUCCEEDED', input: { filename: 'noise.png', size: noiseBytes } });
    expectRisingToTotal(result.progress, noiseBytes);
    expect(result.progress.at(-1)![1]).toBe(noiseBytes);
    // The bytes went to the server's /uploads cross-origin (tus's own CORS): its HEAD, then PATCH.
    expect(pageRequests.slice(mark).filter(({ url }) => url === `${server.url}/uploads/${result.uploadId}`)).toHaveLength(2);
    expect(await outputSize(result.outputs[0].url)).toEqual({ width: 120, height: 90 });
    // createUpload, HEAD, PATCH, createTask, the task read at its end.
    expectKeyedLoopbackRequests(mark, 5);
  });

  it('reports refused input as a MediaTasksError with its code and field', async () => {
    const mark = pageRequests.length;
    const error = await page.evaluate(async (url) => {
      const { client, mediatasks } = globalThis as PageGlobals;
      try {
        await client.createTask({ kind: 'IMAGE', url, options: { image: { width: 0 } } });
        return null;
      } catch (caught) {
        const { name, code, field } = caught as BrowserClient.MediaTasksError;
        return { isMediaTasksError: caught instanceof mediatasks.MediaTasksError, name, code, field };
      }
    }, `${media.url}/photo.png`);
    expect(error).toEqual({ isMediaTasksError: true, name: 'MediaTasksError', code: 'BAD_USER_INPUT', field: 'options.image.width' });
    expectKeyedLoopbackRequests(mark, 1);
  });

  it('is refused from an origin CORS_ORIGINS does not list', async () => {
    // localhost is another origin than 127.0.0.1 (the one allowed), though the same server.
    const stranger = await (await browser.newContext()).newPage();
    try {
      await stranger.goto(`${media.url.replace('127.0.0.1', 'localhost')}/`);
      await stranger.waitForFunction(() => 'mediatasks' in globalThis);
      const code = await stranger.evaluate(async ({ url, key }) => {
        const { mediatasks } = globalThis as PageGlobals;
        const client = mediatasks.createClient({ url, apiKey: key });
        return client.kinds().then(() => 'answered', (error: BrowserClient.MediaTasksError) => error.code);
      }, { url: server.url, key: apiKey });
      // The browser hides a CORS refusal from the page: it is a failed fetch.
      expect(code).toBe('NETWORK_ERROR');
    } finally {
      await stranger.context().close();
    }
  });
});
