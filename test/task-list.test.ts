// The task list: Relay paging both ways, ordering, every TaskFilter condition, task/node lookups
// and the kinds query, against tasks created through the real API from a local media server.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  TaskListCreateDocument, TaskListKindsDocument, TaskListNodeDocument, TaskListPageDocument, TaskListTaskDocument,
  TaskListUpdatedDocument, type TaskListPageQueryVariables, type TaskListFieldsFragment,
} from './generated/graphql.js';
import { writeTestImage, writeTestVideo } from './support/fixtures.js';
import { startMediaServer, type MediaServer } from './support/media-server.js';
import { startTestServer, type TestServer } from './support/test-server.js';

type TaskFilter = NonNullable<TaskListPageQueryVariables['filter']>;
type TaskOrder = NonNullable<TaskListPageQueryVariables['orderBy']>;

/** What each created task is, as the test knows it without asking the server. */
interface Spec {
  name: string;
  batch: 'A' | 'B';
  file: string;
  status: 'SUCCEEDED' | 'FAILED';
  width?: number;
  height?: number;
  /** Seconds, for videos. */
  seconds?: number;
}

// Distinct widths and heights so that each range filter singles out a known subset.
const specs: Spec[] = [
  { name: 'sunset', batch: 'A', file: 'Sunset-Beach.png', status: 'SUCCEEDED', width: 64, height: 48 },
  { name: 'mountain', batch: 'A', file: 'mountain-view.png', status: 'SUCCEEDED', width: 128, height: 96 },
  { name: 'short', batch: 'A', file: 'short-clip.mp4', status: 'SUCCEEDED', width: 176, height: 144, seconds: 1 },
  { name: 'missingA', batch: 'A', file: 'missing-beach.png', status: 'FAILED' }, // not on the media server: 404
  { name: 'house', batch: 'B', file: 'Beach-House.png', status: 'SUCCEEDED', width: 320, height: 240 },
  { name: 'long', batch: 'B', file: 'long-clip.mp4', status: 'SUCCEEDED', width: 320, height: 180, seconds: 3 },
  { name: 'missingB', batch: 'B', file: 'gone.mp4', status: 'FAILED' },
];

interface Created extends Spec {
  id: string;
  createdAt: string;
}

let server: TestServer;
let media: MediaServer;
let mediaDir: string;
/** In creation order. */
const created: Created[] = [];
/** Final state of every task, by id, as task(id) reports it once terminal. */
const finals = new Map<string, TaskListFieldsFragment>();
/** Strictly between the last creation of batch A and the first of batch B. */
let betweenBatches: string;
/** The latest updatedAt of batch A, all of whose tasks had ended before batch B was created. */
let lastUpdateOfA: string;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  mediaDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-list-media-'));
  await Promise.all(specs.filter((spec) => spec.status === 'SUCCEEDED').map((spec) => spec.seconds
    ? writeTestVideo(path.join(mediaDir, spec.file), { width: spec.width, height: spec.height, seconds: spec.seconds, audio: false })
    : writeTestImage(path.join(mediaDir, spec.file), spec.width!, spec.height!)));
  [server, media] = await Promise.all([startTestServer(), startMediaServer(mediaDir)]);

  await createBatch('A');
  lastUpdateOfA = maxIso(created.map((task) => finals.get(task.id)!.updatedAt));
  await sleep(30);
  await createBatch('B');
  const lastA = created.filter((task) => task.batch === 'A').at(-1)!;
  const firstB = created.find((task) => task.batch === 'B')!;
  betweenBatches = new Date((Date.parse(lastA.createdAt) + Date.parse(firstB.createdAt)) / 2).toISOString();
});

afterAll(async () => {
  await server?.stop();
  await media?.close();
  if (mediaDir) await fs.rm(mediaDir, { recursive: true, force: true });
});

