// The whole pipeline with the image kind: createTask → worker → every status over WebSocket.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateTaskDocument, TaskDocument, TaskEventsDocument, TasksDocument, TaskStatusOnlyDocument, TaskUpdatedDocument } from './generated/graphql.js';
import { writeTestImage, writeTestVideo } from './support/fixtures.js';
import { startMediaServer, type MediaServer } from './support/media-server.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { describeMediaBinary } from '../src/media/ffmpeg-binaries.js';
import { testMediaBinaries } from './support/media-tools.js';

const lifecycle = ['WAITING', 'VALIDATING', 'QUEUED', 'PROCESSING', 'FINISHING', 'SUCCEEDED'];

let server: TestServer;
let media: MediaServer;
let mediaDir: string;

beforeAll(async () => {
  mediaDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-media-'));
  await writeTestImage(path.join(mediaDir, 'landscape.png'), 640, 480);
  await writeTestVideo(path.join(mediaDir, 'clip.mp4'), { width: 320, height: 240, seconds: 2 });
  [server, media] = await Promise.all([startTestServer(), startMediaServer(mediaDir)]);
});

afterAll(async () => {
  await server?.stop();
  await media?.close();
  await fs.rm(mediaDir, { recursive: true, force: true });
});

async function download(url: string): Promise<Buffer> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

describe('image task from a URL', () => {
  it('passes through every status in order, live, and produces the requested image', async () => {
    const allChanges = server.client.subscribe(TaskEventsDocument, { filter: { includeProgress: false } });
    await new Promise((resolve) => setTimeout(resolve, 100)); // let the subscription reach the server

    const created = await server.client.request(CreateTaskDocument, {
      input: { kind: 'IMAGE', url: `${media.url}/landscape.png`, options: { image: { width: 320, height: 200, fit: 'cover', format: 'jpeg', quality: 70 } }, metadata: { ref: 'abc' } },
    });
    expect(created.errors).toBeUndefined();
    const task = created.data!.createTask;
    expect(lifecycle).toContain(task.status); // stored; a worker may already have picked it up
    expect(task.metadata).toEqual({ ref: 'abc' });
    expect(task.options).toMatchObject({ width: 320, height: 200, fit: 'cover', format: 'jpeg', quality: 70, position: 'center' });

    const updates = server.client.subscribe(TaskUpdatedDocument, { id: task.id });
    const seen = await updates.done;
    const statuses = seen.map((event) => event.taskUpdated.status);
    // The first event is the state at subscription time; from there on, every transition in order.
    const firstIndex = lifecycle.indexOf(statuses[0]);
    expect(firstIndex).toBeGreaterThanOrEqual(0);
    expect(dedupe(statuses)).toEqual(lifecycle.slice(firstIndex));
    expect(seen.at(-1)!.taskUpdated.progress).toBe(100);

    // taskEvents was listening from before createTask: it saw every single transition.
    await allChanges.waitFor((event) => event.taskEvents.id === task.id && event.taskEvents.status === 'SUCCEEDED');
    const transitions = allChanges.events.filter((event) => event.taskEvents.id === task.id).map((event) => event.taskEvents.status);
    expect(transitions).toEqual(lifecycle);
    allChanges.close();

    const { data } = await server.client.request(TaskDocument, { id: task.id });
    const finished = data!.task!;
    expect(finished.events.map((event) => event.status)).toEqual(lifecycle);
    expect(finished.input).toMatchObject({ filename: 'landscape.png', mimeType: 'image/png', width: 640, height: 480, hasVideo: expect.any(Boolean) });
    expect(finished.attempts).toBe(1);
    expect(finished.startedAt).not.toBeNull();
    expect(finished.finishedAt).not.toBeNull();
    expect(finished.outputs).toHaveLength(1);
    const [output] = finished.outputs;
    expect(output).toMatchObject({ kind: 'IMAGE', mimeType: 'image/jpeg', width: 320, height: 200, filename: 'landscape.jpg' });

    const bytes = await download(output.url);
    expect(bytes.length).toBe(output.size);
    const decoded = await sharp(bytes).metadata();
    expect(decoded).toMatchObject({ format: 'jpeg', width: 320, height: 200 });
  });

  it('takes a frame of a video input at start', async () => {
    const created = await server.client.request(CreateTaskDocument, {
      input: { kind: 'IMAGE', url: `${media.url}/clip.mp4`, options: { image: { width: 160, format: 'png', start: 1 } } },
    });
    const id = created.data!.createTask.id;
    const seen = await server.client.subscribe(TaskUpdatedDocument, { id }).done;
    expect(seen.at(-1)!.taskUpdated.status).toBe('SUCCEEDED');
    const { data } = await server.client.request(TaskDocument, { id });
    expect(data!.task!.input).toMatchObject({ mimeType: 'video/mp4', width: 320, height: 240, hasAudio: true, hasVideo: true });
    expect(data!.task!.input!.duration).toBeCloseTo(2, 1);
    const decoded = await sharp(await download(data!.task!.outputs[0].url)).metadata();
    expect(decoded).toMatchObject({ format: 'png', width: 160, height: 120 });
  });
});

