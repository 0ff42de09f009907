// Serves stored files under /files/<key> with Range support (players seek; HLS clients read
// ranges). The key starts with a task's file secret, so the URL is the permission: any origin may
// read (players on other sites load HLS, captions and storyboards), no cookie or key is involved.
import type http from 'node:http';
import { contentTypeOf, storedFileCacheControl } from '../storage/content-types.js';
import { filesRoutePrefix } from '../storage/local-storage.js';
import { isSecretKey, type Storage } from '../storage/storage.js';

/** Readable from any origin, without credentials; players need Range and the range headers back. */
const crossOriginHeaders: http.OutgoingHttpHeaders = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'Content-Range, Accept-Ranges, Content-Length',
};

export async function serveStoredFile(storage: Storage, request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
  if (request.method === 'OPTIONS') {
    return void response.writeHead(204, {
      ...crossOriginHeaders, 'access-control-allow-methods': 'GET, HEAD', 'access-control-allow-headers': 'Range', 'access-control-max-age': '86400',
    }).end();
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') return void response.writeHead(405, { allow: 'GET, HEAD, OPTIONS' }).end();
  let key: string;
  let stat: { size: number } | null;
  try {
    // The path as sent: a URL parser would resolve `..` before the key is checked.
    key = decodeURIComponent(request.url!.split(/[?#]/)[0].slice(filesRoutePrefix.length));
    // A key without a file secret (a guess, a task id) is not found, whether or not it exists.
    if (!isSecretKey(key)) return void response.writeHead(404, crossOriginHeaders).end('Not found');
    stat = await storage.stat(key);
  } catch (error) {
    if (error instanceof URIError || (error as Error).message.startsWith('Invalid storage key')) {
      return void response.writeHead(400, crossOriginHeaders).end('Bad file path');
    }
    throw error;
  }
  if (!stat) return void response.writeHead(404, crossOriginHeaders).end('Not found');

  const headers: http.OutgoingHttpHeaders = {
    ...crossOriginHeaders,
    'content-type': contentTypeOf(key),
    'x-content-type-options': 'nosniff',
    'accept-ranges': 'bytes',
    'cache-control': storedFileCacheControl,
  };
  const range = parseRange(request.headers.range, stat.size);
  if (range === 'unsatisfiable') return void response.writeHead(416, { ...crossOriginHeaders, 'content-range': `bytes */${stat.size}` }).end();
  const { start, end } = range ?? { start: 0, end: stat.size - 1 };
  if (request.method === 'HEAD' || stat.size === 0) {
    return void response.writeHead(range ? 206 : 200, { ...headers, 'content-length': stat.size === 0 ? 0 : end - start + 1, ...(range ? { 'content-range': `bytes ${start}-${end}/${stat.size}` } : {}) }).end();
  }
  // Opened before the head is sent: a file removed since the stat is still a 404.
  const body = await storage.read(key, { start, end }).catch(() => null);
  if (!body) return void response.writeHead(404, crossOriginHeaders).end('Not found');
  headers['content-length'] = end - start + 1;
  if (range) headers['content-range'] = `bytes ${start}-${end}/${stat.size}`;
  response.writeHead(range ? 206 : 200, headers);
  body.on('error', () => response.destroy()).pipe(response);
  // A client that goes away stops the read (for a bucket, the GetObject's connection).
  response.on('close', () => body.destroy());
}

function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  const match = header && /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  const start = match[1] === '' ? Math.max(0, size - Number(match[2])) : Number(match[1]);
  const end = match[1] === '' || match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  return start > end || start >= size ? 'unsatisfiable' : { start, end };
}