/** Creates the batch's tasks one after another (so createdAt strictly increases), then waits for all to end. */
async function createBatch(batch: 'A' | 'B'): Promise<void> {
  const waits: Array<Promise<unknown>> = [];
  for (const spec of specs.filter((candidate) => candidate.batch === batch)) {
    const response = await server.client.request(TaskListCreateDocument, {
      input: { kind: 'IMAGE', url: `${media.url}/${spec.file}`, options: { image: { width: 16, format: 'png' } } },
    });
    expect(response.errors).toBeUndefined();
    const task = response.data!.createTask;
    created.push({ ...spec, id: task.id, createdAt: task.createdAt });
    const updates = server.client.subscribe(TaskListUpdatedDocument, { id: task.id });
    waits.push(withTimeout(updates.done, 20_000, `task ${spec.name} did not end`).then(async (events) => {
      expect(events.at(-1)!.taskUpdated.status).toBe(spec.status);
      const { data, errors } = await server.client.request(TaskListTaskDocument, { id: task.id });
      expect(errors).toBeUndefined();
      finals.set(task.id, data!.task!);
    }));
    await sleep(3); // distinct createdAt milliseconds even on a fast machine
  }
  await Promise.all(waits);
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([promise, new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(message)), ms); })])
    .finally(() => clearTimeout(timer));
}

function maxIso(values: string[]): string {
  return new Date(Math.max(...values.map((value) => Date.parse(value)))).toISOString();
}

const ids = (tasks: Array<{ id: string }>) => tasks.map((task) => task.id);
/** Ids of the created tasks that satisfy the predicate, newest first (the default order). */
const expectedIds = (predicate: (task: Created) => boolean) => ids(created.filter(predicate)).reverse();
const byName = (name: string) => created.find((task) => task.name === name)!;

async function page(variables: TaskListPageQueryVariables) {
  const response = await server.client.request(TaskListPageDocument, variables);
  expect(response.errors).toBeUndefined();
  return response.data!.tasks;
}

/** Pages forward with `first`, checking pageInfo, cursors and totalCount on every page. */
async function pageForward(size: number, filter?: TaskFilter, orderBy?: TaskOrder) {
  const seen: TaskListFieldsFragment[] = [];
  const pages: number[] = [];
  let after: string | undefined;
  for (let guard = 0; guard < 50; guard++) {
    const result = await page({ first: size, after, filter, orderBy });
    const { pageInfo, edges } = result;
    pages.push(edges.length);
    seen.push(...edges.map((edge) => edge.node));
    expect(pageInfo.hasPreviousPage).toBe(after !== undefined);
    expect(result.totalCount).toBeGreaterThanOrEqual(seen.length);
    if (edges.length > 0) {
      expect(pageInfo.startCursor).toBe(edges[0].cursor);
      expect(pageInfo.endCursor).toBe(edges.at(-1)!.cursor);
    }
    if (!pageInfo.hasNextPage) {
      expect(seen.length).toBe(result.totalCount);
      return { tasks: seen, totalCount: result.totalCount, pages };
    }
    expect(edges).toHaveLength(size);
    after = pageInfo.endCursor!;
  }
  throw new Error('paging forward did not end');
}

/** Pages backward with `last`, from the end of the list to its start. */
async function pageBackward(size: number, filter?: TaskFilter, orderBy?: TaskOrder) {
  let seen: TaskListFieldsFragment[] = [];
  const pages: number[] = [];
  let before: string | undefined;
  for (let guard = 0; guard < 50; guard++) {
    const result = await page({ last: size, before, filter, orderBy });
    const { pageInfo, edges } = result;
    pages.push(edges.length);
    seen = [...edges.map((edge) => edge.node), ...seen];
    expect(pageInfo.hasNextPage).toBe(before !== undefined);
    if (edges.length > 0) {
      expect(pageInfo.startCursor).toBe(edges[0].cursor);
      expect(pageInfo.endCursor).toBe(edges.at(-1)!.cursor);
    }
    if (!pageInfo.hasPreviousPage) {
      expect(seen.length).toBe(result.totalCount);
      return { tasks: seen, totalCount: result.totalCount, pages };
    }
    expect(edges).toHaveLength(size);
    before = pageInfo.startCursor!;
  }
  throw new Error('paging backward did not end');
}

