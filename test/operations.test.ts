// What operators see: Prometheus metrics whose counters only rise, with histograms of task and
// stage times, GraphQL and WebSocket metrics; /health/live and /health/ready on the API port and
// on the operations listener (OPS_PORT) of every role, a worker-only process included, whose
// readiness follows its database away and back.
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateTaskDocument, TaskEventsDocument, TaskUpdatedDocument } from './generated/graphql.js';
import { loadConfig } from '../src/config.js';
import { writeTestImage } from './support/fixtures.js';
import { GraphQLTestClient } from './support/graphql-client.js';
import { startMediaServer, type MediaServer } from './support/media-server.js';
import { startRestartablePostgres, type RestartablePostgres } from './support/restartable-postgres.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const apiKey = 'ops-test-key-0123456789';

let server: TestServer;
let client: GraphQLTestClient;
let media: MediaServer;
let mediaDir: string;

beforeAll(async () => {
  mediaDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-ops-media-'));
  await writeTestImage(path.join(mediaDir, 'photo.png'), 160, 120);
  // With API_KEYS: the API port keeps /metrics from anonymous callers, the operations listener not.
  [server, media] = await Promise.all([startTestServer({ API_KEYS: `ops:${apiKey}`, OPS_PORT: '0' }), startMediaServer(mediaDir)]);
  client = new GraphQLTestClient(server.url, { apiKey });
});

afterAll(async () => {
  await client?.close();
  await server?.stop();
  await media?.close();
  await fs.rm(mediaDir, { recursive: true, force: true });
});

interface Scrape {
  /** Sample value by `name{label="value",…}`, labels sorted. */
  samples: Map<string, number>;
  /** Metric family name → its # TYPE. */
  types: Map<string, string>;
  text: string;
}

async function scrape(baseUrl: string, headers: Record<string, string> = {}): Promise<Scrape> {
  const response = await fetch(`${baseUrl}/metrics`, { headers });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  const text = await response.text();
  const samples = new Map<string, number>();
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)/.exec(line);
    if (type) types.set(type[1], type[2]);
    const sample = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)/.exec(line);
    if (!sample) continue;
    const labels = [...(sample[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, name, value]) => `${name}="${value}"`).sort();
    samples.set(`${sample[1]}{${labels.join(',')}}`, Number(sample[3]));
  }
  return { samples, types, text };
}

/** The family a sample belongs to: a histogram's _bucket, _sum and _count are its own. */
function familyOf(sample: string, types: Map<string, string>): string {
  const name = sample.slice(0, sample.indexOf('{'));
  const base = name.replace(/_(bucket|sum|count)$/, '');
  return types.get(base) === 'histogram' || types.get(base) === 'summary' ? base : name;
}

const value = (scraped: Scrape, sample: string) => scraped.samples.get(sample) ?? 0;

async function runImageTask(): Promise<void> {
  const created = await client.request(CreateTaskDocument, { input: { kind: 'IMAGE', url: `${media.url}/photo.png`, options: { image: { width: 32 } } } });
  const events = await client.subscribe(TaskUpdatedDocument, { id: created.data!.createTask.id }).done;
  expect(events.at(-1)!.taskUpdated.status).toBe('SUCCEEDED');
}

