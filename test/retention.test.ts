// TASK_RETENTION_DAYS: a scheduled pg-boss job deletes, in batches, the workflows and lone tasks
// that ended before the retention period, with their steps, events, outputs, webhook deliveries
// and both storage folders of every task; nothing younger, nothing still running, no workflow
// with a step still running, no step alone.
import fs from 'node:fs/promises';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { retentionCron, retentionQueue, TaskRetention, type RetentionRemoved } from '../src/retention/task-retention.js';
import { LocalStorage } from '../src/storage/local-storage.js';
import { createLogger } from '../src/logger.js';
import { generateWebhookSecret } from '../src/webhooks/webhook-secrets.js';
import { CancelTaskDocument, TaskUpdatedDocument, WorkflowTreeDocument, type CreateTaskInput } from './generated/graphql.js';
import { writeTestImage } from './support/fixtures.js';
import { startMediaServer, type MediaServer } from './support/media-server.js';
import { taskUuid } from './support/processes.js';
import { createTask, runTaskToEnd } from './support/tasks.js';
import { startTestServer, type TestServer } from './support/test-server.js';

let server: TestServer;
let media: MediaServer;
let mediaDir: string;
let database: pg.Client;
let boss: PgBoss;
let webhooksReceived = 0;

beforeAll(async () => {
  mediaDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-retention-'));
  await writeTestImage(path.join(mediaDir, 'photo.png'), 64, 48);
  const hook: http.RequestListener = (request, response) => {
    request.resume().on('end', () => {
      webhooksReceived++;
      response.writeHead(204).end();
    });
  };
  media = await startMediaServer(mediaDir, { '/stall.png': () => {}, '/hook': hook });
  server = await startTestServer({ TASK_RETENTION_DAYS: '1', TASK_RETENTION_BATCH: '2', WEBHOOK_SECRET: generateWebhookSecret(), QUEUE_POLL_INTERVAL_SECONDS: '0.5' });
  database = new pg.Client({ connectionString: server.databaseUrl });
  await database.connect();
  // The test's own pg-boss client, to look at the schedule and send the job a tick would send.
  boss = new PgBoss({ connectionString: server.databaseUrl, schedule: false, supervise: false });
  boss.on('error', () => {});
  await boss.start();
});

afterAll(async () => {
  await boss?.stop({ graceful: false });
  await database?.end();
  await server?.stop();
  await media?.close();
  await fs.rm(mediaDir, { recursive: true, force: true });
});

const image = (extra: Partial<CreateTaskInput> = {}): CreateTaskInput => ({ kind: 'IMAGE', url: `${media.url}/photo.png`, options: { image: { width: 32 } }, ...extra });
const imageWorkflow = (): CreateTaskInput => ({
  kind: 'WORKFLOW', url: `${media.url}/photo.png`,
  options: { workflow: { steps: [{ kind: 'IMAGE', ref: 'first', options: { image: { width: 32 } }, next: [{ kind: 'IMAGE', ref: 'second', options: { image: { width: 16 } } }] }] } } as never,
});

async function finished(input: CreateTaskInput, status = 'SUCCEEDED'): Promise<string> {
  const { id, events } = await runTaskToEnd(server.client, input);
  expect(events.at(-1)!.taskUpdated.status).toBe(status);
  return taskUuid(id);
}

/** A workflow run to its end: its id and its steps' ids by ref. */
async function finishedWorkflow(): Promise<{ id: string; steps: Record<string, string> }> {
  const { id } = await runTaskToEnd(server.client, imageWorkflow());
  const { data } = await server.client.request(WorkflowTreeDocument, { id });
  expect(data!.task!.status).toBe('SUCCEEDED');
  return { id: taskUuid(id), steps: Object.fromEntries(data!.task!.children.map((step) => [step.stepRef!, taskUuid(step.id)])) };
}

const setFinishedAt = (ids: string[], age: string) => database.query(`UPDATE task SET finished_at = now() - $2::interval WHERE id = ANY($1::uuid[])`, [ids, age]);

