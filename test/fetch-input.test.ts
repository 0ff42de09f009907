import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { classifyAddress, createAddressPolicy } from '../src/input/address-policy.js';
import { fetchInput, type FetchInputOptions } from '../src/input/fetch-input.js';

// Every server here listens on loopback, and every refusal asserted happens before connecting:
// no test sends traffic outside 127.0.0.0/8.

interface TestServer {
  origin: string;
  port: number;
  /** Requests that reached the server: a refused fetch must leave this at 0. */
  requests: number;
  close(): Promise<void>;
}

const servers: TestServer[] = [];

async function startServer(handler: RequestListener, host = '127.0.0.1'): Promise<TestServer> {
  const server: Server = createServer((request, response) => {
    testServer.requests++;
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  const testServer: TestServer = {
    origin: `http://${host}:${port}`,
    port,
    requests: 0,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  servers.push(testServer);
  return testServer;
}

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'fetch-input-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

let fileCount = 0;
function destination(): string {
  return join(directory, `download-${++fileCount}`, 'input');
}

function options(overrides: Partial<FetchInputOptions> = {}): FetchInputOptions {
  return { allowList: ['127.0.0.1'], maxBytes: 1024 * 1024, connectTimeoutMs: 2000, totalTimeoutMs: 5000, ...overrides };
}

const body = Buffer.from('not really a video, but bytes all the same');

describe('fetchInput downloads', () => {
  it('saves the body and reports size, content type and the file name from the URL path', async () => {
    const server = await startServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'video/mp4', 'content-length': body.length });
      response.end(body);
    });
    const path = destination();

    const result = await fetchInput(`${server.origin}/media/clip%20one.mp4?token=x`, path, options());

    expect(result).toEqual({
      path,
      size: body.length,
      contentType: 'video/mp4',
      filename: 'clip one.mp4',
      finalUrl: `${server.origin}/media/clip%20one.mp4?token=x`,
    });
    expect(await readFile(path)).toEqual(body);
  });

  it('takes the file name from Content-Disposition, stripped of directories and leading dots', async () => {
    const dispositions = ['attachment; filename="../../.hidden/../.evil.wav"', "attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.wav; filename=fallback.wav"];
    const server = await startServer((request, response) => {
      response.writeHead(200, { 'content-disposition': dispositions[Number(request.url!.slice(1))] });
      response.end(body);
    });

    const plain = await fetchInput(`${server.origin}/0`, destination(), options());
    const extended = await fetchInput(`${server.origin}/1`, destination(), options());

    expect(plain.filename).toBe('evil.wav');
    expect(extended.filename).toBe('résumé.wav');
    expect(extended.contentType).toBeNull();
  });

  it('falls back to "input" when neither header nor path names the file', async () => {
    const server = await startServer((_request, response) => response.end(body));
    const result = await fetchInput(`${server.origin}/`, destination(), options());
    expect(result.filename).toBe('input');
  });

  it('follows redirects and reports the final URL', async () => {
    const server = await startServer((request, response) => {
      if (request.url === '/start') response.writeHead(302, { location: '/middle' }).end();
      else if (request.url === '/middle') response.writeHead(301, { location: `${server.origin}/final.png` }).end();
      else response.end(body);
    });

    const result = await fetchInput(`${server.origin}/start`, destination(), options());

    expect(result.finalUrl).toBe(`${server.origin}/final.png`);
    expect(result.filename).toBe('final.png');
  });
});