/** Scrapes until `condition` holds: the gauges follow sockets that close on the server's time. */
async function scrapeUntil(baseUrl: string, condition: (scraped: Scrape) => boolean, what: string): Promise<Scrape> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const scraped = await scrape(baseUrl);
    if (condition(scraped)) return scraped;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('metrics', () => {
  it('has counters and histograms that only rise across scrapes, counting the tasks run between them', async () => {
    const operations = server.app.operationsUrl!;
    await runImageTask(); // so that the histograms have samples in the first scrape too
    const before = await scrape(operations);
    await Promise.all([runImageTask(), runImageTask()]);
    const after = await scrape(operations);

    // Every sample of every counter and histogram: still there, and never lower.
    let compared = 0;
    for (const [sample, earlier] of before.samples) {
      const type = before.types.get(familyOf(sample, before.types));
      if (type !== 'counter' && type !== 'histogram') continue;
      expect(after.samples.has(sample), sample).toBe(true);
      expect(after.samples.get(sample)!, sample).toBeGreaterThanOrEqual(earlier);
      compared++;
    }
    expect(compared).toBeGreaterThan(100);

    const rise = (sample: string) => value(after, sample) - value(before, sample);
    expect(rise('mediatasks_tasks_created_total{kind="image"}')).toBe(2);
    expect(rise('mediatasks_tasks_finished_total{error_code="",kind="image",status="SUCCEEDED"}')).toBe(2);
    expect(rise('mediatasks_task_duration_seconds_count{kind="image",status="SUCCEEDED"}')).toBe(2);
    expect(rise('mediatasks_task_duration_seconds_sum{kind="image",status="SUCCEEDED"}')).toBeGreaterThan(0);
    // Each stage of the lifecycle was left once per task; QUEUED is the queue wait.
    for (const stage of ['WAITING', 'VALIDATING', 'QUEUED', 'PROCESSING', 'FINISHING']) {
      expect(rise(`mediatasks_task_stage_seconds_count{kind="image",stage="${stage}"}`), stage).toBe(2);
      expect(after.samples.has(`mediatasks_task_stage_seconds_bucket{kind="image",le="+Inf",stage="${stage}"}`)).toBe(true);
    }
    expect(after.samples.has('mediatasks_task_duration_seconds_bucket{kind="image",le="0.1",status="SUCCEEDED"}')).toBe(true);
    expect(after.types.get('mediatasks_task_duration_seconds')).toBe('histogram');
    // GraphQL requests by operation type (the two creates, and the reads of the subscriptions).
    expect(rise('mediatasks_graphql_requests_total{operationType="mutation"}')).toBe(2);
    expect(after.samples.has('mediatasks_graphql_http_request_duration_seconds_count{method="POST",operationType="mutation",statusCode="200"}')).toBe(true);
    // Database-wide gauges, and the runtime's own metrics.
    expect(value(after, 'mediatasks_tasks_active{kind="image",status="PROCESSING"}')).toBe(0);
    expect(after.samples.has('mediatasks_queue_jobs{queue="task-run-image",state="ready"}')).toBe(true);
    expect(after.samples.has('mediatasks_queue_jobs{queue="task-validate",state="active"}')).toBe(true);
    expect(value(after, 'process_cpu_seconds_total{}')).toBeGreaterThan(0);
    expect(after.types.get('nodejs_eventloop_lag_seconds')).toBe('gauge');
  });

  it('follows WebSocket connections and running subscriptions with gauges', async () => {
    const operations = server.app.operationsUrl!;
    const connections = 'mediatasks_websocket_connections{}';
    const subscriptions = 'mediatasks_graphql_subscriptions{}';
    const before = await scrape(operations);
    const watcher = new GraphQLTestClient(server.url, { apiKey });
    try {
      const events = watcher.subscribe(TaskEventsDocument, { filter: { includeProgress: false } });
      await scrapeUntil(operations, (scraped) => value(scraped, connections) === value(before, connections) + 1
        && value(scraped, subscriptions) === value(before, subscriptions) + 1, 'the socket and its subscription to be counted');
      events.close();
      await scrapeUntil(operations, (scraped) => value(scraped, subscriptions) === value(before, subscriptions), 'the subscription to end');
    } finally {
      await watcher.close();
    }
    await scrapeUntil(operations, (scraped) => value(scraped, connections) === value(before, connections), 'the socket to close');
  });
});