interface Footprint { events: number; deliveries: number; outputs: number; folders: string[] }

/** What each task has in the database and in storage (the folders that exist). */
async function footprints(): Promise<Map<string, Footprint>> {
  const { rows } = await database.query<{ id: string; inputSecret: string; outputSecret: string; events: number; deliveries: number; outputs: number }>(
    `SELECT t.id, t.input_secret AS "inputSecret", t.output_secret AS "outputSecret",
      (SELECT count(*) FROM task_event WHERE task_id = t.id)::int AS events,
      (SELECT count(*) FROM webhook_delivery WHERE task_id = t.id)::int AS deliveries,
      (SELECT count(*) FROM task_output WHERE task_id = t.id)::int AS outputs
    FROM task t`);
  const result = new Map<string, Footprint>();
  for (const row of rows) {
    const folders: string[] = [];
    for (const secret of [row.inputSecret, row.outputSecret]) {
      if (await fs.access(path.join(server.storageDir, secret)).then(() => true, () => false)) folders.push(secret);
    }
    result.set(row.id, { events: row.events, deliveries: row.deliveries, outputs: row.outputs, folders });
  }
  return result;
}

/** Sends the job a schedule tick sends and waits for its output. */
async function runRetention(): Promise<RetentionRemoved & { batches: number }> {
  const jobId = await boss.send(retentionQueue, {});
  expect(jobId).toBeTruthy();
  for (const until = Date.now() + 10_000; Date.now() < until;) {
    const job = await boss.getJobById<object>(retentionQueue, jobId!);
    if (job?.state === 'completed') return job.output as RetentionRemoved & { batches: number };
    if (job?.state === 'failed') throw new Error(`retention job failed: ${JSON.stringify(job.output)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('retention job did not complete within 10 s');
}

describe('retention', () => {
  it('is off unless TASK_RETENTION_DAYS is set, which must be a positive number of days', () => {
    expect(loadConfig({}).retention).toBeNull();
    expect(loadConfig({ TASK_RETENTION_DAYS: '0.5' }).retention).toEqual({ ageSeconds: 43_200, batchSize: 500 });
    expect(() => loadConfig({ TASK_RETENTION_DAYS: '0' })).toThrow(/TASK_RETENTION_DAYS/);
    expect(() => loadConfig({ TASK_RETENTION_DAYS: 'forever' })).toThrow(/TASK_RETENTION_DAYS/);
    expect(() => loadConfig({ TASK_RETENTION_DAYS: '30', TASK_RETENTION_BATCH: '0' })).toThrow(/TASK_RETENTION_BATCH/);
  });

  it('schedules the run for the deployment; a worker started without retention removes the schedule', async () => {
    const schedules = await boss.getSchedules(retentionQueue);
    expect(schedules.map((schedule) => [schedule.name, schedule.cron])).toEqual([[retentionQueue, retentionCron]]);

    // (Which also keeps a tick from running during the next test: it sends the job itself.)
    const pool = new pg.Pool({ connectionString: server.databaseUrl });
    const withoutRetention = new TaskRetention({
      pool, boss, storage: new LocalStorage(server.storageDir, () => server.url),
      settings: null, pollIntervalSeconds: 1, logger: createLogger({ logLevel: 'silent' }),
    });
    await withoutRetention.start();
    expect(await boss.getSchedules(retentionQueue)).toEqual([]);
    await withoutRetention.stop();
    await pool.end();
  });

  it('deletes exactly the tasks and whole workflows that ended before the period, with everything of theirs', async () => {
    const startedAt = Date.now();
    // Tasks that ended two days ago: gone after the run.
    const oldImage = await finished(image({ webhookUrl: `${media.url}/hook` }));
    const oldFailed = await finished(image({ url: `${media.url}/missing.png` }), 'FAILED');
    const oldCancelled = await createTask(server.client, image({ url: `${media.url}/stall.png?cancelled` }));
    await server.client.subscribe(TaskUpdatedDocument, { id: oldCancelled }).waitFor((event) => event.taskUpdated.status === 'VALIDATING');
    expect((await server.client.request(CancelTaskDocument, { id: oldCancelled })).errors).toBeUndefined();
    const oldWorkflow = await finishedWorkflow();
    // What stays: a task younger than the period (by an hour, and one just ended), one still
    // running, a running workflow with a step that ended long ago, and an ended workflow with a
    // step that is (somehow) still running.
    const youngImage = await finished(image({ webhookUrl: `${media.url}/hook` }));
    const almostOld = await finished(image());
    const running = taskUuid(await createTask(server.client, image({ url: `${media.url}/stall.png?running` })));
    const runningWorkflow = await finishedWorkflow();
    const stepStillRunning = await finishedWorkflow();
    while (webhooksReceived < 2) await new Promise((resolve) => setTimeout(resolve, 20));

    const oldIds = [oldImage, oldFailed, taskUuid(oldCancelled), oldWorkflow.id, ...Object.values(oldWorkflow.steps)];
    await setFinishedAt([...oldIds, stepStillRunning.id, stepStillRunning.steps.first, runningWorkflow.steps.first], '2 days');
    await setFinishedAt([almostOld], '23 hours');
    await database.query(`UPDATE task SET created_at = now() - interval '3 days' WHERE id = $1`, [running]);
    // Raw SQL, without NOTIFY: the coordinator sees a running step and waits.
    await database.query(`UPDATE task SET status = 'PROCESSING', finished_at = NULL WHERE id = ANY($1::uuid[])`,
      [[runningWorkflow.id, runningWorkflow.steps.second, stepStillRunning.steps.second]]);

    const before = await footprints();
    expect(before.get(oldImage)).toMatchObject({ deliveries: 1, outputs: 1 });
    expect(before.get(oldImage)!.folders).toHaveLength(2);
    expect(before.get(oldWorkflow.steps.second)!.outputs).toBe(1);

    const removed = await runRetention();
    console.log(`retention: ${JSON.stringify(removed)}; test ${Date.now() - startedAt} ms`);

    const after = await footprints();
    expect([...after.keys()].sort()).toEqual([...before.keys()].filter((id) => !oldIds.includes(id)).sort());
    // Kept tasks keep everything; removed ones leave no row behind and none of their folders.
    for (const [id, footprint] of after) expect(footprint).toEqual(before.get(id));
    const { rows: [leftovers] } = await database.query(`SELECT
        (SELECT count(*) FROM task_event WHERE task_id = ANY($1::uuid[]))::int AS events,
        (SELECT count(*) FROM webhook_delivery WHERE task_id = ANY($1::uuid[]))::int AS deliveries,
        (SELECT count(*) FROM task_output WHERE task_id = ANY($1::uuid[]))::int AS outputs`, [oldIds]);
    expect(leftovers).toEqual({ events: 0, deliveries: 0, outputs: 0 });
    const removedFolders = oldIds.flatMap((id) => before.get(id)!.folders);
    for (const folder of removedFolders) await expect(fs.access(path.join(server.storageDir, folder))).rejects.toThrow();

    // The job's output counts what went: 4 roots in batches of 2 (the third finds none left).
    const expected = (key: 'events' | 'deliveries' | 'outputs') => oldIds.reduce((total, id) => total + before.get(id)![key], 0);
    expect(removed).toMatchObject({
      tasks: oldIds.length, events: expected('events'), deliveries: 1, outputs: expected('outputs'), folders: oldIds.length * 2, batches: 3,
    });
    expect(expected('deliveries')).toBe(1);

    // The worker's metrics count the same (open mode: /metrics needs no token).
    const scrape = await (await fetch(`${server.url}/metrics`)).text();
    expect(scrape).toContain(`mediatasks_retention_removed_total{what="tasks"} ${oldIds.length}`);
    expect(scrape).toContain(`mediatasks_retention_removed_total{what="folders"} ${oldIds.length * 2}`);

    // Nothing more is due: a second run removes nothing.
    expect(await runRetention()).toMatchObject({ tasks: 0, batches: 1 });
  }, 30_000);

});
