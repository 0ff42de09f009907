// API and worker as separate processes sharing one Postgres: status changes cross processes
// through LISTEN/NOTIFY, and a worker killed mid-task loses its job to the next worker.
import fs from 'node:fs/promises';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateTaskDocument, TaskDocument, TaskEventsDocument, TaskUpdatedDocument, WorkflowTreeDocument } from './generated/graphql.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { writeTestImage, writeTestVideo } from './support/fixtures.js';
import { GraphQLTestClient } from './support/graphql-client.js';
import { startMediaServer, type MediaServer } from './support/media-server.js';
import { processesOfTask, taskUuid } from './support/processes.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';

let database: TestDatabase;
let media: MediaServer;
let mediaDir: string;
let storageDir: string;
let api: ServerProcess;
let client: GraphQLTestClient;
const workers: ServerProcess[] = [];
let stalledRequests = 0;

const workerEnvironment = () => ({
  ROLE: 'worker', DATABASE_URL: database.url, STORAGE_DIR: storageDir, FETCH_ALLOW_HOSTS: '127.0.0.1',
  // A lost worker is noticed after one missed heartbeat window.
  JOB_HEARTBEAT_SECONDS: '10', QUEUE_MONITOR_INTERVAL_SECONDS: '1',
});

async function startWorker(): Promise<ServerProcess> {
  const worker = startServerProcess(workerEnvironment());
  workers.push(worker);
  await worker.started;
  return worker;
}

beforeAll(async () => {
  mediaDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-proc-media-'));
  storageDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-proc-storage-'));
  await writeTestImage(path.join(mediaDir, 'photo.png'), 200, 100);
  await writeTestVideo(path.join(mediaDir, 'long.mp4'), { width: 1280, height: 720, seconds: 20 });
  const photo = await fs.readFile(path.join(mediaDir, 'photo.png'));
  // The first download of this route stalls forever (the worker fetching it gets killed);
  // later ones succeed.
  const stallOnce: http.RequestListener = (_request, response) => {
    if (stalledRequests++ === 0) return void response.writeHead(200, { 'content-length': photo.length }).write(photo.subarray(0, 10));
    response.writeHead(200, { 'content-length': photo.length }).end(photo);
  };
  media = await startMediaServer(mediaDir, { '/stall-once.png': stallOnce });
  database = await createTestDatabase();
  api = startServerProcess({ ROLE: 'api', DATABASE_URL: database.url, STORAGE_DIR: storageDir, HOST: '127.0.0.1', PORT: '0' });
  const apiUrl = (await api.started)!;
  await startWorker();
  client = new GraphQLTestClient(apiUrl);
});

afterAll(async () => {
  await client?.close();
  await Promise.all([api?.stop(), ...workers.map((worker) => worker.stop())]);
  await media?.close();
  await database?.drop();
  await fs.rm(mediaDir, { recursive: true, force: true });
  await fs.rm(storageDir, { recursive: true, force: true });
});

