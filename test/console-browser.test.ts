// The web console (console/, served at /) in a real headless Chromium against the real server,
// once with an API key (entered in the console's form) and once in open mode: a task made
// elsewhere appears in the list and moves live with no polling; a dropped file runs the "web
// video + thumbnails + captions" recipe, watched live to SUCCEEDED; its HLS plays past 3 s, a
// rendition is switched, a transcript segment seeks the player, the captions are a <track>; a
// running video is created and cancelled with the keyboard alone. Every screen is checked by axe
// (no serious or critical violation) and for horizontal scroll at 375x812 and 1280x800. A large
// file goes with tus and resumes after every connection of the page was dropped.
//
// CONSOLE_SCREENSHOTS=docs npx vitest run test/console-browser.test.ts rewrites the README's screenshots.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserRuns, launchChromium } from './support/browser.js';
import { writeConsoleMedia, type ConsoleMedia } from './support/console-media.js';
import { startMediaServer, type MediaServer } from './support/media-server.js';
import { freePort } from './support/free-port.js';
import { holdResponse } from './support/held-response.js';
import { startTcpProxy } from './support/tcp-proxy.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const run = promisify(execFile);
const apiKey = 'console-browser-key-0123456789';
const screenshots = process.env.CONSOLE_SCREENSHOTS;
const viewports = [{ width: 375, height: 812 }, { width: 1280, height: 800 }];

let folder: string;
let files: ConsoleMedia;
let media: MediaServer;
let browser: Browser;
const servers: Record<'keyed' | 'open', TestServer> = {} as never;

/** The photo at /held.png, answered once released: a task waits in VALIDATING until then. */
const holdPhoto = () => holdResponse(async (response) => {
  const photo = await fs.readFile(files.photo);
  response.writeHead(200, { 'content-type': 'image/png', 'content-length': photo.length }).end(photo);
});
let heldPhoto = holdPhoto();

beforeAll(async () => {
  if (!browserRuns) return;
  folder = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-console-browser-'));
  // postinstall built the console on a fresh clone; this rebuilds only a stale one.
  const [written] = await Promise.all([writeConsoleMedia(folder), run(process.execPath, ['console/scripts/build.mjs', '--if-stale'])]);
  files = written;
  media = await startMediaServer(folder, { '/held.png': (_request, response) => heldPhoto.handle(response) });
  [servers.keyed, servers.open, browser] = await Promise.all([
    startTestServer({ API_KEYS: `alice:${apiKey}` }),
    startTestServer(),
    launchChromium(),
  ]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([servers.keyed?.stop(), servers.open?.stop()]);
  await media?.close();
  if (folder) await fs.rm(folder, { recursive: true, force: true });
});

/** GraphQL from Node, as another client of the same owner. */
async function api<T>(server: TestServer, key: string | null, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key && { authorization: `Bearer ${key}` }) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json() as { data: T; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data;
}

/** No serious or critical accessibility violation on the page as it is now. */
async function expectAccessible(page: Page, screen: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const blocking = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  expect(blocking, `axe on ${screen}`).toEqual([]);
}

/** Nothing wider than the window at a phone's and a laptop's size. */
async function expectNoHorizontalScroll(page: Page, screen: string): Promise<void> {
  const original = page.viewportSize()!;
  for (const viewport of viewports) {
    await page.setViewportSize(viewport);
    // A layout pass at the new size before measuring.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
    expect(scrollWidth, `${screen} at ${viewport.width}x${viewport.height}`).toBeLessThanOrEqual(innerWidth);
  }
  await page.setViewportSize(original);
}

async function checkScreen(page: Page, screen: string): Promise<void> {
  await expectAccessible(page, screen);
  await expectNoHorizontalScroll(page, screen);
}

/** With CONSOLE_SCREENSHOTS=<folder>: the whole screen at 1280 wide (and its top at 375x812 with phone). */
async function screenshot(page: Page, name: string, { phone = false } = {}): Promise<void> {
  if (!screenshots) return;
  await fs.mkdir(screenshots, { recursive: true });
  await page.screenshot({ path: path.join(screenshots, `console-${name}.png`), fullPage: true });
  if (!phone) return;
  const original = page.viewportSize()!;
  await page.setViewportSize(viewports[0]);
  // The first screen a phone shows (the whole page would be a strip too long to read).
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(screenshots, `console-${name}-phone.png`) });
  await page.setViewportSize(original);
}