/** The filter gives exactly the expected tasks, newest first, in one page and paged by two. */
async function expectFilter(filter: TaskFilter, expected: string[]) {
  expect(expected.length).toBeGreaterThan(0); // a filter that matches nothing proves little
  const whole = await page({ first: 50, filter });
  expect(ids(whole.edges.map((edge) => edge.node))).toEqual(expected);
  expect(whole.totalCount).toBe(expected.length);
  expect(whole.pageInfo.hasNextPage).toBe(false);
  const paged = await pageForward(2, filter);
  expect(ids(paged.tasks)).toEqual(expected);
  expect(paged.totalCount).toBe(expected.length);
}

describe('fixtures', () => {
  it('created every task with the facts the filters rely on', () => {
    expect(created).toHaveLength(specs.length);
    for (const task of created) {
      const final = finals.get(task.id)!;
      expect(final.status).toBe(task.status);
      expect(final.kind).toBe('IMAGE');
      if (task.status === 'FAILED') {
        expect(final.error?.code).toBe('INPUT_UNREACHABLE');
        expect(final.input).toBeNull();
      } else {
        expect(final.input).toMatchObject({ filename: task.file, width: task.width, height: task.height });
        if (task.seconds) expect(final.input!.duration).toBeCloseTo(task.seconds, 1);
        else expect(final.input!.duration).toBeNull();
      }
    }
    // Creation order is createdAt order: sequential creations with a pause in between.
    const times = created.map((task) => Date.parse(task.createdAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(new Set(times).size).toBe(times.length);
    expect(Date.parse(betweenBatches)).toBeGreaterThan(Date.parse(byName('missingA').createdAt));
    expect(Date.parse(betweenBatches)).toBeLessThan(Date.parse(byName('house').createdAt));
  });
});

describe('tasks connection paging', () => {
  it('pages forward by two through every task, no duplicates, no gaps', async () => {
    const { tasks, totalCount, pages } = await pageForward(2);
    expect(totalCount).toBe(specs.length);
    expect(pages).toEqual([2, 2, 2, 1]);
    expect(ids(tasks)).toEqual(expectedIds(() => true));
    expect(new Set(ids(tasks)).size).toBe(tasks.length);
  });

  it('hasNextPage is false on a page that ends exactly at the last task', async () => {
    const first = await page({ first: 4 });
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = await page({ first: 3, after: first.pageInfo.endCursor });
    expect(rest.edges).toHaveLength(3);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    expect(ids([...first.edges, ...rest.edges].map((edge) => edge.node))).toEqual(expectedIds(() => true));
    const all = await page({ first: specs.length });
    expect(all.pageInfo.hasNextPage).toBe(false);
    expect(all.edges).toHaveLength(specs.length);
  });

  it('pages backward by two to the same list in the same order', async () => {
    const forward = await pageForward(2);
    const backward = await pageBackward(2);
    expect(backward.totalCount).toBe(specs.length);
    expect(backward.pages).toEqual([2, 2, 2, 1]);
    expect(ids(backward.tasks)).toEqual(ids(forward.tasks));

    const last = await page({ last: 2 });
    expect(ids(last.edges.map((edge) => edge.node))).toEqual(expectedIds(() => true).slice(-2));
    expect(last.pageInfo.hasPreviousPage).toBe(true);
    const everything = await page({ last: specs.length });
    expect(everything.pageInfo.hasPreviousPage).toBe(false);
  });

  it('pages a filtered list with the filtered totalCount', async () => {
    const succeeded = expectedIds((task) => task.status === 'SUCCEEDED');
    const forward = await pageForward(2, { status: ['SUCCEEDED'] });
    expect(forward.totalCount).toBe(succeeded.length);
    expect(ids(forward.tasks)).toEqual(succeeded);
    expect(forward.pages).toEqual([2, 2, 1]);
    const backward = await pageBackward(2, { status: ['SUCCEEDED'] });
    expect(backward.totalCount).toBe(succeeded.length);
    expect(ids(backward.tasks)).toEqual(succeeded);
  });

  it('reports a bad cursor as an error, not as an empty page', async () => {
    const response = await server.client.request(TaskListPageDocument, { first: 2, after: 'not-a-cursor' });
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0]).toMatchObject({ message: expect.stringMatching(/cursor/i), extensions: { code: 'BAD_USER_INPUT' } });
  });
});

