// What the server writes about its work: a line per status change and one per ended task (with its
// stage times), a line per GraphQL operation (never its variables nor the key), errors without
// client internals, and human-readable lines on a terminal.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeError } from '../src/logger.js';
import { CreateTaskDocument, TaskUpdatedDocument } from './generated/graphql.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { writeTestImage } from './support/fixtures.js';
import { GraphQLTestClient } from './support/graphql-client.js';
import { startMediaServer, type MediaServer } from './support/media-server.js';
import { taskUuid } from './support/processes.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';

interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

const apiKey = 'logs-test-key-0123456789';
let database: TestDatabase;
let media: MediaServer;
let mediaDir: string;
let storageDir: string;
let server: ServerProcess;
let client: GraphQLTestClient;

beforeAll(async () => {
  mediaDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-logs-media-'));
  storageDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-logs-storage-'));
  await writeTestImage(path.join(mediaDir, 'photo.png'), 64, 48);
  [database, media] = await Promise.all([createTestDatabase(), startMediaServer(mediaDir)]);
  server = startServerProcess({
    ROLE: 'all', DATABASE_URL: database.url, STORAGE_DIR: storageDir, HOST: '127.0.0.1', PORT: '0',
    LOG_LEVEL: 'debug', FETCH_ALLOW_HOSTS: '127.0.0.1', API_KEYS: `alice:${apiKey}`,
  });
  client = new GraphQLTestClient((await server.started)!, { apiKey });
});

afterAll(async () => {
  await client?.close();
  await server?.stop();
  await media?.close();
  await database?.drop();
  await fs.rm(mediaDir, { recursive: true, force: true });
  await fs.rm(storageDir, { recursive: true, force: true });
});

function lines(): LogLine[] {
  return server.output.join('').split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as LogLine);
}

/** The first line that satisfies `predicate`, already written or to come. */
function waitForLine(predicate: (line: LogLine) => boolean, timeoutMs = 15_000): Promise<LogLine> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const found = lines().find(predicate);
      if (!found) return false;
      server.child.stdout!.off('data', check);
      clearTimeout(timer);
      resolve(found);
      return true;
    };
    const timer = setTimeout(() => {
      server.child.stdout!.off('data', check);
      reject(new Error(`no such log line within ${timeoutMs} ms:\n${server.output.join('')}`));
    }, timeoutMs);
    if (!check()) server.child.stdout!.on('data', check);
  });
}

async function runImageTask(url: string): Promise<string> {
  const created = await client.request(CreateTaskDocument, { input: { kind: 'IMAGE', url, options: { image: { width: 32, format: 'webp' } } } });
  expect(created.errors).toBeUndefined();
  const id = created.data!.createTask.id;
  await client.subscribe(TaskUpdatedDocument, { id }).done;
  return taskUuid(id);
}

describe('task logs', () => {
  it('logs every status change at debug and the end at info, with the time of each stage', async () => {
    const taskId = await runImageTask(`${media.url}/photo.png`);
    const ended = await waitForLine((line) => line.msg === 'task ended' && line.taskId === taskId);

    const statuses = lines().filter((line) => line.msg === 'task status' && line.taskId === taskId);
    expect(statuses.map((line) => line.status)).toEqual(['WAITING', 'VALIDATING', 'QUEUED', 'PROCESSING', 'FINISHING', 'SUCCEEDED']);
    expect(statuses.every((line) => line.level === 20 && line.kind === 'image' && line.owner === 'alice')).toBe(true);

    expect(ended).toMatchObject({ level: 30, kind: 'image', owner: 'alice', status: 'SUCCEEDED', errorCode: null, attempt: 1, workerKey: expect.any(Number) });
    const stageMs = ended.stageMs as Record<string, number>;
    expect(Object.keys(stageMs)).toEqual(['WAITING', 'VALIDATING', 'QUEUED', 'PROCESSING', 'FINISHING']);
    for (const ms of Object.values(stageMs)) expect(ms).toBeGreaterThanOrEqual(0);
    const total = Object.values(stageMs).reduce((sum, ms) => sum + ms, 0);
    expect(ended.ms).toBe(total);
    console.log(`a task's lines:\n${server.output.join('').split('\n').filter((line) => line.includes(taskId)).join('\n')}`);
  });

  it("a failed task's end line has its error code", async () => {
    const taskId = await runImageTask(`${media.url}/missing.png`);
    const ended = await waitForLine((line) => line.msg === 'task ended' && line.taskId === taskId);
    expect(ended).toMatchObject({ level: 30, kind: 'image', status: 'FAILED', errorCode: 'INPUT_UNREACHABLE' });
    expect(Object.keys(ended.stageMs as object)).toEqual(['WAITING', 'VALIDATING']);
  });

  it('logs GraphQL operations by name, type, time and error codes, never their variables or the key', async () => {
    const refused = await client.request(CreateTaskDocument, { input: { kind: 'IMAGE', url: 'ftp://example.com/secret-path.png' } });
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const failed = await waitForLine((line) => line.msg === 'graphql operation' && line.operation === 'CreateTask' && Array.isArray(line.errors));
    expect(failed).toMatchObject({ level: 30, type: 'mutation', transport: 'http', owner: 'alice', errors: ['BAD_USER_INPUT'], ms: expect.any(Number) });

    const operations = lines().filter((line) => line.msg === 'graphql operation' && line.operation === 'CreateTask');
    expect(operations.filter((line) => !line.errors).length).toBeGreaterThanOrEqual(2);
    const subscriptions = lines().filter((line) => line.operation === 'TaskUpdated');
    expect(subscriptions.filter((line) => line.msg === 'subscription started')[0]).toMatchObject({ type: 'subscription', transport: 'ws' });
    expect(subscriptions.filter((line) => line.msg === 'subscription ended')[0]).toMatchObject({ type: 'subscription', events: expect.any(Number), ms: expect.any(Number) });

    const output = server.output.join('');
    expect(output).not.toContain(apiKey);
    expect(output).not.toContain('secret-path');
  });
});