describe('taskUpdated answered from the change itself', () => {
  // A selection of only what a change carries is served without reading the task; it must say
  // exactly what a full read says.
  it('gives the same events as a subscriber that reads the task', async () => {
    const created = await server.client.request(CreateTaskDocument, { input: { kind: 'IMAGE', url: `${media.url}/landscape.png`, options: { image: { width: 64 } } } });
    const id = created.data!.createTask.id;
    const [light, full] = await Promise.all([
      server.client.subscribe(TaskStatusOnlyDocument, { id }).done,
      server.client.subscribe(TaskUpdatedDocument, { id }).done,
    ]);
    const view = (event: { id: string; status: string; progress: number; error: unknown }) => [event.id, event.status, event.progress, event.error];
    // Each subscription starts at the state it finds when it starts: under load the two can find
    // different ones (one a transition later). From where both have started they must agree.
    const [shorter, longer] = [light.map((event) => view(event.taskUpdated)), full.map((event) => view(event.taskUpdated))].sort((a, b) => a.length - b.length);
    expect(shorter.length).toBeGreaterThanOrEqual(1);
    expect(longer.slice(longer.length - shorter.length)).toEqual(shorter);
    expect(light.at(-1)!.taskUpdated).toMatchObject({ __typename: 'Task', kind: 'IMAGE', status: 'SUCCEEDED', progress: 100, estimatedTime: null, error: null });
    const { data } = await server.client.request(TaskDocument, { id });
    expect(light.at(-1)!.taskUpdated.updatedAt).toBe(data!.task!.updatedAt);
  });

  it('reads the task for a failure, whose error the change does not carry', async () => {
    const created = await server.client.request(CreateTaskDocument, { input: { kind: 'IMAGE', url: `${media.url}/missing.png` } });
    const events = await server.client.subscribe(TaskStatusOnlyDocument, { id: created.data!.createTask.id }).done;
    expect(events.at(-1)!.taskUpdated).toMatchObject({ status: 'FAILED', error: { code: 'INPUT_UNREACHABLE' } });
    expect(events.at(-1)!.taskUpdated.error!.message).toMatch(/404/);
  });
});

describe('image task from an uploaded file', () => {
  it('stores the upload and processes it like a URL input', async () => {
    const upload = await fs.readFile(path.join(mediaDir, 'landscape.png'));
    const created = await server.client.upload(CreateTaskDocument,
      { input: { kind: 'IMAGE', file: null, options: { image: { width: 100, format: 'webp' } } } },
      'input.file', new Blob([upload], { type: 'image/png' }), 'upload me.png');
    expect(created.errors).toBeUndefined();
    const task = created.data!.createTask;
    expect(task.url).toBeNull();

    const seen = await server.client.subscribe(TaskUpdatedDocument, { id: task.id }).done;
    expect(seen.at(-1)!.taskUpdated.status).toBe('SUCCEEDED');
    const { data } = await server.client.request(TaskDocument, { id: task.id });
    expect(data!.task!.input).toMatchObject({ filename: 'upload me.png', mimeType: 'image/png', width: 640, height: 480 });
    const decoded = await sharp(await download(data!.task!.outputs[0].url)).metadata();
    expect(decoded).toMatchObject({ format: 'webp', width: 100, height: 75 });
  });
});

