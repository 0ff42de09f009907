// Changes made while a process's LISTEN connection is down are not lost to it: after reconnecting,
// subscribers replay the transitions they missed from the history, and workers re-check the
// tasks they run for a cancellation they did not hear about.
import fs from 'node:fs/promises';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CancelTaskDocument, CreateTaskDocument, TaskUpdatedDocument } from './generated/graphql.js';
import { startMediaServer, type MediaServer } from './support/media-server.js';
import { startTestServer, type TestServer } from './support/test-server.js';

let server: TestServer;
let media: MediaServer;
let mediaDir: string;
let downloadClosed: Promise<void>;

beforeAll(async () => {
  mediaDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-reconnect-'));
  let reportClosed!: () => void;
  downloadClosed = new Promise((resolve) => (reportClosed = resolve));
  const stall: http.RequestListener = (request, response) => {
    response.writeHead(200, { 'content-type': 'image/png', 'content-length': 1_000_000 });
    response.write(Buffer.alloc(100));
    request.socket.on('close', () => reportClosed());
  };
  media = await startMediaServer(mediaDir, { '/stalled.png': stall });
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
  await media?.close();
  await fs.rm(mediaDir, { recursive: true, force: true });
});

it('delivers a cancellation made while the event connection was down', async () => {
  const { data } = await server.client.request(CreateTaskDocument, { input: { kind: 'IMAGE', url: `${media.url}/stalled.png` } });
  const id = data!.createTask.id;
  const updates = server.client.subscribe(TaskUpdatedDocument, { id });
  await updates.waitFor((event) => event.taskUpdated.status === 'VALIDATING');

  // Cut the server's LISTEN connection, then cancel while it reconnects: that NOTIFY has no listener.
  const admin = new pg.Client({ connectionString: server.databaseUrl });
  await admin.connect();
  const { rowCount } = await admin.query(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN task_changes'`);
  await admin.end();
  expect(rowCount).toBe(1);
  const cancelled = await server.client.request(CancelTaskDocument, { id });
  expect(cancelled.data!.cancelTask.status).toBe('CANCELLED');

  const events = await updates.done;
  const statuses = events.map((event) => event.taskUpdated.status).filter((status, index, all) => status !== all[index - 1]);
  // Every transition from the snapshot on (which may still be WAITING), the cancel included.
  expect(['WAITING', 'VALIDATING', 'CANCELLED'].slice(-statuses.length)).toEqual(statuses);
  expect(statuses).toContain('VALIDATING');
  await downloadClosed; // the worker aborted its download
});
