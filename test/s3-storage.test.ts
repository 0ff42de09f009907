// S3-compatible storage against a real S3 API (s3rver): the store alone (limits, multipart,
// deletes, local copies), then a server keeping its files in the bucket, served through its own
// /files/ route and, with FILES_PUBLIC_BASE_URL, straight from the bucket.
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { mediaToolEnvironment } from '../src/media/ffmpeg-binaries.js';
import { S3Storage, type S3StorageSettings } from '../src/storage/s3/s3-storage.js';
import { StorageLimitError } from '../src/storage/storage.js';
import { DeleteTaskDocument, TaskDocument, type CreateTaskInput } from './generated/graphql.js';
import { writeTestImage, writeTestVideo } from './support/fixtures.js';
import { startMediaServer, type MediaServer } from './support/media-server.js';
import { testMediaBinaries } from './support/media-tools.js';
import { startS3Server, type S3TestServer } from './support/s3-server.js';
import { runTaskToEnd } from './support/tasks.js';
import { parsePlaylist } from './support/text-formats.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const run = promisify(execFile);
const secret = () => randomBytes(32).toString('base64url');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

let s3: S3TestServer;
let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-s3-test-'));
  s3 = await startS3Server();
});

afterAll(async () => {
  await s3?.close();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('storage configuration', () => {
  it('reads STORAGE_URL and the S3 settings, and refuses what cannot work', () => {
    expect(loadConfig({ STORAGE_URL: 'file:' }).s3).toBeNull();
    expect(loadConfig({}).s3).toBeNull();
    expect(loadConfig({ STORAGE_URL: 's3://media-bucket/a/b/', S3_ENDPOINT: 'http://minio:9000', S3_FORCE_PATH_STYLE: '1', FILES_PUBLIC_BASE_URL: 'https://cdn.example/x/' }).s3).toEqual({
      bucket: 'media-bucket', prefix: 'a/b', endpoint: 'http://minio:9000', region: 'us-east-1', credentials: undefined,
      forcePathStyle: true, checksums: 'when_required', publicBaseUrl: 'https://cdn.example/x',
    });
    expect(() => loadConfig({ STORAGE_URL: 's3://b' })).toThrow(/STORAGE_URL: expected s3:\/\/bucket/);
    expect(() => loadConfig({ STORAGE_URL: 's3://media-bucket/../x' })).toThrow(/STORAGE_URL: the prefix/);
    expect(() => loadConfig({ STORAGE_URL: 's3://media-bucket', S3_ACCESS_KEY_ID: 'key' })).toThrow(/set both, or neither/);
    expect(() => loadConfig({ FILES_PUBLIC_BASE_URL: 'https://cdn.example' })).toThrow(/FILES_PUBLIC_BASE_URL/);
    expect(() => loadConfig({ STORAGE_URL: 's3://media-bucket', S3_CHECKSUMS: 'always' })).toThrow(/S3_CHECKSUMS/);
  });
});

describe('S3Storage', () => {
  let storage: S3Storage;
  const sent = new Map<string, number>();
  const count = (command: string) => sent.get(command) ?? 0;
  let downloads = 0;
  const copiesDir = () => path.join(dir, 'copies');
  const settings = (overrides: Partial<S3StorageSettings> = {}): S3StorageSettings => ({
    bucket: s3.bucket, prefix: 'unit', endpoint: s3.endpoint, region: 'us-east-1', credentials: s3.credentials,
    forcePathStyle: true, checksums: 'when_required', cache: { directory: copiesDir(), maxBytes: 3 * 1024 * 1024 }, ...overrides,
  });

  beforeAll(() => {
    storage = new S3Storage(settings(), () => 'http://api.example');
    storage.client.middlewareStack.add((next, context) => async (args) => {
      const command = context.commandName ?? '';
      if (command === 'GetObjectCommand') downloads += 1;
      sent.set(command, count(command) + 1);
      return next(args);
    }, { step: 'initialize' });
  });
  afterAll(() => storage?.close());

  it('refuses a stream over its limit, and keeps nothing of it', async () => {
    const key = `${secret()}/upload.bin`;
    const chunks = function* () {
      for (let index = 0; index < 3; index += 1) yield randomBytes(1024 * 1024);
    };
    await expect(storage.putStream(key, Readable.from(chunks()), 2 * 1024 * 1024)).rejects.toBeInstanceOf(StorageLimitError);
    expect(await storage.stat(key)).toBeNull();
    expect(await s3.keys(`unit/${key.split('/')[0]}`)).toEqual([]);

    // Under the limit the same stream is stored whole.
    expect(await storage.putStream(key, Readable.from(chunks()), 4 * 1024 * 1024)).toEqual({ size: 3 * 1024 * 1024 });
    expect(await storage.stat(key)).toEqual({ size: 3 * 1024 * 1024 });
  });

  it('stores a file of several parts (multipart), typed, and reads it back whole and in ranges', async () => {
    const bytes = randomBytes(12 * 1024 * 1024 + 123);
    const source = path.join(dir, 'large.mp4');
    await fs.writeFile(source, bytes);
    const key = `${secret()}/large.mp4`;
    const parts = count('UploadPartCommand');
    expect(await storage.putFile(key, source)).toEqual({ size: bytes.length });
    expect(count('UploadPartCommand') - parts).toBe(3);
    await expect(fs.access(source)).rejects.toThrow(); // moved, as into the local folder

    const head = await s3.client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: `unit/${key}` }));
    expect(head.ContentLength).toBe(bytes.length);
    expect(head.ContentType).toBe('video/mp4');

    const whole = Buffer.concat(await (await storage.read(key)).toArray());
    expect(sha256(whole)).toBe(sha256(bytes));
    const part = Buffer.concat(await (await storage.read(key, { start: 5 * 1024 * 1024 - 10, end: 5 * 1024 * 1024 + 9 })).toArray());
    expect(part.equals(bytes.subarray(5 * 1024 * 1024 - 10, 5 * 1024 * 1024 + 10))).toBe(true);

    // Larger than the cache: not kept, so the local copy is a download.
    const before = downloads;
    await storage.withLocalCopy(key, async (localPath) => {
      expect(sha256(await fs.readFile(localPath))).toBe(sha256(bytes));
      expect(path.basename(localPath)).toBe('large.mp4');
    });
    expect(downloads).toBe(before + 1);
  });

  // 1010 objects: two listing pages, two DeleteObjects batches (s3rver pages only because its
  // process runs with --openssl-legacy-provider, see s3rver-process.mjs).
  it('deletes every object under a prefix, over more than one listing page, and nothing else', async () => {
    const doomed = secret();
    const kept = `${secret()}/kept.txt`;
    await storage.putStream(kept, Readable.from([Buffer.from('kept')]), 100);
    const keys = Array.from({ length: 1010 }, (_, index) => `unit/${doomed}/segments/${index}.ts`);
    for (let start = 0; start < keys.length; start += 50) {
      await Promise.all(keys.slice(start, start + 50).map((Key) => s3.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key, Body: 'x' }))));
    }
    expect(await s3.keys(`unit/${doomed}/`)).toHaveLength(1010);
    await storage.deletePrefix(`${doomed}/`);
    expect(await s3.keys(`unit/${doomed}/`)).toEqual([]);
    expect(await storage.stat(kept)).toEqual({ size: 4 });
  }, 30_000);

  it('downloads a local copy once for readers at the same time and after, and removes unused ones past the cache size', async () => {
    const put = async (name: string, size: number) => {
      const key = `${secret()}/${name}`;
      await s3.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: `unit/${key}`, Body: randomBytes(size) }));
      return key;
    };
    const first = await put('first.mp4', 2 * 1024 * 1024);
    const second = await put('second.mp4', 2 * 1024 * 1024);
    const before = downloads;
    const paths = await Promise.all([1, 2, 3].map(() => storage.withLocalCopy(first, async (localPath) => {
      expect((await fs.stat(localPath)).size).toBe(2 * 1024 * 1024);
      return localPath;
    })));
    expect(new Set(paths).size).toBe(1);
    expect(downloads).toBe(before + 1);
    // Released, but kept: the next step reads it without a download.
    await storage.withLocalCopy(first, async (localPath) => expect(localPath).toBe(paths[0]));
    expect(downloads).toBe(before + 1);

    // In use, a copy stays even when the cache is over its size; the unused ones go, least recent first.
    let secondPath = '';
    await storage.withLocalCopy(first, async (firstPath) => {
      await storage.withLocalCopy(second, async (localPath) => {
        secondPath = localPath;
      });
      await expect(fs.access(secondPath)).rejects.toThrow(); // 4 MiB > 3 MiB, and only it was unused
      await expect(fs.access(firstPath)).resolves.toBeUndefined();
    });
    expect(downloads).toBe(before + 2);
    await storage.withLocalCopy(second, async () => {});
    expect(downloads).toBe(before + 3);
    await expect(fs.access(paths[0])).rejects.toThrow(); // then first was the least recently used

    // A file stored by this worker is kept as its copy: reading it back downloads nothing.
    const source = path.join(dir, 'output.jpg');
    await fs.writeFile(source, randomBytes(1000));
    const stored = `${secret()}/output.jpg`;
    await storage.putFile(stored, source);
    await storage.withLocalCopy(stored, async (localPath) => expect((await fs.stat(localPath)).size).toBe(1000));
    expect(downloads).toBe(before + 3);
  });

  it('links files through the server, or under FILES_PUBLIC_BASE_URL', async () => {
    expect(storage.url('abc/a b.m3u8')).toBe('http://api.example/files/abc/a%20b.m3u8');
    expect(storage.url('abc/x.jpg', 'http://other:1')).toBe('http://other:1/files/abc/x.jpg');
    const direct = new S3Storage(settings({ publicBaseUrl: 'https://cdn.example/media' }), () => 'http://api.example');
    expect(direct.url('abc/a b.m3u8', 'http://other:1')).toBe('https://cdn.example/media/abc/a%20b.m3u8');
    await direct.close();
  });
});

