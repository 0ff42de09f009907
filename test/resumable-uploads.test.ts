// Resumable uploads with tus: the real tus-js-client against the server, through a proxy that
// drops the connection halfway; owner scoping, limits, termination and expiry.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import * as tus from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompleteUploadDocument, CreateTaskDocument, CreateUploadDocument, TaskDocument, TaskUpdatedDocument, UploadDocument } from './generated/graphql.js';
import { startTcpProxy } from './support/tcp-proxy.js';
import { multipartFrame, sendRaw } from './support/raw-upload.js';
import { startS3Server, type S3TestServer } from './support/s3-server.js';
import { GraphQLTestClient } from './support/graphql-client.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const keys = { alice: 'alice-tus-key-0123456789', bob: 'bob-tus-key-0123456789' };
const maxUploadBytes = 20 * 1024 * 1024;

let server: TestServer;
let alice: GraphQLTestClient;
let bob: GraphQLTestClient;
let photo: Buffer;

beforeAll(async () => {
  server = await startTestServer({ API_KEYS: `alice:${keys.alice},bob:${keys.bob}`, MAX_UPLOAD_BYTES: String(maxUploadBytes) });
  alice = new GraphQLTestClient(server.url, { apiKey: keys.alice });
  bob = new GraphQLTestClient(server.url, { apiKey: keys.bob });
  // Noise does not compress: a real PNG of about 6.9 MB, so that half of it is well inside a PATCH.
  photo = await sharp(randomBytes(1400 * 1640 * 3), { raw: { width: 1400, height: 1640, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer();
}, 60_000);

afterAll(async () => {
  await alice?.close();
  await bob?.close();
  await server?.stop();
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const uploadsDir = () => path.join(server.storageDir, '.uploads');

async function announce(client: GraphQLTestClient, size: number, filename = 'photo.png') {
  const created = await client.request(CreateUploadDocument, { input: { filename, size, mimeType: 'image/png' } });
  expect(created.errors).toBeUndefined();
  const upload = created.data!.createUpload;
  expect(upload.direct).toBe(false);
  return { ...upload, url: upload.url! };
}

/** Sends bytes with tus-js-client to an upload URL; resolves with the offsets its HEAD requests answered. */
function sendWithTus(uploadUrl: string, bytes: Buffer, key: string): Promise<number[]> {
  const resumedFrom: number[] = [];
  return new Promise((resolve, reject) => {
    const upload = new tus.Upload(bytes, {
      uploadUrl,
      headers: { authorization: `Bearer ${key}` },
      retryDelays: [0, 100, 300, 1000],
      onAfterResponse: (request, response) => {
        if (request.getMethod() === 'HEAD') resumedFrom.push(Number(response.getHeader('Upload-Offset')));
      },
      onError: reject,
      onSuccess: () => resolve(resumedFrom),
    });
    upload.start();
  });
}

const tusRequest = (url: string, method: string, key: string, headers: Record<string, string> = {}, body?: Buffer) =>
  fetch(url, { method, headers: { 'tus-resumable': '1.0.0', authorization: `Bearer ${key}`, ...headers }, body: body && new Uint8Array(body) });

describe('tus uploads', () => {
  it('resumes an upload cut at 50 % from its offset, and the task succeeds on byte-identical input', async () => {
    const upload = await announce(alice, photo.length, 'noise photo.png');
    expect(upload).toMatchObject({ size: photo.length, offset: 0, completedAt: null, taskId: null });
    const target = new URL(upload.url);
    // The request line and headers come before the body: cut where half of the body has gone.
    const proxy = await startTcpProxy(target, { cutAfterBytes: Math.round(photo.length / 2) });
    try {
      const offsets = await sendWithTus(upload.url.replace(target.origin, proxy.url), photo, keys.alice);
      expect(proxy.cut()).toBe(true);
      // Resumed, not restarted: one HEAD after the cut, from an offset past the first third.
      expect(offsets.length).toBeGreaterThanOrEqual(2);
      const resumedAt = offsets.at(-1)!;
      expect(resumedAt).toBeGreaterThan(photo.length / 3);
      expect(resumedAt).toBeLessThan(photo.length);
      expect(proxy.sent()).toBeLessThan(photo.length * 1.6);
    } finally {
      await proxy.close();
    }
    const after = await alice.request(UploadDocument, { id: upload.id });
    expect(after.data!.upload).toMatchObject({ offset: photo.length, taskId: null });
    expect(after.data!.upload!.completedAt).not.toBeNull();

    const created = await alice.request(CreateTaskDocument, { input: { kind: 'IMAGE', uploadId: upload.id, options: { image: { width: 64, format: 'webp' } } } });
    expect(created.errors).toBeUndefined();
    const taskId = created.data!.createTask.id;
    await alice.subscribe(TaskUpdatedDocument, { id: taskId }).done;
    const { data } = await alice.request(TaskDocument, { id: taskId });
    expect(data!.task).toMatchObject({ status: 'SUCCEEDED', input: { filename: 'noise photo.png', width: 1400, height: 1640 } });
    // The input the task read is the file that was sent, byte for byte; the upload's copy is gone.
    const stored = (await fs.readdir(server.storageDir, { recursive: true })).filter((name) => name.endsWith('noise photo.png'));
    expect(stored).toHaveLength(1);
    expect(sha256(await fs.readFile(path.join(server.storageDir, stored[0])))).toBe(sha256(photo));
    expect((await fs.readdir(uploadsDir())).filter((name) => name.startsWith(upload.id))).toEqual([]);
    expect((await alice.request(UploadDocument, { id: upload.id })).data!.upload).toMatchObject({ taskId });
    // One upload, one task.
    const again = await alice.request(CreateTaskDocument, { input: { kind: 'IMAGE', uploadId: upload.id } });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'uploadId' });
  }, 60_000);

  it('keeps an upload to its owner: another key cannot resume, read, terminate or use it', async () => {
    const upload = await announce(alice, 1000);
    const part = randomBytes(400);
    expect((await tusRequest(upload.url, 'PATCH', keys.alice, { 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' }, part)).status).toBe(204);

    expect((await tusRequest(upload.url, 'HEAD', keys.bob)).status).toBe(404);
    expect((await tusRequest(upload.url, 'PATCH', keys.bob, { 'upload-offset': '400', 'content-type': 'application/offset+octet-stream' }, randomBytes(600))).status).toBe(404);
    expect((await tusRequest(upload.url, 'DELETE', keys.bob)).status).toBe(404);
    expect((await tusRequest(upload.url, 'HEAD', 'no-such-key-0123456789')).status).toBe(401);
    expect((await bob.request(UploadDocument, { id: upload.id })).data!.upload).toBeNull();
    const used = await bob.request(CreateTaskDocument, { input: { kind: 'IMAGE', uploadId: upload.id } });
    expect(used.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'uploadId' });

    // The owner still has it, untouched by the refused requests.
    const head = await tusRequest(upload.url, 'HEAD', keys.alice);
    expect(head.status).toBe(200);
    expect(head.headers.get('upload-offset')).toBe('400');
    // Not complete: no task yet, and the error says where to resume.
    const early = await alice.request(CreateTaskDocument, { input: { kind: 'IMAGE', uploadId: upload.id } });
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'uploadId' });
    expect(early.errors?.[0].message).toMatch(/400 of 1000 bytes/);
  });

  it('refuses an upload over the limit when it is announced, and a tus request without Tus-Resumable', async () => {
    const announced = await alice.request(CreateUploadDocument, { input: { filename: 'huge.mov', size: maxUploadBytes + 1 } });
    expect(announced.errors?.[0].extensions).toMatchObject({ code: 'INPUT_TOO_LARGE', field: 'size' });
    const endpoint = `${server.url}/uploads`;
    const tooLong = await tusRequest(endpoint, 'POST', keys.alice, { 'upload-length': String(maxUploadBytes + 1) });
    expect(tooLong.status).toBe(413);
    const bare = await fetch(endpoint, { method: 'POST', headers: { authorization: `Bearer ${keys.alice}`, 'upload-length': '10' } });
    expect(bare.status).toBe(412);
    // Uploads of unknown length are neither offered nor taken.
    const options = await fetch(endpoint, { method: 'OPTIONS' });
    expect(options.headers.get('tus-extension')).toMatch(/creation/);
    expect(options.headers.get('tus-extension')).not.toMatch(/creation-defer-length/);
    const unknownLength = await tusRequest(endpoint, 'POST', keys.alice, { 'upload-defer-length': '1' });
    expect(unknownLength.status).toBe(501);
  });

  it('creates an upload with a tus creation request too, and removes it, bytes and all, when terminated', async () => {
    const metadata = `filename ${Buffer.from('clip.mp4').toString('base64')},filetype ${Buffer.from('video/mp4').toString('base64')}`;
    const created = await tusRequest(`${server.url}/uploads`, 'POST', keys.alice, { 'upload-length': '2000', 'upload-metadata': metadata });
    expect(created.status).toBe(201);
    const url = new URL(created.headers.get('location')!, `${server.url}/uploads`).href;
    const id = url.split('/').at(-1)!;
    expect((await alice.request(UploadDocument, { id })).data!.upload).toMatchObject({ size: 2000, offset: 0 });
    expect((await tusRequest(url, 'PATCH', keys.alice, { 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' }, randomBytes(1000))).status).toBe(204);
    expect((await fs.readdir(uploadsDir())).filter((name) => name.startsWith(id))).not.toEqual([]);

    expect((await tusRequest(url, 'DELETE', keys.alice)).status).toBe(204);
    expect((await tusRequest(url, 'HEAD', keys.alice)).status).toBe(404);
    await expect.poll(async () => (await alice.request(UploadDocument, { id })).data!.upload).toBeNull();
    expect((await fs.readdir(uploadsDir())).filter((name) => name.startsWith(id))).toEqual([]);
  });
});

describe('abandoned uploads', () => {
  let shortLived: TestServer;

  beforeAll(async () => {
    // Uploads expire 2 s after their creation here (the sweep runs every second).
    shortLived = await startTestServer({ UPLOAD_EXPIRY_HOURS: String(2 / 3600) });
  });

  afterAll(async () => {
    await shortLived?.stop();
  });

  it('removes an upload no task took once it expires, row and bytes', async () => {
    const upload = await announce(shortLived.client, 1000);
    const part = await tusRequest(upload.url, 'PATCH', '', { 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' }, randomBytes(500));
    expect(part.status).toBe(204);
    const folder = path.join(shortLived.storageDir, '.uploads');
    expect((await fs.readdir(folder)).filter((name) => name.startsWith(upload.id))).not.toEqual([]);
    await expect.poll(async () => (await fs.readdir(folder)).filter((name) => name.startsWith(upload.id)), { timeout: 30_000, interval: 200 }).toEqual([]);
    expect((await shortLived.client.request(UploadDocument, { id: upload.id })).data!.upload).toBeNull();
    expect((await tusRequest(upload.url, 'HEAD', '')).status).toBe(404);
  }, 40_000);
});

/** An IMAGE task on an upload, followed to its end: the task as read afterwards. */
async function imageTaskOn(client: GraphQLTestClient, uploadId: string, width: number) {
  const created = await client.request(CreateTaskDocument, { input: { kind: 'IMAGE', uploadId, options: { image: { width, format: 'png' } } } });
  expect(created.errors).toBeUndefined();
  const taskId = created.data!.createTask.id;
  await client.subscribe(TaskUpdatedDocument, { id: taskId }).done;
  return (await client.request(TaskDocument, { id: taskId })).data!.task;
}

/** The sha256 of each object in the bucket whose key ends with `suffix`. */
async function bucketHashes(s3: S3TestServer, suffix: string): Promise<string[]> {
  const keys = (await s3.keys('media/')).filter((key) => key.endsWith(suffix));
  return Promise.all(keys.map(async (key) => {
    const object = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
    return sha256(Buffer.from(await object.Body!.transformToByteArray()));
  }));
}

describe('with S3 storage', () => {
  let s3: S3TestServer;
  let onS3: TestServer;

  beforeAll(async () => {
    s3 = await startS3Server();
    onS3 = await startTestServer({
      STORAGE_URL: `s3://${s3.bucket}/media`, S3_ENDPOINT: s3.endpoint, S3_FORCE_PATH_STYLE: '1',
      S3_ACCESS_KEY_ID: s3.credentials.accessKeyId, S3_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
    });
  }, 60_000);

  let s3Stopped = false;

  afterAll(async () => {
    await onS3?.stop();
    if (!s3Stopped) await s3?.close();
  });

  it('takes a large upload in several PATCHes, moves it into the bucket and processes it', async () => {
    const upload = await announce(onS3.client, photo.length, 'to-the-bucket.png');
    await new Promise<void>((resolve, reject) => {
      new tus.Upload(photo, { uploadUrl: upload.url, chunkSize: 2 * 1024 * 1024, retryDelays: [0, 200], onError: reject, onSuccess: () => resolve() }).start();
    });
    expect(await imageTaskOn(onS3.client, upload.id, 48)).toMatchObject({ status: 'SUCCEEDED', input: { filename: 'to-the-bucket.png', width: 1400 } });
    // The input in the bucket is the file sent, byte for byte (the output, also a PNG, has its name too).
    expect(await bucketHashes(s3, '/to-the-bucket.png')).toContain(sha256(photo));
  }, 60_000);

  it('takes a direct upload: parts PUT straight to the bucket (one resent after a failure), completed by the server, processed', async () => {
    const created = await onS3.client.request(CreateUploadDocument, { input: { filename: 'direct.png', size: photo.length, mimeType: 'image/png', direct: true } });
    expect(created.errors).toBeUndefined();
    const upload = created.data!.createUpload;
    expect(upload).toMatchObject({ direct: true, url: null, partSize: 8 * 1024 * 1024 });
    // The file is smaller than a part: one part, whose URL is the bucket's, not this server's.
    expect(upload.parts).toHaveLength(1);
    const [part] = upload.parts!;
    expect(new URL(part.url).origin).toBe(s3.endpoint);

    // A first PUT of half the part "fails" (the client stops); completing now is refused by size.
    const half = await fetch(part.url, { method: 'PUT', body: new Uint8Array(photo.subarray(0, photo.length / 2)) });
    expect(half.status).toBe(200);
    // Resuming: fresh URLs from upload(id); the part is sent again, whole.
    const again = (await onS3.client.request(UploadDocument, { id: upload.id })).data!.upload!;
    expect(again.parts).toHaveLength(1);
    const whole = await fetch(again.parts![0].url, { method: 'PUT', body: new Uint8Array(photo) });
    expect(whole.status).toBe(200);
    const wrongCount = await onS3.client.request(CompleteUploadDocument, { id: upload.id, parts: [] });
    expect(wrongCount.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'parts' });
    const completed = await onS3.client.request(CompleteUploadDocument, { id: upload.id, parts: [{ partNumber: 1, etag: whole.headers.get('etag')! }] });
    expect(completed.errors).toBeUndefined();
    expect(completed.data!.completeUpload).toMatchObject({ size: photo.length, offset: photo.length });

    expect(await imageTaskOn(onS3.client, upload.id, 32)).toMatchObject({ status: 'SUCCEEDED', input: { filename: 'direct.png', width: 1400 } });
    // The input in the bucket is the file sent, byte for byte (the output, also a PNG, has its name too).
    expect(await bucketHashes(s3, '/direct.png')).toContain(sha256(photo));
  }, 60_000);

  it('refuses a direct upload without S3 storage, and one whose parts hold another size', async () => {
    const local = await alice.request(CreateUploadDocument, { input: { filename: 'x.png', size: 10, direct: true } });
    expect(local.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'direct' });
    const created = (await onS3.client.request(CreateUploadDocument, { input: { filename: 'short.bin', size: 5000, direct: true } })).data!.createUpload;
    const put = await fetch(created.parts![0].url, { method: 'PUT', body: new Uint8Array(4000) });
    const completed = await onS3.client.request(CompleteUploadDocument, { id: created.id, parts: [{ partNumber: 1, etag: put.headers.get('etag')! }] });
    expect(completed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'parts' });
    expect(completed.errors?.[0].message).toMatch(/4000 bytes where 5000/);
    expect((await s3.keys('media/')).filter((key) => key.endsWith('/short.bin'))).toEqual([]);
    expect((await onS3.client.request(UploadDocument, { id: created.id })).data!.upload).toBeNull();
  });

  // Last: it stops the S3 server.
  it('says the storage is unavailable, retryably, when the bucket cannot be reached', async () => {
    await s3.close();
    s3Stopped = true;
    const direct = await onS3.client.request(CreateUploadDocument, { input: { filename: 'later.png', size: 1000, direct: true } });
    expect(direct.errors?.[0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
    expect(direct.errors?.[0].message).toMatch(/file storage cannot be reached/);
    const frame = multipartFrame({ query: 'mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }', variables: { input: { kind: 'IMAGE', file: null } } }, 'later.png');
    const bytes = Buffer.alloc(10 * 1024 * 1024, 1);
    const answer = await sendRaw(`${onS3.url}/graphql`, { 'content-type': frame.contentType, 'x-graphql-yoga-csrf': '1', 'content-length': String(frame.head.length + bytes.length + frame.tail.length) },
      (async function* () { yield frame.head; yield bytes; yield frame.tail; })());
    expect(answer.status).toBe(503);
    expect(answer.json?.errors?.[0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
    expect(answer.headers['retry-after']).toBe('2');
  });
});