describe('tasks ordering', () => {
  it('defaults to createdAt descending', async () => {
    const newestFirst = expectedIds(() => true);
    const byDefault = await page({ first: 50 });
    expect(ids(byDefault.edges.map((edge) => edge.node))).toEqual(newestFirst);
    const explicit = await page({ first: 50, orderBy: { field: 'CREATED_AT', direction: 'DESC' } });
    expect(ids(explicit.edges.map((edge) => edge.node))).toEqual(newestFirst);
  });

  it('CREATED_AT ASC is the reverse, and pages the same way', async () => {
    const oldestFirst = ids(created);
    const asc = await page({ first: 50, orderBy: { field: 'CREATED_AT', direction: 'ASC' } });
    expect(ids(asc.edges.map((edge) => edge.node))).toEqual(oldestFirst);
    const paged = await pageForward(2, undefined, { field: 'CREATED_AT', direction: 'ASC' });
    expect(ids(paged.tasks)).toEqual(oldestFirst);
    const back = await pageBackward(3, undefined, { field: 'CREATED_AT', direction: 'ASC' });
    expect(ids(back.tasks)).toEqual(oldestFirst);
  });

  it('UPDATED_AT sorts by updatedAt both ways, ties broken by id', async () => {
    const finalTasks = [...finals.values()];
    const ascending = [...finalTasks].sort((a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt) || (a.id < b.id ? -1 : 1));
    const asc = await page({ first: 50, orderBy: { field: 'UPDATED_AT', direction: 'ASC' } });
    const ascNodes = asc.edges.map((edge) => edge.node);
    expect(ids(ascNodes)).toEqual(ids(ascending));
    expect(ascNodes.map((task) => task.updatedAt)).toEqual(ascending.map((task) => task.updatedAt));
    const desc = await page({ first: 50, orderBy: { field: 'UPDATED_AT', direction: 'DESC' } });
    expect(ids(desc.edges.map((edge) => edge.node))).toEqual(ids(ascending).reverse());
    const paged = await pageForward(2, undefined, { field: 'UPDATED_AT', direction: 'DESC' });
    expect(ids(paged.tasks)).toEqual(ids(ascending).reverse());
    // Batch A ended before batch B was created, so every A task sorts before every B task.
    expect(ascNodes.slice(0, 4).every((task) => created.find((c) => c.id === task.id)!.batch === 'A')).toBe(true);
  });
});