describe('fetchInput reports unreachable inputs', () => {
  it('fails with the HTTP status', async () => {
    const server = await startServer((_request, response) => response.writeHead(404).end('nope'));
    const path = destination();
    await expect(fetchInput(`${server.origin}/missing.mp4`, path, options())).rejects.toMatchObject({
      code: 'INPUT_UNREACHABLE',
      message: `HTTP 404 Not Found from ${server.origin}/missing.mp4`,
    });
    expect(existsSync(path)).toBe(false);
  });

  it('fails when the connection is refused', async () => {
    const server = await startServer(() => {});
    await server.close();
    await expect(fetchInput(`${server.origin}/x`, destination(), options())).rejects.toMatchObject({
      code: 'INPUT_UNREACHABLE',
      message: expect.stringContaining(`Connection to 127.0.0.1:${server.port} was refused`),
    });
  });

  it('fails when the host does not resolve', async () => {
    await expect(fetchInput('http://no-such-host.invalid/x', destination(), options())).rejects.toMatchObject({
      code: 'INPUT_UNREACHABLE',
      message: expect.stringContaining('Host no-such-host.invalid could not be resolved'),
    });
  });

  it('fails after too many redirects', async () => {
    const server = await startServer((_request, response) => response.writeHead(302, { location: '/again' }).end());
    await expect(fetchInput(`${server.origin}/`, destination(), options({ maxRedirects: 2 }))).rejects.toMatchObject({
      code: 'INPUT_UNREACHABLE',
      message: `Too many redirects (more than 2) fetching ${server.origin}/`,
    });
    expect(server.requests).toBe(3);
  });
});

describe('fetchInput refuses forbidden addresses before connecting', () => {
  it('refuses a loopback address unless allow-listed', async () => {
    const server = await startServer((_request, response) => response.end(body));
    await expect(fetchInput(`${server.origin}/a`, destination(), options({ allowList: [] }))).rejects.toMatchObject({
      code: 'INPUT_FORBIDDEN',
      message: 'Address 127.0.0.1 is in the loopback range and is not allowed; add it to FETCH_ALLOW_HOSTS to permit it',
    });
    expect(server.requests).toBe(0);

    const allowed = await fetchInput(`${server.origin}/a`, destination(), options({ allowList: ['127.0.0.1'] }));
    expect(allowed.size).toBe(body.length);
  });

  it('checks the addresses a host name resolves to', async () => {
    const server = await startServer((_request, response) => response.end(body));
    const url = `http://localhost:${server.port}/a`;

    await expect(fetchInput(url, destination(), options({ allowList: [] }))).rejects.toMatchObject({
      code: 'INPUT_FORBIDDEN',
      message: expect.stringMatching(/^Address (127\.0\.0\.1|::1) of host localhost is in the loopback range/),
    });
    expect(server.requests).toBe(0);

    // localhost may also resolve to ::1, which stays refused: only 127.0.0.1 is used.
    const byAddress = await fetchInput(url, destination(), options({ allowList: ['127.0.0.0/8'] }));
    const byName = await fetchInput(url, destination(), options({ allowList: ['localhost'] }));
    expect([byAddress.size, byName.size]).toEqual([body.length, body.length]);
  });

  it('refuses metadata host names without looking them up', async () => {
    await expect(fetchInput('http://metadata.google.internal/computeMetadata/v1/', destination(), options())).rejects.toMatchObject({
      code: 'INPUT_FORBIDDEN',
      message: expect.stringContaining('Host metadata.google.internal is a cloud metadata service'),
    });
  });

  it('re-checks every redirect hop', async () => {
    const other = await startServer((_request, response) => response.end('secret'), '127.0.0.2');
    const targets: Record<string, string> = {
      '/metadata': 'http://169.254.169.254/latest/meta-data/',
      '/other-loopback': `${other.origin}/secret`,
      '/ipv6-loopback': `http://[::1]:${other.port}/secret`,
      '/mapped': `http://[::ffff:127.0.0.2]:${other.port}/secret`,
      '/file': 'file:///etc/passwd',
    };
    const server = await startServer((request, response) => response.writeHead(302, { location: targets[request.url!] }).end());
    const fetchVia = (path: string) => fetchInput(`${server.origin}${path}`, destination(), options());

    await expect(fetchVia('/metadata')).rejects.toMatchObject({
      code: 'INPUT_FORBIDDEN',
      message: expect.stringContaining('Address 169.254.169.254 is in the cloud metadata range'),
    });
    await expect(fetchVia('/other-loopback')).rejects.toMatchObject({
      code: 'INPUT_FORBIDDEN',
      message: expect.stringContaining('Address 127.0.0.2 is in the loopback range'),
    });
    await expect(fetchVia('/ipv6-loopback')).rejects.toMatchObject({ code: 'INPUT_FORBIDDEN' });
    await expect(fetchVia('/mapped')).rejects.toMatchObject({ code: 'INPUT_FORBIDDEN' });
    await expect(fetchVia('/file')).rejects.toMatchObject({
      code: 'INPUT_FORBIDDEN',
      message: 'Only http and https URLs can be fetched, not file: (file:///etc/passwd)',
    });
    expect(other.requests).toBe(0);
  });

  it('refuses schemes other than http and https', async () => {
    for (const url of ['file:///etc/passwd', 'ftp://127.0.0.1/input.mp4', 'data:text/plain,hello']) {
      await expect(fetchInput(url, destination(), options())).rejects.toMatchObject({ code: 'INPUT_FORBIDDEN' });
    }
  });
});

