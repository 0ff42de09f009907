// A real transcode reports progress that only goes up and an estimated finish time; cancelling
// one kills ffmpeg within a second and leaves no partial files.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancelTaskDocument, CreateTaskDocument, TaskDocument, TaskUpdatedDocument } from './generated/graphql.js';
import { writeTestVideo } from './support/fixtures.js';
import { startMediaServer, type MediaServer } from './support/media-server.js';
import { isRunning, processesOfTask, taskUuid } from './support/processes.js';
import { startTestServer, type TestServer } from './support/test-server.js';

let server: TestServer;
let media: MediaServer;
let mediaDir: string;

beforeAll(async () => {
  mediaDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-progress-'));
  await Promise.all([
    writeTestVideo(path.join(mediaDir, 'medium.mp4'), { width: 640, height: 360, seconds: 8 }),
    writeTestVideo(path.join(mediaDir, 'long.mp4'), { width: 1280, height: 720, seconds: 20 }),
  ]);
  media = await startMediaServer(mediaDir);
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
  await media?.close();
  await fs.rm(mediaDir, { recursive: true, force: true });
});

/** The task's work folders, inside the scratch folders of worker processes (this one's). */
async function workFolders(taskId: string): Promise<string[]> {
  const scratches = (await fs.readdir(os.tmpdir())).filter((name) => name.startsWith(`mediatasks-worker-${process.pid}-`));
  const inside = await Promise.all(scratches.map(async (scratch) => (await fs.readdir(path.join(os.tmpdir(), scratch)).catch(() => [])).filter((name) => name.startsWith(`task-${taskId}-`))));
  return inside.flat();
}

describe('progress', () => {
  it('moves up monotonically to 100 with an estimated finish time while processing', async () => {
    const created = await server.client.request(CreateTaskDocument, {
      input: { kind: 'VIDEO', url: `${media.url}/medium.mp4`, options: { video: { codec: 'h265', quality: 'high' } } },
    });
    const id = created.data!.createTask.id;
    const events = (await server.client.subscribe(TaskUpdatedDocument, { id }).done).map((event) => event.taskUpdated);

    const processing = events.filter((event) => event.status === 'PROCESSING');
    const values = processing.map((event) => event.progress);
    expect(values.filter((value) => value > 0 && value < 100).length).toBeGreaterThanOrEqual(2);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(events.at(-1)).toMatchObject({ status: 'SUCCEEDED', progress: 100 });

    // To 0.1 %, without float noise (40.300000000000004).
    for (const value of values) expect(Math.round(value * 10) / 10).toBe(value);

    // An estimate only once the pace says something: from 5 % and 2 s into the processing.
    const { startedAt, finishedAt } = (await server.client.request(TaskDocument, { id })).data!.task!;
    const estimates = processing.filter((event) => event.estimatedTime !== null);
    // This transcode processes for some 3.5 s here (estimates from 2.2 s on); ended within 2 s, none is honest.
    if (Date.parse(finishedAt!) - Date.parse(startedAt!) > 3000) expect(estimates.length).toBeGreaterThan(0);
    for (const event of estimates) {
      expect(event.progress).toBeGreaterThanOrEqual(5);
      expect(Date.parse(event.updatedAt) - Date.parse(startedAt!)).toBeGreaterThanOrEqual(2000);
      expect(Date.parse(event.estimatedTime!)).toBeGreaterThanOrEqual(Date.parse(event.updatedAt) - 50);
    }
    expect(events.at(-1)!.estimatedTime).toBeNull();
  });
});

describe('cancelling a running transcode', () => {
  it('ends ffmpeg within a second and leaves no partial file', async () => {
    const created = await server.client.request(CreateTaskDocument, {
      input: { kind: 'VIDEO', url: `${media.url}/long.mp4`, options: { video: { codec: 'h265', quality: 'very_high' } } },
    });
    const id = created.data!.createTask.id;
    const uuid = taskUuid(id); // what paths are named after
    const updates = server.client.subscribe(TaskUpdatedDocument, { id });
    await updates.waitFor((event) => event.taskUpdated.status === 'PROCESSING' && event.taskUpdated.progress > 0, 30_000);
    const ffmpegs = await processesOfTask(uuid);
    expect(ffmpegs).not.toEqual([]);
    expect(await workFolders(uuid)).toHaveLength(1);

    const cancelledAt = Date.now();
    const cancelled = await server.client.request(CancelTaskDocument, { id });
    expect(cancelled.data!.cancelTask.status).toBe('CANCELLED');
    // Watch the very processes seen running (cheap), then scan once more for any other.
    const stillRunning = async () => (await Promise.all(ffmpegs.map(isRunning))).some(Boolean);
    while (await stillRunning() && Date.now() - cancelledAt < 3000) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(Date.now() - cancelledAt).toBeLessThan(1000);
    expect(await processesOfTask(uuid)).toEqual([]);

    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await workFolders(uuid)).toEqual([]);
    const { data } = await server.client.request(TaskDocument, { id });
    expect(data!.task!.status).toBe('CANCELLED');
    expect(data!.task!.outputs).toEqual([]);
    // The input stays (a retry runs on it); the outputs' folder was never made, or is gone.
    const database = new pg.Client({ connectionString: server.databaseUrl });
    await database.connect();
    const { rows: [folders] } = await database.query<{ input: string; outputs: string }>('SELECT input_secret AS input, output_secret AS outputs FROM task WHERE id = $1', [uuid]);
    await database.end();
    const stored = await fs.readdir(server.storageDir);
    expect(stored).toContain(folders.input);
    expect(stored).not.toContain(folders.outputs);
  }, 90_000);
});
