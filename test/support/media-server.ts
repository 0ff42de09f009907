// A local HTTP server the tests fetch inputs from: static files plus a few misbehaving routes.
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface MediaServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startMediaServer(directory: string, routes: Record<string, http.RequestListener> = {}): Promise<MediaServer> {
  const server = http.createServer(async (request, response) => {
    const pathname = new URL(request.url!, 'http://localhost').pathname;
    const route = routes[pathname];
    if (route) return route(request, response);
    const file = path.join(directory, path.basename(decodeURIComponent(pathname)));
    const body = await fs.readFile(file).catch(() => null);
    if (!body) return void response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    response.writeHead(200, { 'content-length': body.length, 'content-type': 'application/octet-stream' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