describe('api and worker in separate processes', () => {
  it('shows every transition, made in the worker process, in order at the api', async () => {
    const changes = client.subscribe(TaskEventsDocument, { filter: { includeProgress: false } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const created = await client.request(CreateTaskDocument, { input: { kind: 'IMAGE', url: `${media.url}/photo.png`, options: { image: { width: 50, format: 'png' } } } });
    expect(created.errors).toBeUndefined();
    const id = created.data!.createTask.id;

    await changes.waitFor((event) => event.taskEvents.id === id && event.taskEvents.status === 'SUCCEEDED');
    const statuses = changes.events.filter((event) => event.taskEvents.id === id).map((event) => event.taskEvents.status);
    expect(statuses).toEqual(['WAITING', 'VALIDATING', 'QUEUED', 'PROCESSING', 'FINISHING', 'SUCCEEDED']);
    changes.close();

    const { data } = await client.request(TaskDocument, { id });
    const image = await fetch(data!.task!.outputs[0].url).then((response) => response.arrayBuffer());
    expect(await sharp(Buffer.from(image)).metadata()).toMatchObject({ format: 'png', width: 50, height: 25 });
  });

  it('finishes a task whose worker was killed mid-task, on another worker', async () => {
    const created = await client.request(CreateTaskDocument, { input: { kind: 'IMAGE', url: `${media.url}/stall-once.png` } });
    const id = created.data!.createTask.id;
    // pg-boss gives a lost claim several missed heartbeats (10 s each at least): ~30 s here.
    const updates = client.subscribe(TaskUpdatedDocument, { id }, { completeWithinMs: 80_000 });
    await updates.waitFor((event) => event.taskUpdated.status === 'VALIDATING');
    // Kill only once the download is really stalled: killed between VALIDATING and its request,
    // the worker would leave the stalling first request to the next worker.
    while (stalledRequests === 0) await new Promise((resolve) => setTimeout(resolve, 20));

    const [first] = workers;
    await first.stop('SIGKILL');
    await startWorker();

    const events = await updates.done;
    expect(events.at(-1)!.taskUpdated.status).toBe('SUCCEEDED');
    const { data } = await client.request(TaskDocument, { id });
    expect(data!.task!.events.map((event) => event.status))
      .toEqual(['WAITING', 'VALIDATING', 'VALIDATING', 'QUEUED', 'PROCESSING', 'FINISHING', 'SUCCEEDED']);
    expect(stalledRequests).toBe(2);
  }, 90_000);

  it('completes a workflow whose worker was killed in the middle of a step', async () => {
    const created = await client.request(CreateTaskDocument, {
      input: {
        kind: 'WORKFLOW', url: `${media.url}/long.mp4`,
        options: { workflow: { steps: [{ kind: 'VIDEO', ref: 'small', options: { video: { width: 320 } }, next: [{ kind: 'THUMBNAILS', ref: 'frames', options: { thumbnails: { mode: 'frames', count: 2 } } }] }] } } as never,
      },
    });
    expect(created.errors).toBeUndefined();
    const id = created.data!.createTask.id;
    const updates = client.subscribe(TaskUpdatedDocument, { id }, { completeWithinMs: 100_000 });
    await updates.waitFor((event) => event.taskUpdated.status === 'PROCESSING' && event.taskUpdated.progress > 0, 60_000);

    await workers.at(-1)!.stop('SIGKILL');
    await startWorker();

    const events = await updates.done;
    expect(events.at(-1)!.taskUpdated.status).toBe('SUCCEEDED');
    const { data } = await client.request(WorkflowTreeDocument, { id });
    const [video, frames] = data!.task!.children;
    expect([video.stepRef, video.status, frames.stepRef, frames.status]).toEqual(['small', 'SUCCEEDED', 'frames', 'SUCCEEDED']);
    expect(video.events.filter((event) => event.status === 'PROCESSING').length).toBeGreaterThanOrEqual(2);
    expect(frames.input!.url).toBe(video.outputs[0].url);
  }, 120_000);

  it('ends its ffmpeg children when the worker is stopped with SIGTERM', async () => {
    const created = await client.request(CreateTaskDocument, { input: { kind: 'VIDEO', url: `${media.url}/long.mp4`, options: { video: { codec: 'h265', quality: 'very_high' } } } });
    const id = created.data!.createTask.id;
    const uuid = taskUuid(id);
    const updates = client.subscribe(TaskUpdatedDocument, { id });
    await updates.waitFor((event) => event.taskUpdated.status === 'PROCESSING' && event.taskUpdated.progress > 0, 60_000);
    expect(await processesOfTask(uuid)).not.toEqual([]);

    const worker = workers.at(-1)!;
    const stoppedAt = Date.now();
    expect(await worker.stop('SIGTERM')).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(15_000);
    expect(await processesOfTask(uuid)).toEqual([]);
    updates.close();
  }, 90_000);
});