describe('fetchInput limits', () => {
  it('refuses a body whose Content-Length is over the limit without saving anything', async () => {
    const server = await startServer((_request, response) => {
      response.writeHead(200, { 'content-length': 3 * 1024 * 1024 });
      response.write(Buffer.alloc(1024));
    });
    const path = destination();
    await expect(fetchInput(`${server.origin}/big.mp4`, path, options({ maxBytes: 1024 * 1024 }))).rejects.toMatchObject({
      code: 'INPUT_TOO_LARGE',
      message: `${server.origin}/big.mp4 is 3 MB, more than the 1 MB download limit`,
    });
    expect(existsSync(path)).toBe(false);
  });

  it('stops a chunked body once it grows past the limit and deletes the partial file', async () => {
    const server = await startServer((_request, response) => {
      const chunk = Buffer.alloc(64 * 1024);
      for (let i = 0; i < 40; i++) response.write(chunk);
      response.end();
    });
    const path = destination();
    await expect(fetchInput(`${server.origin}/stream`, path, options({ maxBytes: 1024 * 1024 }))).rejects.toMatchObject({
      code: 'INPUT_TOO_LARGE',
      message: expect.stringContaining('grew past the 1 MB download limit'),
    });
    expect(existsSync(path)).toBe(false);
  });

  it('times out when the response headers do not come in time', async () => {
    const server = await startServer(() => {});
    await expect(fetchInput(`${server.origin}/slow`, destination(), options({ connectTimeoutMs: 200 }))).rejects.toMatchObject({
      code: 'TIMEOUT',
      message: `No response from ${server.origin.slice(7)} within 0.2 s (${server.origin}/slow)`,
    });
  });

  it('times out when the whole download takes too long and deletes the partial file', async () => {
    const server = await startServer((_request, response) => trickle(response));
    const path = destination();
    await expect(fetchInput(`${server.origin}/slow`, path, options({ totalTimeoutMs: 300 }))).rejects.toMatchObject({
      code: 'TIMEOUT',
      message: `Fetching ${server.origin}/slow took longer than 0.3 s`,
    });
    expect(existsSync(path)).toBe(false);
  });

  it('stops when aborted, rethrows the reason and deletes the partial file', async () => {
    let started: () => void;
    const bodyStarted = new Promise<void>((resolve) => (started = resolve));
    const server = await startServer((_request, response) => {
      trickle(response);
      started();
    });
    const controller = new AbortController();
    const path = destination();
    const reason = new Error('task cancelled');

    const download = fetchInput(`${server.origin}/slow`, path, options({ signal: controller.signal }));
    await bodyStarted;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(existsSync(path)).toBe(true);
    controller.abort(reason);

    await expect(download).rejects.toBe(reason);
    expect(existsSync(path)).toBe(false);
  });

  it('rejects with an AbortError when aborted without a reason', async () => {
    const server = await startServer(() => {});
    const controller = new AbortController();
    const download = fetchInput(`${server.origin}/slow`, destination(), options({ signal: controller.signal }));
    setTimeout(() => controller.abort(), 50);
    await expect(download).rejects.toMatchObject({ name: 'AbortError' });
  });
});

/** Sends a byte every 20 ms until the client goes away. */
function trickle(response: Parameters<RequestListener>[1]): void {
  response.writeHead(200, { 'content-type': 'application/octet-stream' });
  const interval = setInterval(() => response.write('x'), 20);
  response.on('close', () => clearInterval(interval));
}

