// Workers on other machines share no disk (issue 14): one API process and two worker processes,
// each with its own TMPDIR (scratch folder) and DATA_DIR and no STORAGE_DIR, files in S3 (s3rver).
// Image, video, HLS, speech and a workflow succeed and download through the API, both workers run
// tasks, and a worker SIGKILLed mid-transcode leaves its task to the other.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CreateTaskDocument, TaskDocument, TaskUpdatedDocument, type CreateTaskInput } from './generated/graphql.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { writeTestImage, writeTestVideo } from './support/fixtures.js';
import { GraphQLTestClient } from './support/graphql-client.js';
import { startMediaServer, type MediaServer } from './support/media-server.js';
import { processesOfTask, taskUuid } from './support/processes.js';
import { startS3Server, type S3TestServer } from './support/s3-server.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';
import { runTaskToEnd } from './support/tasks.js';

const fixtures = path.join(import.meta.dirname, 'fixtures');
let s3: S3TestServer;
let database: TestDatabase;
let media: MediaServer;
let root: string;
let api: ServerProcess;
let client: GraphQLTestClient;
const workers: Array<{ process: ServerProcess; tmp: string; key: string }> = [];

/** A folder of its own for one process: its TMPDIR and DATA_DIR, as on a machine of its own. */
async function machine(name: string) {
  const tmp = path.join(root, name, 'tmp');
  const data = path.join(root, name, 'data');
  await fs.mkdir(tmp, { recursive: true });
  await fs.mkdir(data, { recursive: true });
  return { tmp, data };
}

function environment(folders: { tmp: string; data: string }, extra: Record<string, string>): Record<string, string> {
  return {
    DATABASE_URL: database.url, TMPDIR: folders.tmp, DATA_DIR: folders.data, FETCH_ALLOW_HOSTS: '127.0.0.1',
    STORAGE_URL: `s3://${s3.bucket}/shared`, S3_ENDPOINT: s3.endpoint, S3_FORCE_PATH_STYLE: '1',
    S3_ACCESS_KEY_ID: s3.credentials.accessKeyId, S3_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey, ...extra,
  };
}

/** The fields of the worker's JSON log lines with this message. */
function logLines(worker: ServerProcess, message: string): Array<Record<string, any>> {
  const lines = worker.output.join('').split('\n');
  lines.pop(); // an unfinished line, if any
  return lines.filter((line) => line.includes(`"msg":"${message}"`)).map((line) => JSON.parse(line));
}

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-multi-s3-'));
  const mediaDir = path.join(root, 'media');
  await fs.mkdir(mediaDir);
  await Promise.all([
    writeTestImage(path.join(mediaDir, 'picture.png'), 64, 48),
    writeTestVideo(path.join(mediaDir, 'small.mp4'), { width: 320, height: 240, seconds: 2 }),
    writeTestVideo(path.join(mediaDir, 'long.mp4'), { width: 960, height: 540, seconds: 8 }),
    fs.copyFile(path.join(fixtures, 'speech/two-sentences-pause.ogg'), path.join(mediaDir, 'speech.ogg')),
  ]);
  [s3, database, media] = await Promise.all([startS3Server(), createTestDatabase(), startMediaServer(mediaDir)]);
  api = startServerProcess(environment(await machine('api'), { ROLE: 'api', HOST: '127.0.0.1', PORT: '0' }));
  client = new GraphQLTestClient((await api.started)!);
  for (const name of ['worker-a', 'worker-b']) {
    const folders = await machine(name);
    // JOB_HEARTBEAT_SECONDS as in worker-death: only the presence check brings the task back fast.
    const process = startServerProcess(environment(folders, { ROLE: 'worker', WORKER_CONCURRENCY: '1', JOB_HEARTBEAT_SECONDS: '120' }));
    workers.push({ process, tmp: folders.tmp, key: '' });
  }
  await Promise.all(workers.map((worker) => worker.process.started));
  for (const worker of workers) {
    worker.key = logLines(worker.process, 'worker presence taken (tasks it runs record this key)')[0].workerKey;
    expect(worker.key).toBeTruthy();
  }
}, 60_000);

afterAll(async () => {
  await client?.close();
  await Promise.all([api?.stop(), ...workers.map((worker) => worker.process.stop())]);
  await media?.close();
  await s3?.close();
  await database?.drop();
  if (root) await fs.rm(root, { recursive: true, force: true });
});

async function succeeded(input: CreateTaskInput) {
  const { id } = await runTaskToEnd(client, input, { completeWithinMs: 60_000 });
  const { data } = await client.request(TaskDocument, { id });
  expect(data!.task!.error).toBeNull();
  expect(data!.task!.status).toBe('SUCCEEDED');
  return data!.task!;
}

/** Resolves with the worker whose log says it ended the task (its "task ended" line carries its own key). */
async function workerThatRan(id: string) {
  const uuid = taskUuid(id);
  for (;;) {
    const found = workers.find((worker) => logLines(worker.process, 'task ended').some((line) => line.taskId === uuid && line.workerKey === worker.key));
    if (found) return found;
    // The line is written just after the status change that completed the subscription.
    await Promise.race(workers.map((worker) => new Promise((resolve) => worker.process.child.stdout!.once('data', resolve))));
  }
}