describe('health', () => {
  it('answers /health, /health/live and /health/ready on the API port, which keeps its rule for /metrics', async () => {
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    const live = await fetch(`${server.url}/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'live' });
    const ready = await fetch(`${server.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: { started: 'ok', database: 'ok', migrations: 'ok', queues: 'ok', ffmpeg: 'ok', models: 'ok' },
    });
    // API_KEYS without METRICS_TOKEN: the API port refuses, the operations listener serves.
    expect((await fetch(`${server.url}/metrics`)).status).toBe(403);
    expect((await scrape(server.app.operationsUrl!)).text).toMatch(/^mediatasks_tasks_created_total/m);
  });

  it('takes OPS_PORT beside PORT, never the same port', () => {
    expect(loadConfig({ OPS_PORT: '9464' }).operations).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(() => loadConfig({ PORT: '9464', OPS_PORT: '9464' })).toThrow(/OPS_PORT: 9464 is PORT too/);
    expect(loadConfig({ ROLE: 'worker', PORT: '9464', OPS_PORT: '9464' }).operations.port).toBe(9464);
  });

  it('serves only its three paths on the operations listener, and only to loopback names', async () => {
    const operations = server.app.operationsUrl!;
    expect((await fetch(`${operations}/health/live`)).status).toBe(200);
    expect((await fetch(`${operations}/health/ready`)).status).toBe(200);
    expect((await fetch(`${operations}/graphql`)).status).toBe(404);
    // DNS rebinding: a page's own name resolved to 127.0.0.1 is not served.
    const status = await new Promise<number>((resolve, reject) => {
      http.get(`${operations}/metrics`, { headers: { host: 'evil.example' } }, (response) => {
        response.resume();
        resolve(response.statusCode!);
      }).on('error', reject);
    });
    expect(status).toBe(403);
  });
});

describe('a worker-only process', () => {
  let postgres: RestartablePostgres;
  let worker: ServerProcess;
  let storageDir: string;
  let operations: string;
  const metricsToken = 'scrape-token-0123456789';
  const authorization = { authorization: `Bearer ${metricsToken}` };

  beforeAll(async () => {
    storageDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-ops-storage-'));
    postgres = await startRestartablePostgres();
    worker = startServerProcess({ ROLE: 'worker', DATABASE_URL: postgres.url, STORAGE_DIR: storageDir, OPS_PORT: '0', METRICS_TOKEN: metricsToken });
    expect(await worker.started).toBeNull(); // no API port
    operations = (await worker.operationsUrl)!;
  }, 60_000);

  afterAll(async () => {
    await worker?.stop();
    await postgres?.destroy();
    await fs.rm(storageDir, { recursive: true, force: true });
  });

  const readiness = async () => {
    const response = await fetch(`${operations}/health/ready`);
    return { status: response.status, body: await response.json() as { status: string; failing?: string[]; checks: Record<string, string> } };
  };

  it('answers /health/ready and /metrics on its operations listener', async () => {
    expect(await readiness()).toEqual({
      status: 200,
      body: { status: 'ready', checks: { started: 'ok', database: 'ok', migrations: 'ok', queues: 'ok', ffmpeg: 'ok', models: 'ok' } },
    });
    // METRICS_TOKEN set: the operations listener wants it too.
    expect((await fetch(`${operations}/metrics`)).status).toBe(401);
    const scraped = await scrape(operations, authorization);
    expect(scraped.samples.has('mediatasks_tasks_created_total{kind="image"}')).toBe(true);
    expect(scraped.samples.has('mediatasks_queue_jobs{queue="task-run-video",state="ready"}')).toBe(true);
    expect(scraped.types.get('process_cpu_seconds_total')).toBe('counter');
    // No API here: no GraphQL or WebSocket metrics.
    expect(scraped.text).not.toMatch(/mediatasks_graphql|mediatasks_websocket/);
  });

  it('is unready while its database is away, live all along, and ready again once it is back', async () => {
    await postgres.stop();
    try {
      const away = await readiness();
      expect(away.status).toBe(503);
      expect(away.body.status).toBe('unready');
      expect(away.body.failing).toEqual(expect.arrayContaining(['database', 'migrations', 'queues']));
      expect(away.body.checks.ffmpeg).toBe('ok');
      expect((await fetch(`${operations}/health/live`)).status).toBe(200);
      // The process's own metrics are still served (the database-wide gauges from their cache, if fresh).
      const scraped = await scrape(operations, authorization);
      expect(scraped.samples.has('process_cpu_seconds_total{}')).toBe(true);
      expect(scraped.samples.has('mediatasks_tasks_created_total{kind="image"}')).toBe(true);
    } finally {
      await postgres.start();
    }
    const deadline = Date.now() + 15_000;
    let back = await readiness();
    while (back.status !== 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      back = await readiness();
    }
    expect(back).toMatchObject({ status: 200, body: { status: 'ready' } });
    expect(worker.child.exitCode).toBeNull();
  });
});