function dedupe(statuses: string[]): string[] {
  return statuses.filter((status, index) => status !== statuses[index - 1]);
}

describe('idempotencyKey', () => {
  it('returns the first task for a repeated key, also under 20 concurrent requests', async () => {
    const input = { kind: 'IMAGE' as const, url: `${media.url}/landscape.png`, idempotencyKey: `order-${Date.now()}` };
    const responses = await Promise.all(Array.from({ length: 20 }, () => server.client.request(CreateTaskDocument, { input })));
    for (const response of responses) expect(response.errors).toBeUndefined();
    const ids = new Set(responses.map((response) => response.data!.createTask.id));
    expect(ids.size).toBe(1);

    const [id] = ids;
    await server.client.subscribe(TaskUpdatedDocument, { id }).done;
    const later = await server.client.request(CreateTaskDocument, { input });
    expect(later.data!.createTask).toMatchObject({ id, status: 'SUCCEEDED' });

    const { data } = await server.client.request(TaskDocument, { id });
    expect(data!.task!.events.filter((event) => event.status === 'WAITING')).toHaveLength(1);
  });
});

describe('operations endpoints', () => {
  it('answers /health and exposes Prometheus metrics that agree with the API', async () => {
    const created = await server.client.request(CreateTaskDocument, { input: { kind: 'IMAGE', url: `${media.url}/landscape.png` } });
    await server.client.subscribe(TaskUpdatedDocument, { id: created.data!.createTask.id }).done;
    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
    // The media tools in use, as the start-up log names them (the bundled builds unless configured).
    const expectedTools = await testMediaBinaries();
    expect(await health.json()).toEqual({ status: 'ok', ffmpeg: describeMediaBinary(expectedTools.ffmpeg), ffprobe: describeMediaBinary(expectedTools.ffprobe) });

    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const metrics = new Map<string, number>();
    for (const line of (await response.text()).split('\n')) {
      if (!line || line.startsWith('#')) continue;
      const [name, value] = line.split(' ');
      metrics.set(name, Number(value));
    }
    // One process made every change here, so its counters are the database's counts.
    const { data } = await server.client.request(TasksDocument, { first: 1, filter: { kind: ['IMAGE'], status: ['SUCCEEDED'] } });
    expect(metrics.get('mediatasks_tasks_finished_total{kind="image",status="SUCCEEDED",error_code=""}')).toBe(data!.tasks.totalCount);
    expect(metrics.get('mediatasks_tasks_finished_total{kind="image",status="FAILED",error_code="INPUT_UNREACHABLE"}')).toBe(1);
    expect(metrics.get('mediatasks_task_duration_seconds_count{kind="image",status="SUCCEEDED"}')).toBe(data!.tasks.totalCount);
    expect(metrics.get('mediatasks_task_duration_seconds_sum{kind="image",status="SUCCEEDED"}')).toBeGreaterThan(0);
    expect(metrics.get('mediatasks_task_stage_seconds_count{kind="image",stage="QUEUED"}')).toBe(data!.tasks.totalCount);
    const all = await server.client.request(TasksDocument, { first: 1, filter: { kind: ['IMAGE'] } });
    expect(metrics.get('mediatasks_tasks_created_total{kind="image"}')).toBe(all.data!.tasks.totalCount);
    // A job completes just after its task's SUCCEEDED is published: at most the last one is active.
    expect(metrics.get('mediatasks_queue_jobs{queue="task-run-image",state="active"}')).toBeLessThanOrEqual(1);
    expect(metrics.get('mediatasks_queue_jobs{queue="task-validate",state="ready"}')).toBe(0);
  });
});

describe('GraphiQL', () => {
  it('is served whole from this server, with nothing fetched from a CDN', async () => {
    const response = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('<div id="root">');
    expect(page.length).toBeGreaterThan(1_000_000); // the editor is inlined, not linked
    expect(page).not.toMatch(/<(script|link)[^>]+(src|href)="https?:/);
    expect(page).not.toContain('unpkg.com');
  });
});
