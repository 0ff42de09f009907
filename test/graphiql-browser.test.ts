// GraphiQL at /graphql in a real headless Chromium (the one inside @sparticuz/chromium, so npm ci
// brings it), on a server with API keys: the key typed into the Headers tab reaches
// subscriptions too, and a refused key shows its error in the result pane instead of a spinner.
import fs from 'node:fs/promises';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import chromium from '@sparticuz/chromium';
import { chromium as playwright, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancelTaskDocument, CreateTaskDocument } from './generated/graphql.js';
import { GraphQLTestClient } from './support/graphql-client.js';
import { startMediaServer, type MediaServer } from './support/media-server.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const aliceKey = 'alice-key-0123456789abcdef';
/** Generous: a DOM condition that has not held by then will not hold. */
const ceilingMs = 10_000;
/** @sparticuz/chromium ships a Linux x64 build only: elsewhere this file is skipped. */
const browserRuns = process.platform === 'linux' && process.arch === 'x64';

let server: TestServer;
let media: MediaServer;
let mediaDir: string;
let alice: GraphQLTestClient;
let browser: Browser;

beforeAll(async () => {
  if (!browserRuns) return;
  mediaDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-graphiql-'));
  // Headers and a first chunk, then nothing: the task stays in VALIDATING until it is cancelled.
  const stall: http.RequestListener = (_request, response) => {
    response.writeHead(200, { 'content-type': 'image/png', 'content-length': 1_000_000 });
    response.write(Buffer.alloc(1000));
  };
  media = await startMediaServer(mediaDir, { '/stalled.png': stall });
  [server, browser] = await Promise.all([
    startTestServer({ API_KEYS: `alice:${aliceKey}` }),
    (async () => playwright.launch({
      executablePath: await chromium.executablePath(),
      headless: true,
      // Offline and as root: no sandbox, no GPU, nothing fetched from Google's servers. Not one
      // process (a Lambda setting): there, closing a browser context ends the whole browser.
      args: [...chromium.args.filter((flag) => flag !== '--single-process'), '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    }))(),
  ]);
  alice = new GraphQLTestClient(server.url, { apiKey: aliceKey });
});

afterAll(async () => {
  await browser?.close();
  await alice?.close();
  await server?.stop();
  await media?.close();
  if (mediaDir) await fs.rm(mediaDir, { recursive: true, force: true });
});

/** Opens GraphiQL in a fresh context (no stored tabs), types the headers and the operation, runs it. */
async function runInGraphiQL(headers: string, operation: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(ceilingMs);
  await page.goto(`${server.url}/graphql`);
  await page.locator('.graphiql-editor-tools button[data-name="headers"]').click();
  await replaceEditorText(page, page.locator('section.graphiql-editor-tool .graphiql-editor:not(.hidden)'), headers);
  await replaceEditorText(page, page.locator('.graphiql-query-editor .graphiql-editor'), operation);
  await page.locator('button.graphiql-execute-button').click();
  return page;
}

async function replaceEditorText(page: Page, editor: Locator, text: string): Promise<void> {
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  // One input event, not keystrokes: Monaco would add closing brackets and quotes to typed ones.
  await page.keyboard.insertText(text);
}

const resultPane = (page: Page, text: string | RegExp) => page.locator('.graphiql-response .result-window', { hasText: text });
const idleExecuteButton = (page: Page) => page.locator('button.graphiql-execute-button[aria-label^="Execute query"]');

describe.skipIf(!browserRuns)('GraphiQL', () => {
  it('follows a task over a subscription with the key from the Headers tab', async () => {
    const created = await alice.request(CreateTaskDocument, { input: { kind: 'IMAGE', url: `${media.url}/stalled.png` } });
    expect(created.errors).toBeUndefined();
    const id = created.data!.createTask.id;

    const page = await runInGraphiQL(JSON.stringify({ Authorization: `Bearer ${aliceKey}` }), `subscription { taskUpdated(id: "${id}") { status } }`);
    // The task as it is now, while the subscription stays open...
    await resultPane(page, 'VALIDATING').waitFor({ timeout: ceilingMs });
    await page.locator('button.graphiql-execute-button[aria-label^="Stop query"]').waitFor({ timeout: ceilingMs });

    // ...then a change made elsewhere arrives live, and the subscription completes at the end.
    const cancelled = await alice.request(CancelTaskDocument, { id });
    expect(cancelled.errors).toBeUndefined();
    await resultPane(page, 'CANCELLED').waitFor({ timeout: ceilingMs });
    await idleExecuteButton(page).waitFor({ timeout: ceilingMs });
    await page.context().close();
  });

  it('shows a refused key as an error in the result pane, not a spinner', async () => {
    const page = await runInGraphiQL(JSON.stringify({ Authorization: 'Bearer not-a-valid-key-at-all' }), 'subscription { taskUpdated(id: "any") { status } }');
    await resultPane(page, 'This API key is not valid.').waitFor({ timeout: ceilingMs });
    await idleExecuteButton(page).waitFor({ timeout: ceilingMs });
    expect(await page.locator('.graphiql-spinner').count()).toBe(0);
    await page.context().close();
  });
});
