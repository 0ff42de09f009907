// A slow or stalled source cannot starve intake: downloads from one host are capped (the rest
// wait without holding a validation slot), so an ordinary task from another host completes while
// 20 downloads hang; and a download that receives nothing for FETCH_IDLE_TIMEOUT_MS fails.
import fs from 'node:fs/promises';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { HostSlots } from '../src/input/host-slots.js';
import { TaskDocument, TaskUpdatedDocument } from './generated/graphql.js';
import { writeTestImage } from './support/fixtures.js';
import { startMediaServer, type MediaServer } from './support/media-server.js';
import { createTask } from './support/tasks.js';
import { startTestServer, type TestServer } from './support/test-server.js';

let media: MediaServer;
let mediaDir: string;
let stalledNow = 0;
let mostStalledAtOnce = 0;

beforeAll(async () => {
  mediaDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-stalled-'));
  await writeTestImage(path.join(mediaDir, 'photo.png'), 64, 48);
  // Headers and a few bytes, then nothing, until the connection is closed.
  const stall: http.RequestListener = (request, response) => {
    stalledNow++;
    mostStalledAtOnce = Math.max(mostStalledAtOnce, stalledNow);
    request.socket.once('close', () => stalledNow--);
    response.writeHead(200, { 'content-type': 'image/png', 'content-length': 100_000 }).write(Buffer.alloc(16));
  };
  media = await startMediaServer(mediaDir, { '/stall.png': stall });
});

afterAll(async () => {
  await media?.close();
  await fs.rm(mediaDir, { recursive: true, force: true });
});

async function statusOf(server: TestServer, id: string): Promise<string> {
  return (await server.client.request(TaskDocument, { id })).data!.task!.status;
}

it('completes an ordinary task while 20 downloads from one host hang', async () => {
  const server = await startTestServer({ FETCH_ALLOW_HOSTS: '127.0.0.1,localhost', FETCH_IDLE_TIMEOUT_MS: '60000', FETCH_PER_HOST_CONCURRENCY: '4' });
  try {
    const stalled: string[] = [];
    for (let index = 0; index < 20; index++) stalled.push(await createTask(server.client, { kind: 'IMAGE', url: `${media.url}/stall.png?${index}` }));
    while (stalledNow < 4) await new Promise((resolve) => setTimeout(resolve, 20));

    // Another host name for the same server: its own download slots.
    const startedAt = Date.now();
    const ordinary = await createTask(server.client, { kind: 'IMAGE', url: `http://localhost:${media.port}/photo.png` });
    const events = await server.client.subscribe(TaskUpdatedDocument, { id: ordinary }).done;
    console.log(`an image task beside 20 stalled downloads: SUCCEEDED ${Date.now() - startedAt} ms after its create`);
    expect(events.at(-1)!.taskUpdated.status).toBe('SUCCEEDED');

    // The stalled ones are still waiting, no more than 4 of them downloading at any time.
    const statuses = await Promise.all(stalled.map((id) => statusOf(server, id)));
    expect(statuses.every((status) => status === 'WAITING' || status === 'VALIDATING')).toBe(true);
    expect(statuses.filter((status) => status === 'VALIDATING').length).toBeLessThanOrEqual(4);
    expect(mostStalledAtOnce).toBe(4);
  } finally {
    await server.stop();
  }
}, 60_000);

it('fails a download that receives nothing for FETCH_IDLE_TIMEOUT_MS', async () => {
  const server = await startTestServer({ FETCH_ALLOW_HOSTS: '127.0.0.1', FETCH_IDLE_TIMEOUT_MS: '1000' });
  try {
    const id = await createTask(server.client, { kind: 'IMAGE', url: `${media.url}/stall.png?idle` });
    const events = await server.client.subscribe(TaskUpdatedDocument, { id }).done;
    expect(events.at(-1)!.taskUpdated).toMatchObject({ status: 'FAILED', error: { code: 'INPUT_UNREACHABLE' } });
    expect(events.at(-1)!.taskUpdated.error!.message).toMatch(/sent nothing for 1 s: the download of .*stall\.png\?idle stalled/);
  } finally {
    await server.stop();
  }
}, 60_000);

it('hands a freed host slot to the first waiter, and gives up on a host that stays full', async () => {
  const slots = new HostSlots(2);
  const first = (await slots.take('a.example', 0))!;
  const second = (await slots.take('a.example', 0))!;
  expect(await slots.take('b.example', 0)).not.toBeNull(); // another host: its own slots
  const waiter = slots.take('a.example', 5000);
  const late = slots.take('a.example', 50);
  expect(await slots.take('a.example', 5000)).toBeNull(); // two already wait: no third waiter
  expect(await late).toBeNull();
  first();
  const handedOver = await waiter;
  expect(handedOver).not.toBeNull();
  expect(await slots.take('a.example', 0)).toBeNull(); // still 2 in use: second and the waiter's
  second();
  handedOver!();
  expect(await slots.take('a.example', 0)).not.toBeNull();
});
