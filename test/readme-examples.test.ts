// The README's examples, run as written against a fresh server, so that they stay true.
//
// A fenced block whose info string is `<lang> test` runs, in README order, each as one test:
//
// - ```graphql test: one operation, POSTed to /graphql (a subscription over SSE, read until the
//   server completes it). Any GraphQL error fails it. Each top-level field of its answer that has
//   an `id` records it as `$<field or alias>Id` (`speech: createTask` → `$speechId`), and the last
//   one also as `$id`; a later block's variables take those values (in GraphiQL the reader types
//   them into the Variables pane). A query that uses one first waits for that task to end, so that
//   it shows what a finished task shows (children, result).
// - ```sh test: `bash -e -o pipefail` in a scratch folder that holds photo.jpg (a small JPEG) and
//   clip.mp4 (2 s of video with a tone), under the repo so that `npx mediatasks` resolves to the
//   workspace bin; PATH starts with node_modules/.bin (Node 24). It must exit 0. What it starts in
//   the background (`&`, the file server one-liner) lives until this file ends.
// - ```ts test: written to a .ts file in that folder (so `@mediatasks/client` and the repo's
//   dependencies resolve) and run there with the Node 24 of node_modules/.bin. It must exit 0.
//
// In every block `localhost:4000` becomes the test server's address, and the file server's port
// 8000 (`127.0.0.1:8000`, `listen(8000`) a free one; sh and ts blocks also get MEDIATASKS_URL. A
// block whose text says createTask must make a task, and every task the blocks made must end
// without failing. An example that needs what a test cannot give (an OpenAI key) is left untagged.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTestImage, writeTestVideo } from './support/fixtures.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const repo = path.resolve(import.meta.dirname, '..');
const binDir = path.join(repo, 'node_modules', '.bin');
const readme = fs.readFileSync(path.join(repo, 'README.md'), 'utf8');

interface Block {
  lang: 'graphql' | 'sh' | 'ts';
  line: number;
  code: string;
}

/** The tagged blocks: a fence of 3+ backticks whose info string is `<lang> test`. */
function taggedBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})\s*(\S+)(.*)$/.exec(lines[i]);
    if (!open) continue;
    const end = lines.findIndex((line, j) => j > i && line.startsWith(open[1]) && line.trim() === open[1]);
    if (end === -1) throw new Error(`README line ${i + 1}: a fence that never closes`);
    if (open[3].trim() === 'test') {
      const lang = open[2];
      if (lang !== 'graphql' && lang !== 'sh' && lang !== 'ts') throw new Error(`README line ${i + 1}: "${lang} test" is not a language the runner knows (graphql, sh, ts)`);
      blocks.push({ lang, line: i + 1, code: lines.slice(i + 1, end).join('\n') });
    }
    i = end;
  }
  return blocks;
}

const blocks = taggedBlocks(readme);
const terminal = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

let server: TestServer;
let scratch: string;
let filePort: number;
/** `$name` → task id, from the answers of the graphql blocks so far. */
const recorded = new Map<string, string>();
/** Process groups of sh blocks, with whatever they left in the background. */
const groups: number[] = [];

beforeAll(async () => {
  // The client's blocks run its compiled dist/ (what its exports and the bin name): built from
  // the current source, as `npm ci`'s postinstall leaves it, so that they test what is there now.
  if (blocks.some((block) => /@mediatasks\/client|npx mediatasks/.test(block.code))) {
    const { exitCode, output } = await runIn(repo, path.join(binDir, 'node'), ['client/scripts/build.mjs', '--if-stale'], { timeoutMs: 90_000 });
    expect(exitCode, output).toBe(0);
  }
  // Under the repo (.scratch/ is ignored by git): npx finds the workspace from there, and Node
  // strips types from .ts files outside node_modules only.
  await fsp.mkdir(path.join(repo, '.scratch'), { recursive: true });
  scratch = await fsp.mkdtemp(path.join(repo, '.scratch', 'readme-'));
  [server, filePort] = await Promise.all([
    startTestServer(),
    freePort(),
    writeTestImage(path.join(scratch, 'photo.jpg'), 640, 360, 'jpeg'),
    writeTestVideo(path.join(scratch, 'clip.mp4'), { seconds: 2 }),
  ]);
});

afterAll(async () => {
  for (const group of groups) endGroup(group);
  await server?.stop();
  if (scratch) await fsp.rm(scratch, { recursive: true, force: true });
});

