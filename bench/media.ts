// The benchmark input: a 64x64 gradient PNG made with sharp, served by a local HTTP server.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';

export async function makePng(width: number, height: number): Promise<Buffer> {
  const channels = 3;
  const pixels = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const offset = (y * width + x) * channels;
      pixels[offset] = Math.round((255 * x) / (width - 1));
      pixels[offset + 1] = Math.round((255 * y) / (height - 1));
      pixels[offset + 2] = 128;
    }
  }
  return sharp(pixels, { raw: { width, height, channels } }).png().toBuffer();
}

export interface InputServer {
  /** Base URL; any path returns the file. */
  url: string;
  close(): Promise<void>;
}

/** Serves `body` at every path, or with `files`, each file at /<its name> (404 otherwise). */
export async function startInputServer(body: Buffer, contentType = 'image/png', files?: Map<string, Buffer>): Promise<InputServer> {
  const server = http.createServer((request, response) => {
    const content = files ? files.get(decodeURIComponent((request.url ?? '/').slice(1).split('?')[0]!)) : body;
    if (!content) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': contentType, 'content-length': content.length }).end(content);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