/** Presses Tab until `target` has the focus (keyboard-only use), at most 60 times. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let presses = 0; presses < 60; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

const statusOf = (page: Page) => page.getByTestId('task-status');

/** The statuses the task page's badge showed, in order (a MutationObserver: live, not a reload). */
async function recordStatuses(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (globalThis as unknown as { seenStatuses: string[] }).seenStatuses = seen;
    const note = () => {
      const status = document.querySelector('[data-testid="task-status"]')?.getAttribute('data-status');
      if (status && seen.at(-1) !== status) seen.push(status);
    };
    note();
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
  });
  return () => page.evaluate(() => (globalThis as unknown as { seenStatuses: string[] }).seenStatuses);
}

const taskIdOfUrl = (url: string) => decodeURIComponent(/#\/tasks\/([^/?#]+)/.exec(url)?.[1] ?? '');

for (const mode of ['keyed', 'open'] as const) {
  const key = mode === 'keyed' ? apiKey : null;
  describe.skipIf(!browserRuns)(`the web console ${mode === 'keyed' ? 'with an API key' : 'in open mode'}`, () => {
    let context: BrowserContext;
    let page: Page;
    let server: TestServer;
    const pageErrors: string[] = [];
    const graphqlBodies: string[] = [];

    beforeAll(async () => {
      server = servers[mode];
      context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      page = await context.newPage();
      page.setDefaultTimeout(15_000);
      page.on('pageerror', (error) => pageErrors.push(error.message));
      page.on('console', (message) => { if (message.type() === 'error') pageErrors.push(message.text()); });
      page.on('request', (request) => { if (request.url().endsWith('/graphql') && request.method() === 'POST') graphqlBodies.push(request.postData() ?? ''); });
    });

    afterAll(async () => {
      await context?.close();
    });

    it(mode === 'keyed' ? 'asks for the key, refuses a wrong one, and keeps the right one across a reload' : 'opens on the task list without asking for a key', async () => {
      await page.goto(`${server.url}/`);
      if (mode === 'keyed') {
        const field = page.getByLabel('API key');
        await expect.poll(() => field.isVisible()).toBe(true);
        await checkScreen(page, 'the key form');
        await screenshot(page, 'key');
        await field.fill('not-the-key');
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByRole('alert').filter({ hasText: 'did not accept' }).waitFor();
        await page.getByLabel('API key').fill(apiKey);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByRole('heading', { name: 'Tasks', level: 1 }).waitFor();
        // Chromium logs the two refusals (no key, the wrong key) as failed loads: expected here.
        const refusals = pageErrors.splice(0);
        expect(refusals.every((message) => /status of 401/.test(message))).toBe(true);
      }
      await page.getByRole('heading', { name: 'Tasks', level: 1 }).waitFor();
      await page.reload();
      await page.getByRole('heading', { name: 'Tasks', level: 1 }).waitFor();
      await expect.poll(() => page.getByRole('button', { name: 'Sign out' }).count()).toBe(mode === 'keyed' ? 1 : 0);
    });

    it('lists a task made elsewhere and follows it to SUCCEEDED over taskEvents, with no polling', async () => {
      await page.goto(`${server.url}/#/`);
      await page.getByText('Live', { exact: true }).waitFor();
      heldPhoto = holdPhoto();
      const listReads = () => graphqlBodies.filter((body) => body.includes('ConsoleTasks')).length;
      const readsBefore = listReads();
      const { createTask } = await api<{ createTask: { id: string } }>(server, key, 'mutation($url: String!) { createTask(input: { kind: IMAGE, url: $url }) { id } }', { url: `${media.url}/held.png` });
      const row = page.locator(`li.task-row[data-task-id="${createTask.id}"]`);
      await row.waitFor();
      await heldPhoto.requested;
      await expect.poll(() => row.locator('[data-status]').first().getAttribute('data-status')).toBe('VALIDATING');
      heldPhoto.release();
      await expect.poll(() => row.locator('[data-status]').first().getAttribute('data-status'), { timeout: 30_000 }).toBe('SUCCEEDED');
      await expect(row.getByRole('link', { name: 'held.png' }).count()).resolves.toBe(1);
      expect(listReads()).toBe(readsBefore);
      await checkScreen(page, 'the task list');
    });

    it('shows a failed task with its error code, message and what to do, offers a retry, and deletes it once confirmed', async () => {
      const { createTask } = await api<{ createTask: { id: string } }>(server, key, 'mutation($url: String!) { createTask(input: { kind: IMAGE, url: $url }) { id } }', { url: `${media.url}/missing.png` });
      await page.goto(`${server.url}/#/tasks/${encodeURIComponent(createTask.id)}`);
      await expect.poll(() => statusOf(page).getAttribute('data-status'), { timeout: 30_000 }).toBe('FAILED');
      await page.getByText('INPUT_UNREACHABLE').first().waitFor();
      await page.getByText('The URL could not be fetched.', { exact: false }).first().waitFor();
      await page.getByRole('button', { name: 'Retry', exact: true }).waitFor();
      await checkScreen(page, 'a failed task');
      // Delete asks once more in place, then the task is gone and the list is shown.
      await page.getByRole('button', { name: 'Delete', exact: true }).click();
      await page.getByRole('button', { name: 'Confirm delete' }).click();
      await page.waitForURL((url) => !url.hash.includes('/tasks/'));
      const { task } = await api<{ task: unknown }>(server, key, 'query($id: ID!) { task(id: $id) { id } }', { id: createTask.id });
      expect(task).toBeNull();
    });

    it('drops a file, runs the web video recipe live to SUCCEEDED, plays the HLS past 3 s, switches a rendition and seeks by a transcript segment', async () => {
      await page.goto(`${server.url}/#/new`);
      await page.getByRole('heading', { name: 'New task', level: 1 }).waitFor();
      await page.getByLabel('Files').setInputFiles(files.spoken);
      await page.getByLabel('Kind').selectOption('recipe:web-video');
      await checkScreen(page, 'the create screen');
      await screenshot(page, 'new');
      await page.getByRole('button', { name: /^Create/ }).click();
      await page.waitForURL(/#\/tasks\//, { timeout: 30_000 });
      const id = taskIdOfUrl(page.url());
      const seen = await recordStatuses(page);
      await expect.poll(() => statusOf(page).getAttribute('data-status'), { timeout: 120_000 }).toBe('SUCCEEDED');
      // Followed live: the badge went through a running state on this page, not after a reload.
      expect((await seen()).some((status) => ['QUEUED', 'PROCESSING', 'FINISHING', 'VALIDATING', 'WAITING'].includes(status))).toBe(true);

      const { task } = await api<{ task: { kind: string; input: { filename: string }; children: Array<{ kind: string; typedResult: { segments?: Array<{ start: number; end: number; text: string }> } | null }> } }>(server, key,
        'query($id: ID!) { task(id: $id) { kind input { filename } children { kind typedResult { ... on SpeechResult { segments { start end text } } } } } }', { id });
      expect(task).toMatchObject({ kind: 'WORKFLOW', input: { filename: 'kitchen.mp4' } });
      const segments = task.children.find((child) => child.kind === 'SPEECH')!.typedResult!.segments!;
      expect(segments.length).toBeGreaterThan(0);

      // The HLS plays (hls.js over MSE) past 3 s.
      const video = page.locator('video').first();
      await video.waitFor();
      await video.evaluate(async (element: HTMLVideoElement) => {
        element.muted = true;
        await element.play();
      });
      await expect.poll(() => video.evaluate((element: HTMLVideoElement) => element.currentTime), { timeout: 30_000 }).toBeGreaterThan(3);
      // Two rungs for a 480p source; choosing one plays it.
      const rendition = page.getByLabel('Rendition');
      const renditions = await rendition.locator('option').allTextContents();
      expect(renditions).toEqual(expect.arrayContaining(['Auto', '480p', '360p']));
      await rendition.selectOption({ label: '360p' });
      await expect.poll(() => page.getByTestId('current-rendition').textContent(), { timeout: 20_000 }).toBe('360p');
      // The captions are a track of the video, with cues from the subtitles step.
      const cues = await video.evaluate(async (element: HTMLVideoElement) => {
        const track = element.querySelector('track[kind="captions"]') as HTMLTrackElement | null;
        if (!track) return -1;
        track.track.mode = 'hidden';
        if (track.readyState !== 2) await new Promise((resolve) => track.addEventListener('load', resolve, { once: true }));
        return track.track.cues?.length ?? 0;
      });
      expect(cues).toBeGreaterThan(0);
      // A transcript segment seeks the player to its start.
      const last = segments.at(-1)!;
      await page.getByRole('list', { name: 'Transcript' }).getByRole('button', { name: new RegExp(last.text.trim().slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).click();
      await expect.poll(() => video.evaluate((element: HTMLVideoElement) => element.currentTime)).toBeGreaterThanOrEqual(last.start - 0.25);
      expect(await video.evaluate((element: HTMLVideoElement) => element.currentTime)).toBeLessThan(last.end + 1.5);
      await video.evaluate((element: HTMLVideoElement) => element.pause());
      // The seek bar previews the storyboard: near the end, a later tile of the sprite sheet.
      const seek = page.getByLabel('Seek');
      const box = (await seek.boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.8, box.y + box.height / 2);
      const tile = page.getByTestId('storyboard-preview').locator('.storyboard-tile');
      await tile.waitFor();
      const { image, position } = await tile.evaluate((element) => ({ image: getComputedStyle(element).backgroundImage, position: getComputedStyle(element).backgroundPosition }));
      expect(image).toMatch(/storyboard_001\.jpg/);
      expect(position).not.toBe('0px 0px');
      await checkScreen(page, 'a workflow task');
      await screenshot(page, 'task', { phone: true });
    });

    it('refuses an option out of its range in the form, before anything is uploaded', async () => {
      await page.goto(`${server.url}/#/new`);
      await page.getByRole('heading', { name: 'New task', level: 1 }).waitFor();
      await page.getByLabel('Files').setInputFiles(files.photo);
      await page.getByLabel('Kind').selectOption('IMAGE');
      const creates = () => graphqlBodies.filter((body) => body.includes('createTask')).length;
      const before = creates();
      await page.getByLabel('Width').fill('0');
      await page.getByRole('button', { name: /^Create/ }).click();
      await page.getByRole('alert').filter({ hasText: 'Nothing was sent yet' }).waitFor();
      await expect.poll(() => page.getByLabel('Width').getAttribute('aria-invalid')).toBe('true');
      await page.getByText(/Enter a whole number from 1 to \d+\./).first().waitFor();
      expect(creates()).toBe(before);
    });

    it('creates a video task and cancels it while it runs, with the keyboard alone', async () => {
      // A fresh create screen (the same address would keep the last one's choices).
      await page.goto(`${server.url}/#/`);
      await page.goto(`${server.url}/#/new`);
      await page.getByRole('heading', { name: 'New task', level: 1 }).waitFor();
      // A new screen takes the focus (its content): from there on, the keyboard alone.
      await page.waitForFunction(() => document.activeElement?.id === 'main');
      // The skip link moves the focus to the content and leaves the screen where it is (the hash is the route).
      await page.getByRole('link', { name: 'Skip to content' }).focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'main');
      expect(new URL(page.url()).hash).toBe('#/new');
      const urls = page.getByLabel('URLs');
      await tabTo(page, urls);
      await page.keyboard.type(`${media.url}/${path.basename(files.long)}`);
      const kind = page.getByLabel('Kind');
      await tabTo(page, kind);
      // A focused <select> takes the first letters of an option's text.
      for (let presses = 0; presses < 30 && (await kind.inputValue()) !== 'VIDEO'; presses++) await page.keyboard.press('ArrowDown');
      expect(await kind.inputValue()).toBe('VIDEO');
      expect(await urls.inputValue()).toBe(`${media.url}/${path.basename(files.long)}`);
      await tabTo(page, page.getByRole('button', { name: /^Create/ }));
      await page.keyboard.press('Enter');
      await page.waitForURL(/#\/tasks\//, { timeout: 30_000 });
      await page.waitForFunction(() => document.activeElement?.id === 'main');
      await expect.poll(() => statusOf(page).getAttribute('data-status'), { timeout: 60_000 }).toBe('PROCESSING');
      await tabTo(page, page.getByRole('button', { name: 'Cancel', exact: true }));
      await page.keyboard.press('Enter');
      await expect.poll(() => statusOf(page).getAttribute('data-status'), { timeout: 30_000 }).toBe('CANCELLED');
      const { task } = await api<{ task: { status: string; kind: string } }>(server, key, 'query($id: ID!) { task(id: $id) { status kind } }', { id: taskIdOfUrl(page.url()) });
      expect(task).toEqual({ status: 'CANCELLED', kind: 'VIDEO' });
      await checkScreen(page, 'a cancelled task');
      // The list now holds a workflow with its step tree, a cancelled task and an image.
      await page.getByRole('link', { name: 'Tasks', exact: true }).click();
      await page.getByRole('list', { name: 'Steps of kitchen.mp4' }).waitFor();
      await checkScreen(page, 'the task list with a workflow');
      await screenshot(page, 'tasks');
      // Filters live in the address: a reload keeps them. A kind finds workflow steps too.
      const rows = page.locator('li.task-row');
      const listed = () => rows.locator('.task-name').allTextContents();
      await page.getByLabel('Status').selectOption('CANCELLED');
      await expect.poll(listed).toEqual(['long-pattern.mp4']);
      await page.reload();
      await expect.poll(() => page.getByLabel('Status').inputValue()).toBe('CANCELLED');
      await expect.poll(listed).toEqual(['long-pattern.mp4']);
      await page.getByLabel('Status').selectOption('');
      await page.getByLabel('Kind').selectOption('SPEECH');
      await expect.poll(() => rows.locator('.kind').allTextContents()).toEqual(['speech']);
    });

    it('shows no error in the page', () => {
      expect(pageErrors).toEqual([]);
    });
  });
}

describe.skipIf(!browserRuns)('a large drop', () => {
  it('goes with tus, reports progress, and resumes after every connection was dropped', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const tusRequests: Array<{ method: string; offset: string | undefined }> = [];
    page.on('request', (request) => { if (request.url().includes('/uploads')) tusRequests.push({ method: request.method(), offset: request.headers()['upload-offset'] }); });
    // 12 MB of noise in a PNG (it does not compress): over the 8 MiB threshold, so tus.
    const noise = path.join(folder, 'noise.png');
    await fs.writeFile(noise, await sharp(randomBytes(2000 * 2000 * 3), { raw: { width: 2000, height: 2000, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer());
    // The console through a proxy that can drop every connection at once (the network went away):
    // the server's public address is the proxy's, so its upload URLs lead there too.
    const port = await freePort();
    const proxy = await startTcpProxy(new URL(`http://127.0.0.1:${port}`));
    const server = await startTestServer({ PORT: String(port), PUBLIC_URL: proxy.url });
    try {
      await page.goto(`${proxy.url}/#/new`);
      await page.getByRole('heading', { name: 'New task', level: 1 }).waitFor();
      // Slow enough to be cut halfway (Chromium's own throttling).
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 4 * 1024 * 1024 });
      await page.getByLabel('Files').setInputFiles(noise);
      await page.getByLabel('Kind').selectOption('IMAGE');
      await page.getByRole('button', { name: /^Create/ }).click();
      const progress = page.getByRole('progressbar', { name: 'Uploading noise.png' });
      await expect.poll(async () => Number(await progress.getAttribute('aria-valuenow')), { timeout: 30_000 }).toBeGreaterThanOrEqual(20);
      const cutAt = tusRequests.length;
      // tus notices the broken PATCH and asks the server how far it got (HEAD) before going on.
      const resumeProbe = page.waitForEvent('request', { predicate: (request) => request.url().includes('/uploads/') && request.method() === 'HEAD', timeout: 30_000 });
      proxy.dropAll();
      await resumeProbe;
      await page.waitForURL(/#\/tasks\//, { timeout: 60_000 });
      await expect.poll(() => statusOf(page).getAttribute('data-status'), { timeout: 60_000 }).toBe('SUCCEEDED');
      // After the cut: tus asked the server how much it had (HEAD) and went on from there, not from 0.
      const after = tusRequests.slice(cutAt);
      expect(after.some((request) => request.method === 'HEAD')).toBe(true);
      const resumed = after.find((request) => request.method === 'PATCH');
      expect(Number(resumed?.offset)).toBeGreaterThan(0);
      const { tasks } = await api<{ tasks: { edges: Array<{ node: { input: { size: number; filename: string } } }> } }>(server, null, '{ tasks(first: 1) { edges { node { input { size filename } } } } }');
      expect(tasks.edges[0].node.input).toEqual({ size: (await fs.stat(noise)).size, filename: 'noise.png' });
    } finally {
      await context.close();
      await server.stop();
      await proxy.close();
    }
  }, 120_000);
});