it('runs image, upload, video, HLS, speech and a workflow on two workers sharing no disk, files in S3 only', async () => {
  const tasks = await Promise.all([
    succeeded({ kind: 'IMAGE', url: `${media.url}/picture.png`, options: { image: { width: 32, format: 'webp' } } }),
    succeeded({ kind: 'VIDEO', url: `${media.url}/small.mp4`, options: { video: { width: 160 } } }),
    // A second transcode at once: with one video slot per worker, the other worker takes it.
    succeeded({ kind: 'VIDEO', url: `${media.url}/small.mp4`, options: { video: { width: 240 } } }),
    succeeded({ kind: 'ADAPTIVE_VIDEO', url: `${media.url}/small.mp4` }),
    succeeded({ kind: 'SPEECH', url: `${media.url}/speech.ogg` }),
    succeeded({
      kind: 'WORKFLOW', url: `${media.url}/small.mp4`,
      options: { workflow: { steps: [{ kind: 'VIDEO', options: { video: { width: 160 } }, next: [{ kind: 'THUMBNAILS', options: { thumbnails: { mode: 'frames', count: 2 } } }] }] } } as never,
    }),
    // An upload: the API stores it, a worker on another machine reads it from the bucket.
    (async () => {
      const bytes = await fs.readFile(path.join(root, 'media', 'picture.png'));
      const created = await client.upload(CreateTaskDocument, { input: { kind: 'IMAGE', file: null, options: { image: { width: 16, format: 'png' } } } },
        'input.file', new Blob([bytes], { type: 'image/png' }), 'uploaded.png');
      expect(created.errors).toBeUndefined();
      const id = created.data!.createTask.id;
      await client.subscribe(TaskUpdatedDocument, { id }, { completeWithinMs: 60_000 }).done;
      const { data } = await client.request(TaskDocument, { id });
      expect(data!.task!.error).toBeNull();
      expect(data!.task!.status).toBe('SUCCEEDED');
      return data!.task!;
    })(),
  ]);
  const apiUrl = (await api.started)!;
  for (const task of tasks) {
    for (const output of task.outputs) {
      expect(output.url.startsWith(`${apiUrl}/files/`)).toBe(true);
      const response = await fetch(output.url);
      expect(response.status, `${task.kind} ${output.filename}`).toBe(200);
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(0);
    }
  }
  for (const task of [...tasks.slice(0, 4), tasks[6]]) expect(task.outputs.length, task.kind).toBeGreaterThan(0);
  // Nothing was written to any local storage folder; every file is in the bucket.
  for (const name of ['api', 'worker-a', 'worker-b']) {
    expect(await fs.readdir(path.join(root, name, 'data'), { recursive: true })).toEqual([]);
  }
  expect((await s3.keys('shared/')).length).toBeGreaterThan(0);

  // Both workers ran some of them (one slot per kind on each, two transcodes at once).
  const ranBy = await Promise.all(tasks.map((task) => workerThatRan(task.id)));
  console.log(`tasks per worker: ${workers.map((worker) => ranBy.filter((one) => one === worker).length).join(', ')}`);
  expect(new Set(ranBy).size).toBe(2);
}, 90_000);

it('completes on the other worker the transcode of a worker SIGKILLed mid-job', async () => {
  const created = await client.request(CreateTaskDocument, { input: { kind: 'VIDEO', url: `${media.url}/long.mp4`, options: { video: { codec: 'h264', quality: 'very_high' } } } });
  expect(created.errors).toBeUndefined();
  const id = created.data!.createTask.id;
  const updates = client.subscribe(TaskUpdatedDocument, { id }, { completeWithinMs: 90_000 });
  await updates.waitFor((event) => event.taskUpdated.status === 'PROCESSING' && event.taskUpdated.progress > 0, 60_000);

  // The worker running it is the parent of its ffmpeg, which works in that worker's own TMPDIR.
  const ffmpegPids = await processesOfTask(taskUuid(id));
  expect(ffmpegPids).not.toEqual([]);
  const status = await fs.readFile(`/proc/${ffmpegPids[0]}/status`, 'utf8');
  const parent = Number(/^PPid:\s+(\d+)/m.exec(status)![1]);
  const victim = workers.find((worker) => worker.process.child.pid === parent)!;
  expect(victim).toBeDefined();
  expect(await fs.readFile(`/proc/${ffmpegPids[0]}/cmdline`, 'utf8')).toContain(victim.tmp);
  const survivor = workers.find((worker) => worker !== victim)!;

  await victim.process.stop('SIGKILL');
  const events = await updates.done;
  expect(events.at(-1)!.taskUpdated.status).toBe('SUCCEEDED');
  const { data } = await client.request(TaskDocument, { id });
  expect(data!.task!.attempts).toBe(2);
  expect(await workerThatRan(id)).toBe(survivor);
  const response = await fetch(data!.task!.outputs[0].url);
  expect(response.status).toBe(200);
  expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(0);
}, 90_000);
