// Workflows through the API: the tree of child tasks, shared prerequisites, inputs taken from
// the previous step's output, failure and cancellation cascades, and option checks.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancelTaskDocument, CreateTaskDocument, DeleteTaskDocument, TaskDocument, TaskIdsDocument, TaskUpdatedDocument, WorkflowTreeDocument, type CreateTaskInput, type TaskFilter } from './generated/graphql.js';
import { writeTestVideo } from './support/fixtures.js';
import { startMediaServer, type MediaServer } from './support/media-server.js';
import { processesOfTask, taskUuid } from './support/processes.js';
import { expectTypedViews } from './support/typed-views.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { parseWebVtt } from './support/text-formats.js';
import { createTask, runTaskToEnd } from './support/tasks.js';

const fixtures = path.join(import.meta.dirname, 'fixtures');
let server: TestServer;
let media: MediaServer;
let mediaDir: string;

beforeAll(async () => {
  mediaDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-workflow-'));
  await fs.copyFile(path.join(fixtures, 'spoken-title.mp4'), path.join(mediaDir, 'spoken-title.mp4'));
  await Promise.all([
    writeTestVideo(path.join(mediaDir, 'no-audio.mp4'), { width: 160, height: 120, seconds: 2, audio: false }),
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

const create = (input: CreateTaskInput) => createTask(server.client, input);

async function runToEnd(input: CreateTaskInput) {
  const workflowTask = await tree((await runTaskToEnd(server.client, input, { completeWithinMs: 120_000 })).id);
  for (const task of [workflowTask, ...workflowTask.children]) await expectTypedViews(server.client, task.id);
  return workflowTask;
}

async function tree(id: string) {
  const { data } = await server.client.request(WorkflowTreeDocument, { id });
  return data!.task!;
}

const workflow = (steps: unknown[]): CreateTaskInput['options'] => ({ workflow: { steps } }) as never;

describe('workflow', () => {
  it('runs [video → thumbnails, speech → subtitles, chapters] as a tree sharing one transcript', async () => {
    const task = await runToEnd({
      kind: 'WORKFLOW',
      url: `${media.url}/spoken-title.mp4`,
      options: workflow([
        { kind: 'VIDEO', options: { video: { width: 160 } }, next: [{ kind: 'THUMBNAILS', options: { thumbnails: { mode: 'frames', count: 2 } } }] },
        { kind: 'SPEECH', next: [{ kind: 'SUBTITLES' }] },
        { kind: 'CHAPTERS' },
      ]),
    });
    expect(task.error).toBeNull();
    expect(task.status).toBe('SUCCEEDED');
    expect(task.progress).toBe(100);

    const byRef = Object.fromEntries(task.children.map((child) => [child.stepRef, child]));
    expect(Object.keys(byRef).sort()).toEqual(['chapters-1', 'speech-1', 'subtitles-1', 'thumbnails-1', 'video-1']);
    for (const child of task.children) expect(child.status).toBe('SUCCEEDED');
    // The tree: thumbnails after video; subtitles and chapters after the one speech step.
    expect(byRef['video-1'].dependsOn).toBeNull();
    expect(byRef['speech-1'].dependsOn).toBeNull();
    expect(byRef['thumbnails-1'].dependsOn!.stepRef).toBe('video-1');
    expect(byRef['subtitles-1'].dependsOn!.stepRef).toBe('speech-1');
    expect(byRef['chapters-1'].dependsOn!.stepRef).toBe('speech-1');

    // Each step's input is its dependency's output (media), or the same media (speech makes none).
    expect(byRef['video-1'].input!.url).toBe(task.input!.url);
    expect(byRef['thumbnails-1'].input!.url).toBe(byRef['video-1'].outputs[0].url);
    expect(byRef['subtitles-1'].input!.url).toBe(task.input!.url);
    // Facts come with an inherited input (no second probe), and are probed for a new one.
    expect(byRef['subtitles-1'].input!.filename).toBe('spoken-title.mp4');
    expect(byRef['thumbnails-1'].input!.filename).toBe(byRef['video-1'].outputs[0].filename);
    const frame = await sharp(Buffer.from(await (await fetch(byRef['thumbnails-1'].outputs[0].url)).arrayBuffer())).metadata();
    expect(frame.width).toBe(160);

    // One transcript, computed by the speech step and reused by the others.
    expect((byRef['subtitles-1'].result as any).transcriptReused).toBe(true);
    const database = new pg.Client({ connectionString: server.databaseUrl });
    await database.connect();
    const { rows } = await database.query('SELECT task_id FROM transcript');
    await database.end();
    expect(rows.map((row) => row.task_id)).toEqual([taskUuid(byRef['speech-1'].id)]);
    const cues = parseWebVtt(await (await fetch(byRef['subtitles-1'].outputs[0].url)).text());
    expect(cues.map((cue) => cue.payload).join(' ')).toMatch(/kitchen/i);

    expect((task.result as any).steps).toHaveLength(5);
  }, 150_000);

  it('adds one shared speech step before subtitles and chapters that need it', async () => {
    const task = await runToEnd({
      kind: 'WORKFLOW',
      url: `${media.url}/spoken-title.mp4`,
      options: workflow([{ kind: 'SUBTITLES', ref: 'captions' }, { kind: 'CHAPTERS', ref: 'marks' }]),
    });
    expect(task.status).toBe('SUCCEEDED');
    const speech = task.children.filter((child) => child.kind === 'SPEECH');
    expect(speech).toHaveLength(1);
    expect(speech[0].stepRef).toBe('speech-1');
    for (const ref of ['captions', 'marks']) expect(task.children.find((child) => child.stepRef === ref)!.dependsOn!.stepRef).toBe('speech-1');
    // The list of what was created leaves the steps out (topLevel), and lists only steps with false.
    const listed = async (filter: TaskFilter) => ((await server.client.request(TaskIdsDocument, { filter })).data!.tasks.edges.map((edge) => edge.node.id));
    const steps = task.children.map((child) => child.id);
    const topLevel = await listed({ topLevel: true });
    expect(topLevel).toContain(task.id);
    expect(topLevel.filter((id) => steps.includes(id))).toEqual([]);
    const onlySteps = await listed({ topLevel: false });
    expect(onlySteps).toEqual(expect.arrayContaining(steps));
    expect(onlySteps).not.toContain(task.id);
    // parentId, given too, decides.
    expect((await listed({ topLevel: true, parentId: task.id })).sort()).toEqual([...steps].sort());
  }, 120_000);

  it('fails when a step fails, cancelling its descendants', async () => {
    const task = await runToEnd({
      kind: 'WORKFLOW',
      url: `${media.url}/no-audio.mp4`,
      options: workflow([
        { kind: 'SPEECH', ref: 'words', next: [{ kind: 'SUBTITLES', ref: 'captions' }] },
        { kind: 'IMAGE', ref: 'poster', options: { image: { width: 80 } } },
      ]),
    });
    expect(task.status).toBe('FAILED');
    expect(task.error!.code).toBe('INPUT_UNSUPPORTED');
    expect(task.error!.message).toMatch(/^Step words \(speech\) failed: .*no audio stream/);
    const byRef = Object.fromEntries(task.children.map((child) => [child.stepRef, child]));
    expect(byRef.words.status).toBe('FAILED');
    expect(byRef.captions.status).toBe('CANCELLED');
    expect(byRef.captions.events.at(-1)!.message).toBe('step words failed');
    // The independent branch is not a descendant: it runs to its end.
    await server.client.subscribe(TaskUpdatedDocument, { id: byRef.poster.id }, { completeWithinMs: 30_000 }).done;
    expect((await tree(task.id)).children.find((child) => child.stepRef === 'poster')!.status).toBe('SUCCEEDED');
  }, 60_000);

  it('cancels every unfinished step with the workflow, stopping the running ones', async () => {
    const id = await create({
      kind: 'WORKFLOW',
      url: `${media.url}/long.mp4`,
      options: workflow([
        { kind: 'IMAGE', ref: 'quick', options: { image: { width: 32 } } },
        { kind: 'VIDEO', ref: 'slow', options: { video: { codec: 'h265', quality: 'very_high' } }, next: [{ kind: 'THUMBNAILS', ref: 'after' }] },
      ]),
    });
    const parent = server.client.subscribe(TaskUpdatedDocument, { id }, { completeWithinMs: 60_000 });
    await parent.waitFor((event) => event.taskUpdated.status === 'PROCESSING');
    // The steps exist from the workflow's PROCESSING on; wait for the slow one to be encoding.
    const steps = (await tree(id)).children;
    const slow = steps.find((child) => child.stepRef === 'slow')!;
    const quick = steps.find((child) => child.stepRef === 'quick')!;
    await server.client.subscribe(TaskUpdatedDocument, { id: slow.id }).waitFor((event) => event.taskUpdated.status === 'PROCESSING' && event.taskUpdated.progress > 0, 60_000);
    await server.client.subscribe(TaskUpdatedDocument, { id: quick.id }).done;
    expect(await processesOfTask(taskUuid(slow.id))).not.toEqual([]);

    // A finished step of a running workflow cannot be deleted: its siblings may still need it.
    const deleted = await server.client.request(DeleteTaskDocument, { id: quick.id });
    expect(deleted.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT' });
    expect(deleted.errors?.[0].message).toMatch(/still running/);

    const cancelled = await server.client.request(CancelTaskDocument, { id });
    expect(cancelled.errors).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await processesOfTask(taskUuid(slow.id))).toEqual([]);
    const after = await tree(id);
    expect(after.status).toBe('CANCELLED');
    expect(after.children.map((child) => [child.stepRef, child.status])).toEqual([['quick', 'SUCCEEDED'], ['slow', 'CANCELLED'], ['after', 'CANCELLED']]);
    await parent.done;
  }, 90_000);

  it('moves on from the database alone, as after a worker died between two steps', async () => {
    const task = await runToEnd({
      kind: 'WORKFLOW',
      url: `${media.url}/spoken-title.mp4`,
      options: workflow([{ kind: 'IMAGE', ref: 'first', options: { image: { width: 64 } }, next: [{ kind: 'IMAGE', ref: 'second', options: { image: { width: 32 } } }] }]),
    });
    expect(task.status).toBe('SUCCEEDED');
    const second = task.children.find((child) => child.stepRef === 'second')!;
    // Rewind to the moment after `first` succeeded, before `second` was released — with raw SQL,
    // so no NOTIFY tells anyone: only the coordinator's sweep of the database can move it on.
    const database = new pg.Client({ connectionString: server.databaseUrl });
    await database.connect();
    await database.query(`DELETE FROM task_output WHERE task_id = $1`, [taskUuid(second.id)]);
    await database.query(`UPDATE task SET status = 'WAITING', released_at = NULL, input_key = NULL, finished_at = NULL, progress = 0 WHERE id = $1`, [taskUuid(second.id)]);
    await database.query(`UPDATE task SET status = 'PROCESSING', finished_at = NULL, progress = 50 WHERE id = $1`, [taskUuid(task.id)]);
    await database.end();

    const events = await server.client.subscribe(TaskUpdatedDocument, { id: task.id }, { completeWithinMs: 20_000 }).done;
    expect(events[0].taskUpdated.status).toBe('PROCESSING');
    expect(events.at(-1)!.taskUpdated.status).toBe('SUCCEEDED');
    const after = (await tree(task.id)).children.find((child) => child.stepRef === 'second')!;
    expect(after.status).toBe('SUCCEEDED');
    expect(after.events.filter((event) => event.status === 'PROCESSING')).toHaveLength(2);
    expect(after.input!.url).toBe(task.children.find((child) => child.stepRef === 'first')!.outputs[0].url);
  }, 60_000);

  it('publishes no two identical events in a row on taskUpdated, and every status change', async () => {
    // Three steps make some fifteen step transitions, each of which re-aggregates the workflow's
    // progress: republished unchanged, those were most of the workflow's events.
    const { id, events } = await runTaskToEnd(server.client, {
      kind: 'WORKFLOW',
      url: `${media.url}/no-audio.mp4`,
      options: workflow([
        { kind: 'IMAGE', options: { image: { width: 64 } }, next: [{ kind: 'IMAGE', options: { image: { width: 32 } } }] },
        { kind: 'IMAGE', options: { image: { width: 48 } } },
      ]),
    }, { completeWithinMs: 120_000 });
    // What a subscriber can tell apart: everything but the time of the write.
    const visible = events.map(({ taskUpdated: { updatedAt: _written, ...rest } }) => rest);
    for (let index = 1; index < visible.length; index++) expect(visible[index], `event ${index} of ${JSON.stringify(visible)}`).not.toEqual(visible[index - 1]);
    expect(visible.at(-1)).toMatchObject({ status: 'SUCCEEDED', progress: 100 });
    // The average of three steps' progress, to 0.1 % (a third of 100 is not 33.333333333333336).
    for (const { progress } of visible) expect(Math.round(progress * 10) / 10).toBe(progress);

    // Every transition from the one the stream began in is there, in order.
    const transitions = (await server.client.request(TaskDocument, { id })).data!.task!.events.map((event) => event.status);
    const streamed = visible.map((event) => event.status).filter((status, index, all) => status !== all[index - 1]);
    expect(streamed).toEqual(transitions.slice(transitions.indexOf(streamed[0])));
    expect(streamed).toContain('PROCESSING');
  }, 150_000);

  it('checks every step\'s options at createTask, naming the field', async () => {
    const bad = await server.client.request(CreateTaskDocument, {
      input: { kind: 'WORKFLOW', url: `${media.url}/long.mp4`, options: workflow([{ kind: 'VIDEO', next: [{ kind: 'IMAGE', options: { image: { width: 0 } } }] }]) },
    });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'options.workflow.steps.0.next.0.options.image.width' });
    const nested = await server.client.request(CreateTaskDocument, { input: { kind: 'WORKFLOW', url: `${media.url}/long.mp4`, options: workflow([{ kind: 'WORKFLOW' }]) } });
    expect(nested.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'options.workflow.steps.0.kind' });
    const mismatch = await server.client.request(CreateTaskDocument, { input: { kind: 'WORKFLOW', url: `${media.url}/long.mp4`, options: workflow([{ kind: 'VIDEO', options: { image: { width: 10 } } }]) } });
    expect(mismatch.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'options.workflow.steps.0.options.image' });
    const duplicate = await server.client.request(CreateTaskDocument, { input: { kind: 'WORKFLOW', url: `${media.url}/long.mp4`, options: workflow([{ kind: 'VIDEO', ref: 'a' }, { kind: 'AUDIO', ref: 'a' }]) } });
    expect(duplicate.errors?.[0].message).toMatch(/ref "a" is used twice/);
    const prompt = await server.client.request(CreateTaskDocument, { input: { kind: 'WORKFLOW', url: `${media.url}/long.mp4`, options: workflow([{ kind: 'PROMPT', options: { prompt: { prompt: 'why?' } } }]) } });
    expect(prompt.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'options.workflow.steps.0.options.prompt' });
    expect(prompt.errors?.[0].message).toMatch(/OPENAI_BASE_URL/);
  });
});