describe('tasks filters', () => {
  it('status', async () => {
    await expectFilter({ status: ['SUCCEEDED'] }, expectedIds((task) => task.status === 'SUCCEEDED'));
    await expectFilter({ status: ['FAILED'] }, expectedIds((task) => task.status === 'FAILED'));
    await expectFilter({ status: ['FAILED', 'SUCCEEDED'] }, expectedIds(() => true));
    const none = await page({ first: 50, filter: { status: ['PROCESSING'] } });
    expect(none.edges).toEqual([]);
    expect(none.totalCount).toBe(0);
    expect(none.pageInfo.hasNextPage).toBe(false);
  });

  it('kind', async () => {
    await expectFilter({ kind: ['IMAGE'] }, expectedIds(() => true));
  });

  it('createdAfter / createdBefore, with a time between two batches and with inclusive bounds', async () => {
    await expectFilter({ createdAfter: betweenBatches }, expectedIds((task) => task.batch === 'B'));
    await expectFilter({ createdBefore: betweenBatches }, expectedIds((task) => task.batch === 'A'));
    // Both bounds are inclusive.
    await expectFilter({ createdAfter: byName('house').createdAt }, expectedIds((task) => task.batch === 'B'));
    await expectFilter({ createdBefore: byName('missingA').createdAt }, expectedIds((task) => task.batch === 'A'));
    await expectFilter({ createdAfter: byName('mountain').createdAt, createdBefore: byName('house').createdAt },
      ids([byName('house'), byName('missingA'), byName('short'), byName('mountain')]));
    await expectFilter({ createdAfter: betweenBatches, status: ['SUCCEEDED'] },
      expectedIds((task) => task.batch === 'B' && task.status === 'SUCCEEDED'));
  });

  it('updatedAfter / updatedBefore', async () => {
    const afterA = new Date(Date.parse(lastUpdateOfA) + 1).toISOString();
    await expectFilter({ updatedAfter: afterA }, expectedIds((task) => task.batch === 'B'));
    await expectFilter({ updatedBefore: lastUpdateOfA }, expectedIds((task) => task.batch === 'A'));
  });

  it('filename: case-insensitive substring of the input filename', async () => {
    await expectFilter({ filename: 'BEACH' }, ids([byName('house'), byName('sunset')]));
    await expectFilter({ filename: 'beach' }, ids([byName('house'), byName('sunset')]));
    await expectFilter({ filename: 'Clip.MP4' }, ids([byName('long'), byName('short')]));
    await expectFilter({ filename: '.png' }, ids([byName('house'), byName('mountain'), byName('sunset')]));
    const none = await page({ first: 50, filter: { filename: 'no-such-name' } });
    expect(none.totalCount).toBe(0);
    expect(none.edges).toEqual([]);
  });

  it('duration range in seconds (inclusive; images have none)', async () => {
    await expectFilter({ duration: { min: 2 } }, ids([byName('long')]));
    await expectFilter({ duration: { max: 2 } }, ids([byName('short')]));
    await expectFilter({ duration: { min: 0.5, max: 1.5 } }, ids([byName('short')]));
    await expectFilter({ duration: { min: 0 } }, ids([byName('long'), byName('short')]));
    const exact = finals.get(byName('long').id)!.input!.duration!;
    await expectFilter({ duration: { min: exact, max: exact } }, ids([byName('long')]));
  });

  it('width range in pixels (inclusive)', async () => {
    await expectFilter({ width: { min: 100, max: 200 } }, ids([byName('short'), byName('mountain')]));
    await expectFilter({ width: { min: 320 } }, ids([byName('long'), byName('house')]));
    await expectFilter({ width: { max: 64 } }, ids([byName('sunset')]));
    await expectFilter({ width: { min: 128, max: 128 } }, ids([byName('mountain')]));
  });

  it('height range in pixels (inclusive)', async () => {
    await expectFilter({ height: { min: 150 } }, ids([byName('long'), byName('house')]));
    await expectFilter({ height: { max: 96 } }, ids([byName('mountain'), byName('sunset')]));
    await expectFilter({ height: { min: 144, max: 180 } }, ids([byName('long'), byName('short')]));
  });

  it('combines conditions with AND', async () => {
    await expectFilter({ width: { min: 300 }, height: { max: 200 } }, ids([byName('long')]));
    await expectFilter({ filename: 'beach', createdBefore: betweenBatches }, ids([byName('sunset')]));
  });
});

