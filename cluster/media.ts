// The inputs, made on the spot (as the tests make theirs) plus the committed speech fixture, served
// from the root namespace on the bridge address: every worker fetches them over the bridge.
import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { writeTestImage, writeTestVideo } from '../test/support/fixtures.js';

export async function prepareMedia(directory: string): Promise<void> {
  await fs.mkdir(directory, { recursive: true });
  await Promise.all([
    writeTestImage(path.join(directory, 'photo.png'), 1600, 1200),
    // Long enough that a transcode is surely running when a host is killed.
    writeTestVideo(path.join(directory, 'clip.mp4'), { width: 1280, height: 720, seconds: 40 }),
    fs.copyFile(path.join(import.meta.dirname, '../test/fixtures/spoken-title.mp4'), path.join(directory, 'spoken-title.mp4')),
  ]);
}

export async function serveMedia(directory: string, address: string, port: number): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(async (request, response) => {
    const file = path.join(directory, path.basename(decodeURIComponent(new URL(request.url!, 'http://x').pathname)));
    const body = await fs.readFile(file).catch(() => null);
    if (!body) return void response.writeHead(404).end('not found');
    response.writeHead(200, { 'content-length': body.length, 'content-type': 'application/octet-stream' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(port, address, resolve));
  return {
    url: `http://${address}:${port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