describe('errors in logs', () => {
  it('keep type, message, code, stack and causes, and drop the pg.Client node-postgres hangs on them', async () => {
    const connection = new pg.Client({ connectionString: 'postgresql://someone:hunter2-password@127.0.0.1:9/nowhere' });
    const error = Object.assign(new Error('Connection terminated unexpectedly', { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', errno: -104 }) }), {
      client: connection, connection: { stream: {} }, _events: {}, severity: 'FATAL',
    });
    const serialized = serializeError(error) as Record<string, unknown>;
    expect(serialized).toMatchObject({ type: 'Error', message: 'Connection terminated unexpectedly', severity: 'FATAL', stack: expect.stringContaining('Connection terminated') });
    expect(serialized.cause).toMatchObject({ message: 'read ECONNRESET', code: 'ECONNRESET', errno: -104 });
    const text = JSON.stringify(serialized);
    expect(text).not.toContain('hunter2');
    expect(Object.keys(serialized)).not.toEqual(expect.arrayContaining(['client']));
    expect(text.length).toBeLessThan(4000);

    // A cause chain that loops ends.
    const looped = new Error('a') as Error & { cause?: unknown };
    looped.cause = looped;
    expect(JSON.stringify(serializeError(looped)).length).toBeLessThan(10_000);
  });
});

describe('on a terminal', () => {
  it('writes human-readable lines, not JSON, to the last one', async () => {
    const pseudoTerminal = spawn('script', ['-qec', 'node --import tsx src/main.ts', '/dev/null'], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      env: { PATH: process.env.PATH, HOME: process.env.HOME, TERM: 'xterm', ROLE: 'api', DATABASE_URL: database.url, STORAGE_DIR: storageDir, HOST: '127.0.0.1', PORT: '0' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    const exited = new Promise<void>((resolve) => pseudoTerminal.once('exit', () => resolve()));
    const started = new Promise<number>((resolve, reject) => {
      pseudoTerminal.stdout!.on('data', (chunk: Buffer) => {
        // Colours: pino-pretty sees a terminal.
        output += chunk.toString().replace(/\x1b\[[0-9;]*m/g, '');
        const pid = /INFO \((\d+)\): started/.exec(output)?.[1];
        if (pid) resolve(Number(pid));
      });
      void exited.then(() => reject(new Error(`exited before starting:\n${output}`)));
    });
    try {
      process.kill(await started, 'SIGTERM');
      await exited;
    } finally {
      // script kills the session it runs ("Session terminated, killing shell").
      if (pseudoTerminal.exitCode === null) pseudoTerminal.kill('SIGTERM');
    }

    const written = output.split(/\r?\n/).filter((line) => line.trim() !== '');
    expect(written.some((line) => line.trimStart().startsWith('{'))).toBe(false);
    expect(written.find((line) => line.includes('started'))).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] .*INFO.* \(\d+\): started \{/);
    // Written synchronously: the line just before process.exit is there.
    expect(written.at(-1)).toMatch(/INFO.*: stopped/);
  });
});
