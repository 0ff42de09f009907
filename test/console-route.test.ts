// The web console's route: index.html at / and the build's hashed assets, with the headers that
// keep the page from being framed or loading foreign scripts; nothing else of the disk; a POST
// refused; a foreign Host refused (DNS rebinding) as for the API; CONSOLE=0, or no build, sends
// / to GraphiQL as before. The console in a browser: console-browser.test.ts.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleRoute, contentSecurityPolicy, fileOriginsOf } from '../src/server/console-route.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const run = promisify(execFile);
let server: TestServer;
let withoutConsole: TestServer;

/** A raw GET (fetch may not set Host). */
function get(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    http.request(url, { method, headers }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => { body += chunk; }).on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body }));
    }).on('error', reject).end();
  });
}

beforeAll(async () => {
  // postinstall built it on a fresh clone; this rebuilds only when a source is newer.
  await run(process.execPath, ['console/scripts/build.mjs', '--if-stale']);
  [server, withoutConsole] = await Promise.all([startTestServer(), startTestServer({ CONSOLE: '0' })]);
}, 120_000);

afterAll(async () => {
  await Promise.all([server?.stop(), withoutConsole?.stop()]);
});

describe('the console route', () => {
  it('serves index.html at / with a policy that allows only its own scripts and no framing', async () => {
    const page = await get(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const policy = String(page.headers['content-security-policy']);
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toMatch(/script-src[^;]*unsafe/);
    // Requests, media and images go to this origin (its WebSocket by the Host asked for) and no other.
    expect(policy).toContain(`connect-src 'self' ws://${new URL(server.url).host} wss://${new URL(server.url).host}`);
    expect(policy).not.toMatch(/(^|\s)(\*|https?:|wss?:)(;|\s|$)/);
    expect(page.body).toContain('<div id="root"></div>');
  });

  it('serves the assets index.html names, cached for good, and HEAD without a body', async () => {
    const page = await get(`${server.url}/`);
    const assets = [...page.body.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]);
    expect(assets.some((asset) => asset.endsWith('.js'))).toBe(true);
    for (const asset of assets) {
      const response = await get(`${server.url}${asset}`);
      expect(response.status, asset).toBe(200);
      expect(response.headers['content-type']).toMatch(asset.endsWith('.js') ? /^text\/javascript/ : /^text\/css/);
      expect(response.headers['cache-control']).toContain('immutable');
      expect(Buffer.byteLength(response.body)).toBe(Number(response.headers['content-length']));
    }
    const head = await get(`${server.url}${assets[0]}`, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('reaches nothing outside the build\'s assets, and refuses to be written to', async () => {
    for (const probe of ['/assets/..%2Findex.html', '/assets/%2e%2e/%2e%2e/package.json', '/assets/../../package.json', '/assets/.build-stamp', '/assets/missing.js', '/assets/']) {
      expect((await get(`${server.url}${probe}`)).status, probe).toBe(404);
    }
    expect((await get(`${server.url}/`, {}, 'POST')).status).toBe(405);
  });

  it('refuses a foreign Host on loopback, as the API does (a rebinding DNS name cannot load it)', async () => {
    const refused = await get(`${server.url}/`, { host: 'attacker.example' });
    expect(refused.status).toBe(403);
  });

  it('CONSOLE=0 leaves / to GraphiQL', async () => {
    const response = await get(`${withoutConsole.url}/`);
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/graphql');
    expect((await get(`${withoutConsole.url}/assets/index.js`)).status).not.toBe(200);
  });

  it('lets media, images and requests reach the origins file and upload URLs are made with, and those only', () => {
    const origins = fileOriginsOf(['https://media.example.com/mt/', undefined, 'https://media.example.com/other', 'http://proxy.local:8080']);
    expect(origins).toEqual(['https://media.example.com', 'http://proxy.local:8080']);
    const policy = contentSecurityPolicy('console.example.com', origins);
    for (const directive of ['img-src', 'media-src', 'connect-src']) {
      expect(policy).toMatch(new RegExp(`${directive} [^;]*https://media\\.example\\.com http://proxy\\.local:8080`));
    }
    expect(policy).toContain('connect-src \'self\' ws://console.example.com wss://console.example.com');
    // A Host that is not a host name adds no socket source (nothing from it reaches the header).
    expect(contentSecurityPolicy('bad host; script-src *', [])).toContain("connect-src 'self'; ");
  });

  it('is absent (and / goes to GraphiQL) where the console was never built', async () => {
    const empty = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-no-console-'));
    try {
      expect(consoleRoute(empty)).toBeNull();
    } finally {
      await fs.rm(empty, { recursive: true, force: true });
    }
  });
});
