// Serves stored files under /files/<key> with Range support (players seek; HLS clients read
// ranges). The key starts with a task's file secret, so the URL is the permission: any origin may
// read (players on other sites load HLS, captions and storyboards), no cookie or key is involved.
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import type http from 'node:http';
import path from 'node:path';
import { filesRoutePrefix, type LocalStorage } from '../storage/local-storage.js';
import { isSecretKey } from '../storage/storage.js';

const contentTypes: Record<string, string> = {
  '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.webp': 'image/webp', '.avif': 'image/avif',
  '.gif': 'image/gif', '.mp4': 'video/mp4', '.m4v': 'video/mp4', '.webm': 'video/webm', '.mov': 'video/quicktime',
  '.mkv': 'video/x-matroska', '.ts': 'video/mp2t', '.m3u8': 'application/vnd.apple.mpegurl', '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4', '.aac': 'audio/aac', '.ogg': 'audio/ogg', '.opus': 'audio/ogg', '.wav': 'audio/wav',
  '.flac': 'audio/flac', '.vtt': 'text/vtt', '.srt': 'application/x-subrip', '.json': 'application/json',
};

/** Readable from any origin, without credentials; players need Range and the range headers back. */
const crossOriginHeaders: http.OutgoingHttpHeaders = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'Content-Range, Accept-Ranges, Content-Length',
};

export async function serveStoredFile(storage: LocalStorage, request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
  if (request.method === 'OPTIONS') {
    return void response.writeHead(204, {
      ...crossOriginHeaders, 'access-control-allow-methods': 'GET, HEAD', 'access-control-allow-headers': 'Range', 'access-control-max-age': '86400',
    }).end();
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') return void response.writeHead(405, { allow: 'GET, HEAD, OPTIONS' }).end();
  let filePath: string;
  try {
    // The path as sent: a URL parser would resolve `..` before the key is checked.
    const key = decodeURIComponent(request.url!.split(/[?#]/)[0].slice(filesRoutePrefix.length));
    // A key without a file secret (a guess, a task id) is not found, whether or not it exists.
    if (!isSecretKey(key)) return void response.writeHead(404, crossOriginHeaders).end('Not found');
    filePath = storage.resolve(key);
  } catch {
    return void response.writeHead(400, crossOriginHeaders).end('Bad file path');
  }
  const stat = await fs.stat(filePath).catch(() => null);
  if (!stat?.isFile()) return void response.writeHead(404, crossOriginHeaders).end('Not found');

  const headers: http.OutgoingHttpHeaders = {
    ...crossOriginHeaders,
    'content-type': contentTypes[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream',
    'x-content-type-options': 'nosniff',
    'accept-ranges': 'bytes',
    // Not `public`: a shared cache would keep serving a file after deleteTask removed it.
    'cache-control': 'private, max-age=31536000, immutable',
  };
  const range = parseRange(request.headers.range, stat.size);
  if (range === 'unsatisfiable') return void response.writeHead(416, { ...crossOriginHeaders, 'content-range': `bytes */${stat.size}` }).end();
  const { start, end } = range ?? { start: 0, end: stat.size - 1 };
  headers['content-length'] = stat.size === 0 ? 0 : end - start + 1;
  if (range) headers['content-range'] = `bytes ${start}-${end}/${stat.size}`;
  response.writeHead(range ? 206 : 200, headers);
  if (request.method === 'HEAD' || stat.size === 0) return void response.end();
  createReadStream(filePath, { start, end }).on('error', () => response.destroy()).pipe(response);
}

function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  const match = header && /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  const start = match[1] === '' ? Math.max(0, size - Number(match[2])) : Number(match[1]);
  const end = match[1] === '' || match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  return start > end || start >= size ? 'unsatisfiable' : { start, end };
}