describe('a server keeping its files in S3', () => {
  let media: MediaServer;
  let mediaDir: string;
  let ffprobe: string;

  const s3Environment = (prefix: string, extra: Record<string, string> = {}) => ({
    STORAGE_URL: `s3://${s3.bucket}/${prefix}`, S3_ENDPOINT: s3.endpoint, S3_FORCE_PATH_STYLE: '1',
    S3_ACCESS_KEY_ID: s3.credentials.accessKeyId, S3_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey, ...extra,
  });

  async function runTask(server: TestServer, input: CreateTaskInput) {
    const { id } = await runTaskToEnd(server.client, input, { completeWithinMs: 60_000 });
    const { data } = await server.client.request(TaskDocument, { id });
    expect(data!.task!.error).toBeNull();
    expect(data!.task!.status).toBe('SUCCEEDED');
    return data!.task!;
  }

  /** The master playlist as ffprobe reads it over HTTP: one program per rendition. */
  async function probePrograms(masterUrl: string): Promise<Array<{ streams: Array<{ codec_type: string; height?: number }> }>> {
    const { stdout } = await run(ffprobe, ['-v', 'error', '-print_format', 'json', '-show_programs', masterUrl], { env: mediaToolEnvironment(ffprobe), maxBuffer: 16 * 1024 * 1024 });
    return JSON.parse(stdout).programs;
  }

  /** The file secret in a file URL (its first 43-character segment). */
  const secretOf = (url: string) => new URL(url).pathname.split('/').find((segment) => /^[\w-]{43}$/.test(segment))!;

  beforeAll(async () => {
    mediaDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-s3-media-'));
    await Promise.all([
      writeTestImage(path.join(mediaDir, 'picture.png'), 640, 480),
      writeTestVideo(path.join(mediaDir, 'clip.mp4'), { width: 640, height: 480, seconds: 3 }),
      writeTestVideo(path.join(mediaDir, 'small.mp4'), { width: 320, height: 240, seconds: 2 }),
    ]);
    ffprobe = (await testMediaBinaries()).ffprobe.path;
    media = await startMediaServer(mediaDir);
  });

  afterAll(async () => {
    await media?.close();
    await fs.rm(mediaDir, { recursive: true, force: true });
  });

  describe('served through /files/', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(s3Environment('served'));
    });
    afterAll(() => server?.stop());

    it('stores an image task\'s input and output in the bucket, serves them with Range, and deleteTask removes them', async () => {
      const task = await runTask(server, { kind: 'IMAGE', url: `${media.url}/picture.png`, options: { image: { width: 160, format: 'webp' } } });
      const url = task.outputs[0].url;
      expect(url.startsWith(`${server.url}/files/`)).toBe(true);
      const outputSecret = secretOf(url);
      expect(await s3.keys(`served/${outputSecret}/`)).toEqual([`served/${outputSecret}/${task.outputs[0].filename}`]);
      expect(await fs.readdir(server.storageDir, { recursive: true })).toEqual([]);

      const whole = await fetch(url);
      expect(whole.status).toBe(200);
      expect(whole.headers.get('content-type')).toBe('image/webp');
      expect(whole.headers.get('access-control-allow-origin')).toBe('*');
      const bytes = Buffer.from(await whole.arrayBuffer());
      expect(await sharp(bytes).metadata()).toMatchObject({ format: 'webp', width: 160 });
      const ranged = await fetch(url, { headers: { range: 'bytes=10-19' } });
      expect(ranged.status).toBe(206);
      expect(ranged.headers.get('content-range')).toBe(`bytes 10-19/${bytes.length}`);
      expect(Buffer.from(await ranged.arrayBuffer()).equals(bytes.subarray(10, 20))).toBe(true);
      const suffix = await fetch(url, { headers: { range: 'bytes=-5' } });
      expect(Buffer.from(await suffix.arrayBuffer()).equals(bytes.subarray(-5))).toBe(true);
      const head = await fetch(url, { method: 'HEAD' });
      expect([head.status, head.headers.get('content-length')]).toEqual([200, String(bytes.length)]);
      expect((await fetch(url, { headers: { range: `bytes=${bytes.length}-` } })).status).toBe(416);
      expect((await fetch(url.replace(/[^/]+$/, 'missing.webp'))).status).toBe(404);

      // Beside the output, only the fetched input.
      const inputKeys = (await s3.keys('served/')).filter((key) => !key.startsWith(`served/${outputSecret}/`));
      expect(inputKeys).toEqual([expect.stringMatching(/^served\/[\w-]{43}\/picture\.png$/)]);
      const inputSecret = inputKeys[0].split('/')[1];
      expect((await server.client.request(DeleteTaskDocument, { id: task.id })).errors).toBeUndefined();
      expect(await s3.keys(`served/${outputSecret}/`)).toEqual([]);
      expect(await s3.keys(`served/${inputSecret}/`)).toEqual([]);
      expect((await fetch(url)).status).toBe(404);
    });

    it('makes an HLS ladder whose master ffprobe reads over HTTP, renditions and all', async () => {
      const task = await runTask(server, { kind: 'ADAPTIVE_VIDEO', url: `${media.url}/clip.mp4` });
      const masterUrl = task.outputs[0].url;
      const master = parsePlaylist(await (await fetch(masterUrl)).text());
      expect(master.entries.map((entry) => entry.tags.RESOLUTION)).toEqual(['640x480', '480x360']);
      const programs = await probePrograms(masterUrl);
      expect(programs.map((program) => program.streams.find((stream) => stream.codec_type === 'video')?.height)).toEqual([480, 360]);
      expect(await fs.readdir(server.storageDir, { recursive: true })).toEqual([]);

      const outputSecret = secretOf(masterUrl);
      // Every file of the ladder (playlists, segments, poster) is an object, and an output.
      expect(await s3.keys(`served/${outputSecret}/`)).toHaveLength(task.outputs.length);
      await server.client.request(DeleteTaskDocument, { id: task.id });
      expect(await s3.keys(`served/${outputSecret}/`)).toEqual([]);
    }, 60_000);
  });

  describe('linked straight from the bucket (FILES_PUBLIC_BASE_URL)', () => {
    let server: TestServer;
    let publicBase: string;
    beforeAll(async () => {
      publicBase = `${s3.endpoint}/${s3.bucket}/direct`;
      server = await startTestServer(s3Environment('direct', { FILES_PUBLIC_BASE_URL: publicBase }));
    });
    afterAll(() => server?.stop());

    it('gives bucket URLs, which ffprobe plays the HLS master from, typed as HLS', async () => {
      const task = await runTask(server, { kind: 'ADAPTIVE_VIDEO', url: `${media.url}/small.mp4` });
      const masterUrl = task.outputs[0].url;
      expect(masterUrl).toBe(`${publicBase}/${secretOf(masterUrl)}/hls/master.m3u8`);
      const response = await fetch(masterUrl); // anonymous: s3rver checks no permissions
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
      const programs = await probePrograms(masterUrl);
      expect(programs).toHaveLength(1);
      expect(programs[0].streams.map((stream) => stream.codec_type).sort()).toEqual(['audio', 'video']);
      const { Body } = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: `direct/${secretOf(masterUrl)}/hls/master.m3u8` }));
      expect(await Body!.transformToString()).toContain('#EXT-X-STREAM-INF');
    }, 60_000);
  });
});