describe('task and node lookups', () => {
  it('task(id) takes the global id and the bare UUID', async () => {
    const { id } = byName('house');
    const decoded = Buffer.from(id, 'base64').toString('utf8');
    expect(decoded).toMatch(/^Task:[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const uuid = decoded.slice('Task:'.length);

    const byGlobal = await server.client.request(TaskListTaskDocument, { id });
    expect(byGlobal.errors).toBeUndefined();
    expect(byGlobal.data!.task).toMatchObject({ id, status: 'SUCCEEDED', input: { filename: 'Beach-House.png' } });
    const byUuid = await server.client.request(TaskListTaskDocument, { id: uuid });
    expect(byUuid.errors).toBeUndefined();
    expect(byUuid.data!.task).toEqual(byGlobal.data!.task);
    const byUpperUuid = await server.client.request(TaskListTaskDocument, { id: uuid.toUpperCase() });
    expect(byUpperUuid.data!.task?.id).toBe(id);
  });

  it('node(id) returns the Task', async () => {
    const { id } = byName('missingB');
    const response = await server.client.request(TaskListNodeDocument, { id });
    expect(response.errors).toBeUndefined();
    expect(response.data!.node).toEqual({ __typename: 'Task', id, status: 'FAILED', kind: 'IMAGE' });
  });

  it('node(id) takes the bare UUID too, in either case', async () => {
    const { id } = byName('missingB');
    const uuid = Buffer.from(id, 'base64').toString('utf8').slice('Task:'.length);
    for (const given of [uuid, uuid.toUpperCase()]) {
      const response = await server.client.request(TaskListNodeDocument, { id: given });
      expect(response.errors, given).toBeUndefined();
      expect(response.data!.node, given).toEqual({ __typename: 'Task', id, status: 'FAILED', kind: 'IMAGE' });
    }
    const unknown = await server.client.request(TaskListNodeDocument, { id: randomUUID() });
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data!.node).toBeNull();
  });

  it('an unknown id gives null', async () => {
    const unknownUuid = randomUUID();
    const bare = await server.client.request(TaskListTaskDocument, { id: unknownUuid });
    expect(bare.errors).toBeUndefined();
    expect(bare.data!.task).toBeNull();
    const global = Buffer.from(`Task:${unknownUuid}`).toString('base64');
    const byGlobal = await server.client.request(TaskListTaskDocument, { id: global });
    expect(byGlobal.errors).toBeUndefined();
    expect(byGlobal.data!.task).toBeNull();
    const node = await server.client.request(TaskListNodeDocument, { id: global });
    expect(node.data?.node ?? null).toBeNull();
  });

  it('an invalid id is BAD_USER_INPUT', async () => {
    for (const id of ['not-a-task-id', '', Buffer.from(`User:${randomUUID()}`).toString('base64'), Buffer.from('Task:42').toString('base64')]) {
      const response = await server.client.request(TaskListTaskDocument, { id });
      expect(response.errors, id).toHaveLength(1);
      expect(response.errors![0].extensions?.code, id).toBe('BAD_USER_INPUT');
      expect(response.data?.task ?? null).toBeNull();
    }
  });
});

describe('kinds', () => {
  it('lists IMAGE with its options type and JSON Schema', async () => {
    const response = await server.client.request(TaskListKindsDocument);
    expect(response.errors).toBeUndefined();
    const image = response.data!.kinds.find((kind) => kind.kind === 'IMAGE');
    expect(image).toBeDefined();
    expect(image!.optionsType).toBe('ImageOptions');
    const schema = image!.optionsSchema as { properties: Record<string, { type?: string; minimum?: number; maximum?: number }> };
    expect(schema.properties.width).toMatchObject({ type: 'integer', minimum: 1 });
    expect(schema.properties.height).toMatchObject({ type: 'integer', minimum: 1 });
  });

  it('says which kinds nothing is configured to run: prompt without a language model, with why; the rest run', async () => {
    const { kinds } = (await server.client.request(TaskListKindsDocument)).data!;
    const unavailable = kinds.filter((kind) => kind.unavailable !== null);
    expect(unavailable.map((kind) => kind.kind)).toEqual(['PROMPT']);
    expect(unavailable[0].unavailable).toMatch(/OPENAI_BASE_URL/);
    // The same words createTask refuses it with.
    const refused = await server.client.request(TaskListCreateDocument, { input: { kind: 'PROMPT', url: 'http://127.0.0.1:9/x.png', options: { prompt: { prompt: 'What is it?' } } } } as never);
    expect(refused.errors?.[0]?.message).toBe(unavailable[0].unavailable);
  });

  it('lists every kind of the catalogue, the recursive workflow options included', async () => {
    const response = await server.client.request(TaskListKindsDocument);
    expect(response.data!.kinds.map((kind) => kind.kind).sort()).toEqual([
      'ADAPTIVE_VIDEO', 'ANIMATION', 'AUDIO', 'CHAPTERS', 'DESCRIPTION', 'IMAGE', 'NSFW', 'PROMPT', 'SPEECH', 'SUBTITLES', 'THUMBNAILS', 'VIDEO', 'WORKFLOW',
    ]);
    const workflow = response.data!.kinds.find((kind) => kind.kind === 'WORKFLOW')!;
    expect(workflow.optionsType).toBe('WorkflowOptions');
    expect(JSON.stringify(workflow.optionsSchema)).toContain('"next"');
    const prompt = response.data!.kinds.find((kind) => kind.kind === 'PROMPT')!;
    expect((prompt.optionsSchema as { required?: string[] }).required).toContain('prompt');
  });
});
