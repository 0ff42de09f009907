// A worker process killed outright (SIGKILL) mid-transcode: its ffmpeg dies with it, its task is
// PROCESSING again on another worker within seconds (its Postgres presence is gone, with no wait
// for heartbeats: JOB_HEARTBEAT_SECONDS is 120 here), what the dead attempt would still write is
// refused, and the next worker on the host removes the dead one's scratch folder.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectDatabase, type Database } from '../src/db/database.js';
import { TaskLifecycle } from '../src/tasks/task-lifecycle.js';
import { CreateTaskDocument, TaskDocument, TaskUpdatedDocument } from './generated/graphql.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { ffprobe, writeTestVideo } from './support/fixtures.js';
import { GraphQLTestClient } from './support/graphql-client.js';
import { startMediaServer, type MediaServer } from './support/media-server.js';
import { isRunning, processesOfTask, taskUuid } from './support/processes.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';

let database: TestDatabase;
let media: MediaServer;
let mediaDir: string;
let storageDir: string;
let api: ServerProcess;
let client: GraphQLTestClient;
const workers: ServerProcess[] = [];

const startWorker = async () => {
  const worker = startServerProcess({
    ROLE: 'worker', DATABASE_URL: database.url, STORAGE_DIR: storageDir, FETCH_ALLOW_HOSTS: '127.0.0.1',
    // Only the presence check can bring the task back quickly: heartbeats are missed after 2 minutes.
    JOB_HEARTBEAT_SECONDS: '120', WORKER_CONCURRENCY_VIDEO: '1',
  });
  workers.push(worker);
  await worker.started;
  return worker;
};

beforeAll(async () => {
  mediaDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-death-media-'));
  storageDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-death-storage-'));
  await writeTestVideo(path.join(mediaDir, 'long.mp4'), { width: 1280, height: 720, seconds: 12 });
  media = await startMediaServer(mediaDir);
  database = await createTestDatabase();
  api = startServerProcess({ ROLE: 'api', DATABASE_URL: database.url, STORAGE_DIR: storageDir, HOST: '127.0.0.1', PORT: '0' });
  const apiUrl = (await api.started)!;
  await startWorker();
  await startWorker();
  client = new GraphQLTestClient(apiUrl);
}, 60_000);

afterAll(async () => {
  await client?.close();
  await Promise.all([api?.stop(), ...workers.map((worker) => worker.stop())]);
  await media?.close();
  await database?.drop();
  await fs.rm(mediaDir, { recursive: true, force: true });
  await fs.rm(storageDir, { recursive: true, force: true });
});

async function parentOf(pid: string): Promise<number> {
  const status = await fs.readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/^PPid:\s+(\d+)/m.exec(status)![1]);
}

async function until(condition: () => Promise<boolean>, what: string, ceilingMs: number): Promise<number> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > ceilingMs) throw new Error(`gave up waiting ${ceilingMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return Date.now() - started;
}

it('hands a SIGKILLed worker\'s transcode to another worker within seconds, fencing off the dead attempt', async () => {
  const created = await client.request(CreateTaskDocument, { input: { kind: 'VIDEO', url: `${media.url}/long.mp4`, options: { video: { codec: 'h264', quality: 'very_high' } } } });
  const id = created.data!.createTask.id;
  const uuid = taskUuid(id);
  const updates = client.subscribe(TaskUpdatedDocument, { id }, { completeWithinMs: 120_000 });
  await updates.waitFor((event) => event.taskUpdated.status === 'PROCESSING' && event.taskUpdated.progress > 0, 60_000);

  // The worker running it is the parent of its ffmpeg.
  const ffmpegPids = await processesOfTask(uuid);
  expect(ffmpegPids).not.toEqual([]);
  const workerPid = await parentOf(ffmpegPids[0]);
  const victim = workers.find((worker) => worker.child.pid === workerPid)!;
  expect(victim).toBeDefined();
  const scratchFolders = async () => (await fs.readdir(os.tmpdir())).filter((name) => name.startsWith(`mediatasks-worker-${workerPid}-`));
  expect(await scratchFolders()).toHaveLength(1);

  const killedAt = Date.now();
  await victim.stop('SIGKILL');
  // Its ffmpeg is killed by the kernel with it, not left to run on.
  const orphanMs = await until(async () => (await Promise.all(ffmpegPids.map(isRunning))).every((running) => !running), 'the dead worker\'s ffmpeg to end', 10_000);

  // The other worker takes the task up again: its second attempt.
  await until(async () => {
    const task = (await client.request(TaskDocument, { id })).data?.task;
    return task?.attempts === 2 && task.status === 'PROCESSING';
  }, 'the second attempt to start', 60_000);
  const recoveryMs = Date.now() - killedAt;
  console.log(`worker SIGKILLed mid-transcode: its ffmpeg gone after ${orphanMs} ms, the task PROCESSING again after ${recoveryMs} ms`);
  expect(recoveryMs).toBeLessThan(30_000);

  // What the dead attempt would still write is refused; the live attempt's is taken.
  const direct: Database = connectDatabase(database.url);
  try {
    const lifecycle = new TaskLifecycle(direct.pool);
    expect(await lifecycle.reportProgress(uuid, 99, null, { attempts: 1 })).toBeNull();
    expect(await lifecycle.transition(uuid, 'FAILED', { attempts: 1, patch: { errorCode: 'INTERNAL', errorMessage: 'a late write of the dead attempt' } })).toBeNull();
    // A new estimate always changes what subscribers see (a lower progress than the live attempt's would not).
    expect(await lifecycle.reportProgress(uuid, 1, new Date(Date.now() + 60_000), { attempts: 2 })).not.toBeNull();
  } finally {
    await direct.close();
  }

  const events = await updates.done;
  expect(events.at(-1)!.taskUpdated.status).toBe('SUCCEEDED');
  const { data } = await client.request(TaskDocument, { id });
  expect(data!.task!.attempts).toBe(2);
  const output = path.join(storageDir, 'check.mp4');
  await fs.writeFile(output, Buffer.from(await (await fetch(data!.task!.outputs[0].url)).arrayBuffer()));
  expect(Number((await ffprobe(output)).format.duration)).toBeCloseTo(12, 0);

  // The next worker to start on this host clears the dead one's scratch folder (in a full test
  // run, a server of another test file may be that worker).
  await startWorker();
  expect(await scratchFolders()).toEqual([]);
}, 180_000);