describe('address policy', () => {
  it('classifies IPv4 addresses', () => {
    expect(classifyAddress('127.0.0.1')).toBe('loopback');
    expect(classifyAddress('127.255.0.9')).toBe('loopback');
    expect(classifyAddress('10.1.2.3')).toBe('private');
    expect(classifyAddress('172.16.0.1')).toBe('private');
    expect(classifyAddress('172.31.255.255')).toBe('private');
    expect(classifyAddress('192.168.1.1')).toBe('private');
    expect(classifyAddress('169.254.1.1')).toBe('link-local');
    expect(classifyAddress('169.254.169.254')).toBe('cloud metadata');
    expect(classifyAddress('0.0.0.0')).toBe('unspecified');
    expect(classifyAddress('100.64.0.1')).toBe('carrier-grade NAT');
    expect(classifyAddress('224.0.0.1')).toBe('multicast');
    expect(classifyAddress('255.255.255.255')).toBe('broadcast');
    expect(classifyAddress('240.0.0.1')).toBe('reserved');
    expect(classifyAddress('8.8.8.8')).toBeNull();
    expect(classifyAddress('172.32.0.1')).toBeNull();
    expect(classifyAddress('100.128.0.1')).toBeNull();
  });

  it('classifies IPv6 addresses, including IPv4-mapped and NAT64 ones', () => {
    expect(classifyAddress('::1')).toBe('loopback');
    expect(classifyAddress('::')).toBe('unspecified');
    expect(classifyAddress('fe80::1')).toBe('link-local');
    expect(classifyAddress('fd12:3456::1')).toBe('private');
    expect(classifyAddress('ff02::1')).toBe('multicast');
    expect(classifyAddress('::ffff:127.0.0.1')).toBe('loopback');
    expect(classifyAddress('::ffff:7f00:1')).toBe('loopback');
    expect(classifyAddress('::ffff:10.0.0.1')).toBe('private');
    expect(classifyAddress('64:ff9b::a9fe:a9fe')).toBe('cloud metadata');
    expect(classifyAddress('2606:4700:4700::1111')).toBeNull();
    expect(classifyAddress('::ffff:8.8.8.8')).toBeNull();
    expect(classifyAddress('64:ff9b::808:808')).toBeNull();
  });

  it('permits allow-listed addresses, CIDR ranges and host names', () => {
    const policy = createAddressPolicy(['127.0.0.0/8', 'fd00::/8', '192.168.1.10', 'MinIO.', '[::1]']);
    expect(policy.refuseAddress('a', '127.9.9.9')).toBeNull();
    expect(policy.refuseAddress('a', '::ffff:127.0.0.1')).toBeNull();
    expect(policy.refuseAddress('a', 'fd00::5')).toBeNull();
    expect(policy.refuseAddress('a', '::1')).toBeNull();
    expect(policy.refuseAddress('a', '192.168.1.10')).toBeNull();
    expect(policy.refuseAddress('minio', '172.18.0.4')).toBeNull();
    expect(policy.refuseAddress('a', '192.168.1.11')).toBe(
      'Address 192.168.1.11 of host a is in the private range and is not allowed; add it to FETCH_ALLOW_HOSTS to permit it',
    );
    expect(policy.refuseAddress('a', 'fc00::1')).toContain('private range');
  });

  it('refuses metadata host names unless allow-listed', () => {
    expect(createAddressPolicy([]).refuseHost('metadata.google.internal.')).toContain('cloud metadata service');
    expect(createAddressPolicy([]).refuseHost('example.com')).toBeNull();
    expect(createAddressPolicy(['metadata.google.internal']).refuseHost('metadata.google.internal')).toBeNull();
  });

  it('rejects an allow-list entry that is not a valid range', () => {
    expect(() => createAddressPolicy(['10.0.0.0/33'])).toThrow('"10.0.0.0/33" is not an IP address range');
    expect(() => createAddressPolicy(['example.com/8'])).toThrow('is not an IP address range');
  });
});
