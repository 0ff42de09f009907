// Uploads as a client on a slow or huge connection sends them: a multipart body streamed from a
// generator (never held in memory), over plain http, stopping as soon as the server answers.
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';

export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  json: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } | null;
  /** Body bytes written before the answer came. */
  written: number;
  /** Whether the server asked for the body (`100 Continue`). */
  continued: boolean;
}

/**
 * POSTs headers and then the body chunks; `body: 'hold'` sends the headers only and waits for the
 * server's answer (which must come from the headers alone).
 */
export function sendRaw(url: string, headers: Record<string, string>, body: AsyncIterable<Buffer> | 'hold'): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', headers });
    let written = 0;
    let answered = false;
    let continued = false;
    let wakeWriter: () => void = () => {};
    request.on('continue', () => { continued = true; });
    request.on('response', (response) => {
      answered = true;
      wakeWriter();
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        let json: RawAnswer['json'] = null;
        try {
          json = JSON.parse(text) as RawAnswer['json'];
        } catch { /* not JSON */ }
        resolve({ status: response.statusCode ?? 0, headers: response.headers, json, written, continued });
        request.destroy();
      });
    });
    request.on('error', (error) => {
      if (!answered) reject(error);
    });
    if (body === 'hold') return void request.flushHeaders();
    void (async () => {
      for await (const chunk of body) {
        if (answered) break;
        written += chunk.length;
        if (!request.write(chunk)) {
          await new Promise<void>((wake) => {
            wakeWriter = wake;
            request.once('drain', wake);
          });
        }
      }
      if (!answered) request.end();
    })().catch(reject);
  });
}

export const boundary = 'mt-test-boundary-7d2c1f';

/** The parts of a GraphQL multipart request around one file: send head, the file's bytes, tail. */
export function multipartFrame(operations: unknown, filename: string, mimeType = 'application/octet-stream') {
  const field = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const head = Buffer.from(field('operations', JSON.stringify(operations)) + field('map', JSON.stringify({ 0: ['variables.input.file'] }))
    + `--${boundary}\r\nContent-Disposition: form-data; name="0"; filename="${filename}"\r\nContent-Type: ${mimeType}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { head, tail, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** `size` bytes of varied content, a MiB at a time, with the sha256 of all of them once drained. */
export function generatedBytes(size: number): { chunks: AsyncIterable<Buffer>; sha256: () => string } {
  const hash = createHash('sha256');
  const block = randomBytes(1024 * 1024);
  async function* chunks() {
    for (let offset = 0, index = 0; offset < size; offset += block.length, index++) {
      const chunk = Buffer.from(block.subarray(0, Math.min(block.length, size - offset)));
      chunk.writeUInt32BE(index, 0);
      hash.update(chunk);
      yield chunk;
    }
  }
  return { chunks: chunks(), sha256: () => hash.digest('hex') };
}

/** head, then the chunks, then tail. */
export async function* framed(head: Buffer, chunks: AsyncIterable<Buffer>, tail: Buffer): AsyncIterable<Buffer> {
  yield head;
  yield* chunks;
  yield tail;
}

/** Chunks without end (a client streaming more than any limit). */
export async function* endlessBytes(): AsyncIterable<Buffer> {
  const block = Buffer.alloc(256 * 1024, 7);
  for (;;) yield block;
}

/** The peak resident memory of a process so far (VmHWM), in bytes (Linux). */
export async function peakRss(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kilobytes = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]);
  return kilobytes * 1024;
}
