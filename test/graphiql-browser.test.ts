// GraphiQL at /graphql in a real headless Chromium (the one inside @sparticuz/chromium, so npm ci
// brings it), on a server with API keys: the key typed into the Headers tab reaches
// subscriptions too, and a refused key shows its error in the result pane instead of a spinner.
// A first visit opens on a working example, and the docs explorer tells each option's default.
import fs from 'node:fs/promises';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parse, validate } from 'graphql';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../src/schema/index.js';
import { exampleDocument, exampleIdPlaceholder, exampleImageUrl, exampleOperations } from '../src/server/graphiql-example.js';
import { CancelTaskDocument, CreateTaskDocument } from './generated/graphql.js';
import { writeTestImage } from './support/fixtures.js';
import { GraphQLTestClient } from './support/graphql-client.js';
import { browserRuns, launchChromium } from './support/browser.js';
import { startMediaServer, type MediaServer } from './support/media-server.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const aliceKey = 'alice-key-0123456789abcdef';
/** Generous: a DOM condition that has not held by then will not hold. */
const ceilingMs = 10_000;

let server: TestServer;
let media: MediaServer;
let mediaDir: string;
let alice: GraphQLTestClient;
let browser: Browser;

beforeAll(async () => {
  if (!browserRuns) return;
  mediaDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-graphiql-'));
  await writeTestImage(path.join(mediaDir, 'photo.png'), 640, 480);
  // Headers and a first chunk, then nothing: the task stays in VALIDATING until it is cancelled.
  const stall: http.RequestListener = (_request, response) => {
    response.writeHead(200, { 'content-type': 'image/png', 'content-length': 1_000_000 });
    response.write(Buffer.alloc(1000));
  };
  media = await startMediaServer(mediaDir, { '/stalled.png': stall });
  [server, browser] = await Promise.all([
    startTestServer({ API_KEYS: `alice:${aliceKey}` }),
    launchChromium(),
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

/** Opens GraphiQL in a fresh context: no stored tabs, as on a first visit. */
async function openGraphiQL(document?: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(ceilingMs);
  if (document) await showDocument(page, document);
  else await page.goto(`${server.url}/graphql`);
  return page;
}

/**
 * Opens a document in a new tab, as a link with ?query= does. Not typed over the editor's text:
 * under load, Monaco lost the first characters typed over the example document.
 */
async function showDocument(page: Page, document: string): Promise<void> {
  await page.goto(`${server.url}/graphql?query=${encodeURIComponent(document)}`);
  const firstCode = document.split('\n').find((line) => line && !line.startsWith('#'))!;
  await queryEditor(page).locator('.view-lines', { hasText: firstCode.slice(0, 30) }).waitFor();
}

const headersTab = (page: Page) => page.locator('.graphiql-editor-tools button[data-name="headers"]');
const headersEditor = (page: Page) => page.locator('section.graphiql-editor-tool .graphiql-editor:not(.hidden)');

async function typeHeaders(page: Page, headers: string): Promise<void> {
  await headersTab(page).click();
  await replaceEditorText(page, headersEditor(page), headers);
}

/** A tab opened later starts with the headers typed before (GraphiQL keeps them): none typed again. */
async function headersShown(page: Page, text: string): Promise<void> {
  await headersTab(page).click();
  await headersEditor(page).locator('.view-lines', { hasText: text }).waitFor();
}

const queryEditor = (page: Page) => page.locator('.graphiql-query-editor .graphiql-editor');

/** Opens GraphiQL on the operation, types the headers, runs it. */
async function runInGraphiQL(headers: string, operation: string): Promise<Page> {
  const page = await openGraphiQL(operation);
  await typeHeaders(page, headers);
  await page.locator('button.graphiql-execute-button').click();
  return page;
}

/**
 * With API keys the schema comes with a key only: fetched again once the Headers tab holds one.
 * Resolves when the docs explorer lists the root types (searching before that finds nothing).
 */
async function refetchSchema(page: Page): Promise<void> {
  await page.locator('.graphiql-sidebar button[aria-label^="Re-fetch GraphQL schema"]').click();
  await page.locator('.graphiql-sidebar button[aria-label*="Documentation"]').click();
  await page.locator('.graphiql-doc-explorer a.graphiql-doc-explorer-type-name', { hasText: 'Mutation' }).first().waitFor();
}

/** Runs one operation of a document that holds several: GraphiQL asks which. */
async function runOperation(page: Page, name: string): Promise<void> {
  await page.locator('button.graphiql-execute-button').click();
  await page.getByRole('menuitem', { name }).click();
}

async function replaceEditorText(page: Page, editor: Locator, text: string): Promise<void> {
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  // One input event, not keystrokes: Monaco would add closing brackets and quotes to typed ones.
  await page.keyboard.insertText(text);
}

const resultPane = (page: Page, text: string | RegExp) => page.locator('.graphiql-response .result-window', { hasText: text });
const idleExecuteButton = (page: Page) => page.locator('button.graphiql-execute-button[aria-label^="Execute query"]');

const resultText = async (page: Page) => (await page.locator('.graphiql-response .result-window').innerText()).replace(/\s+/g, ' ');

describe('the example GraphiQL opens on', () => {
  it('is valid against the schema (no red mark in the editor) and names the server', () => {
    expect(validate(schema, parse(exampleDocument))).toEqual([]);
    expect(exampleDocument.split('\n')[0]).toMatch(/^# mediatasks: run CreateImageTask .*WatchTask/);
  });
});

describe.skipIf(!browserRuns)('GraphiQL', () => {
  it('opens on a working example: a createTask of an image, then taskUpdated to its end', async () => {
    const headers = JSON.stringify({ Authorization: `Bearer ${aliceKey}` });
    const page = await openGraphiQL();
    await queryEditor(page).locator('.view-lines', { hasText: 'mutation CreateImageTask' }).waitFor();
    await typeHeaders(page, headers);
    await refetchSchema(page);

    // As it opens: createTask answers with the stored task (a worker fetches its URL afterwards).
    await runOperation(page, exampleOperations.create);
    await resultPane(page, '"createTask"').waitFor();
    expect(await resultText(page)).not.toContain('"errors"');
    // No red mark: the example parses and validates (checked without a browser above); counting
    // squiggles here would pass before the editor's linter has run at all.

    // With the URL of a file this server may fetch, and the id it returns pasted in: the task's end.
    const withImage = exampleDocument.replace(exampleImageUrl, `${media.url}/photo.png`);
    await showDocument(page, withImage);
    await headersShown(page, aliceKey);
    await runOperation(page, exampleOperations.create);
    await resultPane(page, '"createTask"').waitFor();
    // The pane wraps a long id over lines: read without any white space.
    const id = /"id":"([^"]+)"/.exec((await resultText(page)).replace(/ /g, ''))![1];
    await showDocument(page, withImage.replace(exampleIdPlaceholder, id));
    await headersShown(page, aliceKey);
    await runOperation(page, exampleOperations.watch);
    await resultPane(page, '"SUCCEEDED"').waitFor();
    await idleExecuteButton(page).waitFor();
    const final = await resultText(page);
    expect(final).toContain('"width": 320');
    expect(final).toContain('"error": null');
    await page.context().close();
  });

  it('shows every option\'s default in the docs explorer', async () => {
    const page = await openGraphiQL();
    // With API keys the schema comes with the key only: typed in, then fetched again.
    await typeHeaders(page, JSON.stringify({ Authorization: `Bearer ${aliceKey}` }));
    await refetchSchema(page);
    const explorer = page.locator('.graphiql-doc-explorer');
    await page.locator('.graphiql-doc-explorer-search').click();
    await page.keyboard.insertText('ImageOptions');
    await page.getByRole('option', { name: 'ImageOptions' }).first().click();
    await explorer.locator('.graphiql-doc-explorer-title', { hasText: 'ImageOptions' }).waitFor();
    const text = (await explorer.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('quality: Int Encoder quality, 1 (smallest) to 100 (best). Ignored by png and gif, which are lossless. (1–100). Default: 80.');
    expect(text).toContain('format: ImageFormat Output format. Default: webp.');
    expect(text).toContain('start: Float For a video input: the time in seconds of the frame to take. (at least 0). Default: 0.');
    await page.context().close();
  });

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
