// The `mediatasks` binary as a script would run it: the workspace's bin (compiled JavaScript,
// Node 24 from node_modules/.bin) against the real server, in open mode (no API keys).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadOutputs } from '../client/src/cli/download.js';
import type { Task } from '../client/src/node.js';
import { writeTestImage, writeTestVideo } from './support/fixtures.js';
import { startMediaServer, type MediaServer } from './support/media-server.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const node = path.join(root, 'node_modules/.bin/node');
const bin = path.join(root, 'node_modules/.bin/mediatasks');

let server: TestServer;
let media: MediaServer;
let folder: string;

interface CliResult { code: number | null; stdout: string; stderr: string }

/** Runs the CLI to its exit; stdout is not a terminal, so progress comes as plain lines on stderr. */
function mediatasks(args: string[], options: { env?: Record<string, string>; cwd?: string } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(node, [bin, ...args], {
      cwd: options.cwd ?? folder,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, MEDIATASKS_URL: server.url, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk; });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const lastLine = (text: string) => text.trim().split('\n').at(-1) ?? '';

beforeAll(async () => {
  // The bin runs client/dist: build it when client/src is newer (as the root postinstall does).
  const build = spawnSync(node, [path.join(root, 'client/scripts/build.mjs'), '--if-stale'], { cwd: root, encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
  folder = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-cli-'));
  await writeTestImage(path.join(folder, 'photo.png'), 64, 48);
  await fs.writeFile(path.join(folder, 'not-an-image.png'), 'plain text, not a picture');
  await writeTestVideo(path.join(folder, 'clip.mp4'), { width: 320, height: 240, seconds: 2 });
  // /held.png is never answered: a task on it stays VALIDATING as long as the test needs.
  media = await startMediaServer(folder, { '/held.png': () => {} });
  server = await startTestServer();
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await media?.close();
  if (folder) await fs.rm(folder, { recursive: true, force: true });
});

describe('mediatasks create', () => {
  it('uploads a local file, shows its progress and prints the output URL when it succeeds', async () => {
    const result = await mediatasks(['create', 'image', 'photo.png', '--width', '32', '--format', 'png', '--watch']);
    expect(result.code, result.stderr).toBe(0);
    // Plain lines (stderr is a pipe): the upload's, then the task's; those before the watch began are not replayed.
    expect(result.stderr).toMatch(/^photo\.png uploaded 100% of \d+ bytes$/m);
    expect(result.stderr).toMatch(/^\S+ SUCCEEDED 100%$/m);
    const line = lastLine(result.stdout);
    expect(line).toMatch(/^SUCCEEDED image \S+ http:\/\/\S+\/photo\.png$/);
    const response = await fetch(line.split(' ').at(-1)!);
    expect((await sharp(Buffer.from(await response.arrayBuffer())).metadata()).width).toBe(32);
  });

  it('exits 1 with the error code and message when the task fails', async () => {
    const result = await mediatasks(['create', 'image', `${media.url}/not-an-image.png`, '--watch']);
    expect(result.code, result.stderr).toBe(1);
    expect(lastLine(result.stdout)).toMatch(/^FAILED image \S+ INPUT_[A-Z_]+: .+/);
  });

  it('prints JSON with --json, which get, list and download read back', async () => {
    const created = await mediatasks(['create', 'image', `${media.url}/photo.png`, '--quality', '50', '--json']);
    expect(created.code, created.stderr).toBe(0);
    const task = JSON.parse(created.stdout) as { id: string; status: string; options: unknown };
    // The task as createTask answered it: a worker may already have picked it up by then.
    expect(['WAITING', 'VALIDATING', 'QUEUED', 'PROCESSING', 'FINISHING', 'SUCCEEDED']).toContain(task.status);

    const watched = await mediatasks(['watch', task.id, '--json']);
    expect(watched.code).toBe(0);
    const finished = JSON.parse(watched.stdout) as { status: string; options: { quality: number }; outputs: Array<{ filename: string; size: number }> };
    expect(finished).toMatchObject({ status: 'SUCCEEDED', options: { quality: 50 } });

    const got = JSON.parse((await mediatasks(['get', task.id, '--json'])).stdout) as { id: string };
    expect(got.id).toBe(task.id);
    const listed = JSON.parse((await mediatasks(['list', '--status', 'SUCCEEDED', '--kind', 'image', '--json'])).stdout) as Array<{ id: string }>;
    expect(listed.map((entry) => entry.id)).toContain(task.id);

    const target = path.join(folder, 'downloads');
    const downloaded = await mediatasks(['download', task.id, target]);
    expect(downloaded.code, downloaded.stderr).toBe(0);
    const written = path.join(target, finished.outputs[0].filename);
    expect(downloaded.stdout.trim()).toBe(written);
    expect((await fs.stat(written)).size).toBe(finished.outputs[0].size);
  });

  it('deletes a finished task, after which get exits 4', async () => {
    const created = JSON.parse((await mediatasks(['create', 'image', `${media.url}/photo.png`, '--watch', '--json'])).stdout) as { id: string; status: string };
    expect(created.status).toBe('SUCCEEDED');
    const deleted = await mediatasks(['delete', created.id]);
    expect(deleted).toMatchObject({ code: 0, stdout: `DELETED ${created.id}\n` });
    const missing = await mediatasks(['get', created.id]);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toMatch(/NOT_FOUND/);
  });
});

describe('mediatasks watch', () => {
  it('watching several tasks, one missing: exits 4 at once, reporting each, without waiting for the one still running', async () => {
    const running = JSON.parse((await mediatasks(['create', 'image', `${media.url}/held.png`, '--json'])).stdout) as { id: string };
    const missing = '00000000-0000-7000-8000-000000000000';
    try {
      const result = await mediatasks(['watch', running.id, missing]);
      expect(result.code, result.stderr).toBe(4);
      expect(result.stderr).toContain(`mediatasks: ${missing}: NOT_FOUND`);
      expect(result.stderr).toContain(`mediatasks: ${running.id}: not watched to its end: watching ${missing} failed`);
      const json = await mediatasks(['watch', running.id, missing, '--json']);
      expect(json.code).toBe(4);
      expect(JSON.parse(json.stdout)).toEqual([
        { id: running.id, error: { code: 'ABORTED', message: `not watched to its end: watching ${missing} failed` } },
        { id: missing, error: expect.objectContaining({ code: 'NOT_FOUND' }) },
      ]);
    } finally {
      await mediatasks(['cancel', running.id]);
    }
  });
});

describe('mediatasks download', () => {
  it('writes an HLS ladder at its outputs\' paths: every entry of the master playlist, and of each rendition, is on disk where it says', async () => {
    const created = await mediatasks(['create', 'adaptive-video', 'clip.mp4', '--segment-duration', '2', '--watch', '--json']);
    expect(created.code, created.stderr).toBe(0);
    const task = JSON.parse(created.stdout) as { id: string; status: string; outputs: Array<{ path: string; filename: string }> };
    expect(task.status).toBe('SUCCEEDED');
    const target = path.join(folder, 'ladder');
    const downloaded = await mediatasks(['download', task.id, target]);
    expect(downloaded.code, downloaded.stderr).toBe(0);
    expect(downloaded.stdout.trim().split('\n').sort()).toEqual(task.outputs.map((output) => path.join(target, output.path)).sort());
    const entries = async (playlist: string) => (await fs.readFile(playlist, 'utf8')).split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
    const master = task.outputs.find((output) => output.filename === 'master.m3u8')!;
    const renditions = (await entries(path.join(target, master.path))).map((entry) => path.join(target, path.dirname(master.path), entry));
    expect(renditions.length).toBeGreaterThan(0);
    for (const rendition of renditions) {
      const segments = await entries(rendition);
      expect(segments.length).toBeGreaterThan(0);
      for (const segment of segments) await fs.access(path.join(path.dirname(rendition), segment));
    }

    // Again into the same folder: nothing is replaced unless asked (an output may be named like its input).
    const before = await fs.stat(path.join(target, master.path));
    const again = await mediatasks(['download', task.id, target]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/Refused to overwrite .*--overwrite/);
    expect((await fs.stat(path.join(target, master.path))).mtimeMs).toBe(before.mtimeMs);
    const overwritten = await mediatasks(['download', task.id, target, '--overwrite']);
    expect(overwritten.code, overwritten.stderr).toBe(0);
  });

  it('exits 5 for a task that has not ended yet (1 is for FAILED or CANCELLED)', async () => {
    const running = JSON.parse((await mediatasks(['create', 'image', `${media.url}/held.png`, '--json'])).stdout) as { id: string };
    try {
      const result = await mediatasks(['download', running.id, path.join(folder, 'early')]);
      expect(result.code, result.stderr).toBe(5);
      expect(result.stdout).toMatch(/\(nothing to download: it has not ended yet\)$/m);
    } finally {
      await mediatasks(['cancel', running.id]);
    }
    const cancelled = await mediatasks(['download', running.id, path.join(folder, 'early')]);
    expect(cancelled.code).toBe(1);
  });

  it('refuses an output path that is absolute or climbs out of the folder, writing nothing', async () => {
    const target = path.join(folder, 'contained');
    let fetched = 0;
    const countingFetch: typeof fetch = async () => { fetched++; return new Response('x'); };
    for (const outputPath of ['../escaped.txt', 'hls/../../escaped.txt', path.join(folder, 'absolute.txt')]) {
      const task = { outputs: [{ path: 'fine.txt', url: 'http://127.0.0.1:9/fine' }, { path: outputPath, url: 'http://127.0.0.1:9/evil' }] } as unknown as Task;
      await expect(downloadOutputs(task, target, { fetchImpl: countingFetch })).rejects.toMatchObject({ code: 'BAD_RESPONSE', message: expect.stringContaining(`Refused to download the output at '${outputPath}'`) });
    }
    expect(fetched).toBe(0);
  });
});

describe('the client build', () => {
  it('builds once when two builds start together on a stale dist/, leaving a complete dist/ and no scratch folders', async () => {
    const clientDir = path.join(root, 'client');
    const now = new Date();
    await fs.utimes(path.join(clientDir, 'src/index.ts'), now, now);
    const build = () => new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(node, [path.join(clientDir, 'scripts/build.mjs'), '--if-stale'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => { stderr += chunk; });
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr }));
    });
    const results = await Promise.all([build(), build()]);
    for (const result of results) expect(result.code, result.stderr).toBe(0);
    // One of them built; the other waited for the lock and found dist/ fresh (or a third build, another test file's, did it for both).
    expect(results.filter((result) => !result.stderr.includes('dist/ was built by another build meanwhile')).length).toBeLessThanOrEqual(1);
    expect((await fs.readdir(clientDir)).filter((name) => name.startsWith('.dist-'))).toEqual([]);
    await fs.access(path.join(clientDir, 'dist/node.js'));
    await fs.access(path.join(clientDir, 'dist/cli/main.js'));
    expect((await fs.stat(path.join(clientDir, 'dist/.build-stamp'))).mtimeMs).toBeGreaterThanOrEqual(now.getTime() - 1000);
  });
});