function substitute(code: string): string {
  const address = new URL(server.url).host;
  return code.replaceAll('localhost:4000', address).replace(/(?<=127\.0\.0\.1:|listen\()8000\b/g, String(filePort));
}

describe('README examples', () => {
  it('has tagged blocks of each kind, the CLI and the client among them', () => {
    const langs = new Set(blocks.map((block) => block.lang));
    expect([...langs].sort()).toEqual(expect.arrayContaining(['graphql', 'sh', 'ts']));
    // Issue 17's promise: the README alone runs a task with the CLI and writes a typed client.
    expect(blocks.some((block) => block.lang === 'sh' && /npx mediatasks create .*--watch/.test(block.code)), 'a CLI create --watch block').toBe(true);
    expect(blocks.some((block) => block.lang === 'ts' && block.code.includes("from '@mediatasks/client'")), 'a client block').toBe(true);
  });

  for (const block of blocks) {
    it(`line ${block.line}: ${block.lang}`, async () => {
      const before = await taskCount();
      if (block.lang === 'graphql') await runGraphql(block);
      else if (block.lang === 'sh') await runShell(block);
      else await runTypeScript(block);
      if (/createTask/.test(block.code)) expect(await taskCount(), 'a block saying createTask makes a task').toBeGreaterThan(before);
    });
  }

  it('every task the examples made ended, none failed', async () => {
    const tasks = await allTasks();
    expect(tasks.length).toBeGreaterThan(0);
    const ended = await Promise.all(tasks.map(async (task) => ({ ...task, status: terminal.has(task.status) ? task.status : await endOf(task.id) })));
    const failed = await Promise.all(ended.filter((task) => task.status !== 'SUCCEEDED' && task.status !== 'CANCELLED').map((task) => describeTask(task.id)));
    expect(failed).toEqual([]);
  });
});

async function runGraphql(block: Block): Promise<void> {
  const query = substitute(block.code);
  const document = parse(query);
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  expect(operations, 'one operation per block, as GraphiQL runs it').toHaveLength(1);
  const [operation] = operations;
  const variables: Record<string, string> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const value = recorded.get(name);
    if (value === undefined) throw new Error(`$${name} names no id an earlier block recorded (recorded: ${[...recorded.keys()].join(', ') || 'none'})`);
    variables[name] = value;
  }
  if (operation.operation === 'query') {
    // What the block reads is what a finished task shows.
    for (const id of new Set(Object.values(variables))) expect(await endOf(id)).toBe('SUCCEEDED');
  }
  if (operation.operation === 'subscription') {
    const events = await subscribeOverSse(query, variables);
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) expect(event.errors).toBeUndefined();
    return;
  }
  const answer = await post(query, variables);
  expect(answer.errors).toBeUndefined();
  expect(answer.data).toBeTruthy();
  record(answer.data!);
}

function record(data: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(data)) {
    const id = (value as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') continue;
    recorded.set(`${key}Id`, id);
    recorded.set('id', id);
  }
}

async function runShell(block: Block): Promise<void> {
  const code = substitute(block.code);
  const { exitCode, output } = await run('bash', ['-e', '-o', 'pipefail', '-c', code], { keepGroup: true });
  expect(exitCode, output).toBe(0);
  // A server the block started in the background is awaited, so the next block can reach it.
  if (code.includes(`listen(${filePort}`)) await waitForPort(filePort);
}

async function runTypeScript(block: Block): Promise<void> {
  const file = path.join(scratch, `block-${block.line}.ts`);
  await fsp.writeFile(file, substitute(block.code));
  const { exitCode, output } = await run(path.join(binDir, 'node'), [file], { keepGroup: false });
  expect(exitCode, output).toBe(0);
}

/** Runs a command in the scratch folder; resolves when it exits (not when its background children close their output). */
function run(command: string, args: string[], options: { keepGroup: boolean }): Promise<{ exitCode: number | null; output: string }> {
  return runIn(scratch, command, args, options);
}

function runIn(cwd: string, command: string, args: string[], { keepGroup = false, timeoutMs = 30_000 } = {}): Promise<{ exitCode: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      detached: true, // a process group of its own: its background jobs are ended with it at the end
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PATH: `${binDir}${path.delimiter}${process.env.PATH}`, ...(server && { MEDIATASKS_URL: server.url }) },
    });
    if (keepGroup && child.pid) groups.push(child.pid);
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      endGroup(child.pid!);
      reject(new Error(`still running after ${timeoutMs / 1000} s; output so far:\n${output}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('exit', (exitCode) => {
      clearTimeout(timer);
      if (!keepGroup) endGroup(child.pid!);
      resolve({ exitCode, output });
    });
  });
}

/** Ends a process group, if anything of it is left (an uncaught ESRCH would end the test process). */
function endGroup(group: number): void {
  try {
    process.kill(-group, 'SIGKILL');
  } catch {
    // nothing of it is left
  }
}

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: unknown[];
}

async function post(query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Answer;
}

/** Every event of a subscription over SSE, until the server completes it. */
async function subscribeOverSse(query: string, variables: Record<string, unknown>): Promise<Answer[]> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const events: Answer[] = [];
  let buffered = '';
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    buffered += chunk.value;
    let end;
    while ((end = buffered.indexOf('\n\n')) !== -1) {
      const message = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      const type = /^event: (.*)$/m.exec(message)?.[1];
      if (type === 'complete') {
        await reader.cancel();
        return events;
      }
      const data = /^data: (.*)$/m.exec(message)?.[1];
      if (type === 'next' && data) events.push(JSON.parse(data) as Answer);
    }
  }
  throw new Error(`the stream ended without "complete"; events: ${JSON.stringify(events)}`);
}

/** The task's final status: taskUpdated sends its state now, then each change, and completes at the end. */
async function endOf(id: string): Promise<string> {
  const events = await subscribeOverSse('subscription($id: ID!) { taskUpdated(id: $id) { status } }', { id });
  for (const event of events) expect(event.errors).toBeUndefined();
  return (events.at(-1)?.data?.taskUpdated as { status: string }).status;
}

async function taskCount(): Promise<number> {
  const answer = await post('{ tasks(first: 1) { totalCount } }');
  return (answer.data!.tasks as { totalCount: number }).totalCount;
}

async function allTasks(): Promise<Array<{ id: string; status: string }>> {
  const answer = await post('{ tasks(first: 100) { edges { node { id status } } } }');
  return (answer.data!.tasks as { edges: Array<{ node: { id: string; status: string } }> }).edges.map((edge) => edge.node);
}

async function describeTask(id: string): Promise<unknown> {
  const answer = await post('query($id: ID!) { task(id: $id) { id kind status error { code message } } }', { id });
  return answer.data?.task ?? answer.errors;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (true) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1').once('connect', () => resolve(true)).once('error', () => resolve(false));
      socket.once('connect', () => socket.end());
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on port ${port} 5 s after the block started it`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
