// The web console (console/, a static Vite build) at `/`, its hashed assets under /assets/. Only
// index.html and files of the build's assets folder are served, by exact name; nothing else of the
// disk is reachable. The page calls the public API like any client, with the key its user enters.
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The build's folder: console/dist beside src/ (tsx) or dist/ (the compiled server). */
export const consoleBuildDir = fileURLToPath(new URL('../../console/dist/', import.meta.url));
const assetsPrefix = '/assets/';

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * Our scripts and styles only. Media, images and requests go to this origin (its WebSocket too,
 * by the Host asked for), and to the origins file and upload URLs are made with (PUBLIC_URL,
 * FILES_PUBLIC_BASE_URL): nothing else. hls.js runs its worker from a blob: URL; inline style
 * attributes are the progress bars' widths.
 */
export function contentSecurityPolicy(host: string | undefined, fileOrigins: readonly string[]): string {
  const sockets = host && /^[\w.:[\]-]+$/.test(host) ? [`ws://${host}`, `wss://${host}`] : [];
  const others = fileOrigins.join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: ${others}`.trim(),
    `media-src 'self' blob: ${others}`.trim(),
    `connect-src 'self' ${[...sockets, others].join(' ')}`.trim(),
    "worker-src 'self' blob:",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
}

/** The origins of the addresses the server puts in file and upload URLs, beside the page's own. */
export function fileOriginsOf(urls: ReadonlyArray<string | undefined>): string[] {
  return [...new Set(urls.filter((url): url is string => Boolean(url)).map((url) => new URL(url).origin))];
}

const pageHeaders = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/** Whether there is a console to serve (postinstall or `npm run build` made console/dist). */
export function consoleIsBuilt(buildDir = consoleBuildDir): boolean {
  return fs.existsSync(path.join(buildDir, 'index.html'));
}

export interface ConsoleRoute {
  /** True when the request was the console's (answered). */
  handle(pathname: string, request: http.IncomingMessage, response: http.ServerResponse): boolean;
}

/** The console's route, or null when there is no build (the server then redirects / to GraphiQL). */
export function consoleRoute(buildDir = consoleBuildDir, fileOrigins: readonly string[] = []): ConsoleRoute | null {
  if (!consoleIsBuilt(buildDir)) return null;
  const indexFile = path.join(buildDir, 'index.html');
  const assetsDir = path.join(buildDir, 'assets');
  return {
    handle(pathname, request, response) {
      const isIndex = pathname === '/' || pathname === '/index.html';
      const asset = pathname.startsWith(assetsPrefix) ? pathname.slice(assetsPrefix.length) : null;
      if (!isIndex && asset === null) return false;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.writeHead(405, { allow: 'GET, HEAD' }).end();
        return true;
      }
      // Vite's names: letters, digits, dot, dash and underscore; no folders, no dot files.
      if (asset !== null && !/^[\w-][\w.-]*$/.test(asset)) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
        return true;
      }
      const file = isIndex ? indexFile : path.join(assetsDir, asset!);
      const type = isIndex ? 'text/html; charset=utf-8' : contentTypes[path.extname(file)] ?? 'application/octet-stream';
      // index.html names the current hashed assets: always revalidated; the assets never change.
      const caching = isIndex ? 'no-cache' : 'public, max-age=31536000, immutable';
      // lstat: a link placed in the build is not followed out of it.
      fs.lstat(file, (error, stats) => {
        if (error || !stats.isFile()) {
          response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
          return;
        }
        response.writeHead(200, {
          'content-type': type, 'content-length': stats.size, 'cache-control': caching, ...pageHeaders,
          'content-security-policy': contentSecurityPolicy(request.headers.host, fileOrigins),
        });
        if (request.method === 'HEAD') return void response.end();
        fs.createReadStream(file).on('error', () => response.destroy()).pipe(response);
      });
      return true;
    },
  };
}