describe('mediatasks kinds', () => {
  it('lists every kind with its options, types and defaults', async () => {
    const result = await mediatasks(['kinds']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^image: /m);
    expect(result.stdout).toMatch(/^ {2}--format {2}one of jpeg, png, webp, avif, gif \(default: "webp"\): Output format\.$/m);
    expect(result.stdout).toMatch(/^ {2}--max-line-length {2}an integer 20–80 \(default: 42\)/m);
    const kinds = JSON.parse((await mediatasks(['kinds', '--json'])).stdout) as Array<{ kind: string }>;
    expect(kinds.map((info) => info.kind)).toContain('VIDEO');
  });
});

describe('exit codes', () => {
  it('exits 2 on usage errors: an unknown option (listing the valid ones), a bad value, an unknown kind or command', async () => {
    const unknownOption = await mediatasks(['create', 'image', 'photo.png', '--widht', '32']);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toMatch(/unknown option --widht for image; its options are: --width, --height, /);
    const badValue = await mediatasks(['create', 'image', 'photo.png', '--width', 'wide']);
    expect(badValue.code).toBe(2);
    expect(badValue.stderr).toMatch(/--width takes an integer, not 'wide'/);
    const badEnum = await mediatasks(['create', 'image', 'photo.png', '--format', 'bmp']);
    expect(badEnum.stderr).toMatch(/--format takes one of jpeg, png, webp, avif, gif, not 'bmp'/);
    expect((await mediatasks(['create', 'sculpture', 'photo.png'])).code).toBe(2);
    expect((await mediatasks(['create', 'image', 'missing.png'])).code).toBe(2);
    expect((await mediatasks(['frobnicate'])).code).toBe(2);
    expect((await mediatasks(['create'])).code).toBe(2);
  });

  it('exits 2 when the server refuses the input, with the field', async () => {
    const result = await mediatasks(['create', 'image', 'photo.png', '--width', '0', '--json']);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: 'BAD_USER_INPUT', field: 'options.image.width' } });
  });

  it('exits 3 when the server cannot be reached', async () => {
    const result = await mediatasks(['kinds', '--url', 'http://127.0.0.1:9']);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/NETWORK_ERROR/);
  });
});
