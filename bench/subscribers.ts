// Section "subscribers": one API process (ROLE=api) holding many WebSocket subscriptions while a
// burst of tasks runs on a worker process of its own. Half the subscribers follow one task each
// with taskUpdated (a browser watching its upload; the selection includes outputs, so each event
// reads the task); the other half follow their owner's taskEvents (a dashboard tab; the selection
// is what the change carries). Owners are API keys, so each taskEvents subscriber hears its own
// owner's tasks only, as on a multi-tenant server. Every subscription is open before the burst: the
// tasks are created with no worker running, and the burst is a worker process starting on them.
//
// Measured at the API process: event delivery (receipt − the event's updatedAt, one clock),
// connection-ack latency of new sockets (one 100 ms after the last was acknowledged) and GET /health
// latency (50 ms after each answer) during the burst, from a probe process of its own (the event
// loop's responsiveness as a client sees it), prom-client's event-loop delay, RSS before / peak / after the
// burst with every socket closed, and the CPU of the API, the worker and the load generator (this
// process, which holds every client socket).
// Settings (env): BENCH_SUBSCRIBERS (1000), BENCH_BURST_TASKS (500), BENCH_SUBSCRIBER_OWNERS (50).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { makePng, startInputServer } from './media.js';
import { readCpuMs, readMemoryMb, watchMemory } from './proc-stats.js';
import type { BenchScope } from './scope.js';
import { serverDir } from './scope.js';
import { startServerProcess } from './server-process.js';
import { percentile } from './stats.js';

const subscriberCount = Number(process.env.BENCH_SUBSCRIBERS ?? 1000);
const taskCount = Number(process.env.BENCH_BURST_TASKS ?? 500);
const ownerCount = Number(process.env.BENCH_SUBSCRIBER_OWNERS ?? 50);

const watchTask = 'subscription Watch($id: ID!) { taskUpdated(id: $id) { id status progress updatedAt outputs { url } } }';
const followOwner = 'subscription Follow { taskEvents(filter: { includeProgress: false }) { id status progress updatedAt } }';
const createTask = 'mutation Create($input: CreateTaskInput!) { createTask(input: $input) { id } }';

export async function runSubscribersSection(scope: BenchScope): Promise<void> {
  const keys = Array.from({ length: ownerCount }, (_, index) => `owner${index}:bench-key-${index}-0123456789abcdef`);
  const keyOf = (owner: number) => keys[owner]!.slice(keys[owner]!.indexOf(':') + 1);
  const png = await makePng(64, 64);
  const input = await startInputServer(png);
  scope.defer(() => input.close());
  const metricsToken = 'bench-metrics-token-0123456789';
  const shared = { API_KEYS: keys.join(','), RATE_LIMIT_PER_MINUTE: '0', METRICS_TOKEN: metricsToken };
  // The API's event-loop delay and heap from /metrics; prom-client's delay histogram restarts at
  // every scrape, so one scrape before the burst and one after it bound the burst.
  const scrapeMetrics = async () => {
    const text = await (await fetch(`${api.url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })).text();
    const read = (name: string) => Number(new RegExp(`^${name} ([0-9.e+-]+)`, 'm').exec(text)?.[1] ?? Number.NaN) * 1000;
    const mb = (name: string) => read(name) / 1000 / 1024 / 1024;
    return {
      p50: read('nodejs_eventloop_lag_p50_seconds'), p99: read('nodejs_eventloop_lag_p99_seconds'), max: read('nodejs_eventloop_lag_max_seconds'),
      heap: `heap ${mb('nodejs_heap_size_used_bytes').toFixed(0)} of ${mb('nodejs_heap_size_total_bytes').toFixed(0)} MB, external ${mb('nodejs_external_memory_bytes').toFixed(0)} MB`,
    };
  };
  const api = await scope.startServer({ ...shared, ROLE: 'api' });
  await sleep(1000);
  const rssStart = readMemoryMb(api.pid, 'VmRSS');
  const wsUrl = `${api.url.replace(/^http/, 'ws')}/graphql`;

  const clients: Client[] = [];
  const open = (owner: number) => {
    const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, lazy: false, retryAttempts: 0, connectionParams: { authorization: `Bearer ${keyOf(owner)}` } });
    clients.push(client);
    return client;
  };
  const delays: number[] = [];
  const record = (updatedAt: string) => delays.push(Date.now() - Date.parse(updatedAt));

  // Every subscriber opens before the burst: the tasks are created with no worker running yet
  // (they wait, WAITING), each watched by one taskUpdated subscriber on a socket of its own.
  const followers = subscriberCount / 2;
  const watchers = Math.min(taskCount, subscriberCount - followers);
  const opening = performance.now();
  await Promise.all(Array.from({ length: followers }, (_, index) => new Promise<void>((resolve, reject) => {
    const client = open(index % ownerCount);
    client.on('connected', () => resolve());
    client.subscribe<{ taskEvents: { updatedAt: string } }>({ query: followOwner }, {
      next: (message) => { if (message.data) record(message.data.taskEvents.updatedAt); },
      error: reject,
      complete: () => {},
    });
  })));
  const ids = await Promise.all(Array.from({ length: taskCount }, async (_, index) => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${keyOf(index % ownerCount)}` },
      body: JSON.stringify({ query: createTask, variables: { input: { kind: 'IMAGE', url: `${input.url}/input.png?n=${index}`, options: { image: { width: 32, format: 'webp' } } } } }),
    });
    const body = await response.json() as { data?: { createTask: { id: string } }; errors?: unknown };
    if (!body.data) throw new Error(`createTask failed: ${JSON.stringify(body.errors)}`);
    return body.data.createTask.id;
  }));
  const subscribed = new Set<string>();
  const watched = ids.slice(0, watchers).map((id, index) => new Promise<string>((resolve) => {
    let last = '';
    open(index % ownerCount).subscribe<{ taskUpdated: { status: string; updatedAt: string } }>({ query: watchTask, variables: { id } }, {
      next: (message) => {
        if (!message.data) return;
        // The first message is the task as it is when the subscription starts, not an event.
        if (last) record(message.data.taskUpdated.updatedAt);
        last = message.data.taskUpdated.status;
        subscribed.add(id);
      },
      // A subscription the server ended with an error is counted, not fatal: the run goes on.
      error: (error) => {
        subscribed.add(id);
        resolve(`error: ${error instanceof Error ? error.message : (error as { type?: string; code?: number }).type ?? 'closed'}${(error as { code?: number }).code ? ` (close code ${(error as { code?: number }).code})` : ''}`);
      },
      complete: () => resolve(last),
    });
  }));
  while (subscribed.size < watchers) await sleep(50);
  const openingMs = performance.now() - opening;
  delays.length = 0; // the creations' own WAITING events
  scope.log(`${clients.length} sockets open, ${taskCount} tasks waiting (${(openingMs / 1000).toFixed(1)} s); RSS ${readMemoryMb(api.pid, 'VmRSS').toFixed(0)} MB`);
  await sleep(2000);
  const rssBefore = readMemoryMb(api.pid, 'VmRSS');
  const heapBefore = (await scrapeMetrics()).heap;

  // Probes while the burst runs, from a process of their own: a new socket's connection_ack and GET /health.
  const probe = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'latency-probe.ts'), wsUrl, `${api.url}/health`, keyOf(0)], { stdio: ['pipe', 'pipe', 'inherit'] });
  let probeOutput = '';
  probe.stdout.on('data', (chunk: Buffer) => { probeOutput += chunk.toString(); });
  const probeEnded = new Promise((resolve) => probe.once('exit', resolve));
  scope.defer(async () => { probe.kill(); });

  const apiCpu = readCpuMs(api.pid);
  const ownCpu = process.cpuUsage();
  const memory = watchMemory(api.pid, 100);
  await scrapeMetrics();
  scope.log(`burst: a worker process starts on the ${taskCount} waiting tasks`);
  const started = performance.now();
  const worker = await startServerProcess({ LOG_LEVEL: 'warn', FETCH_ALLOW_HOSTS: '127.0.0.1', STORAGE_DIR: api.storageDir, DATABASE_URL: api.databaseUrl, ...shared, ROLE: 'worker' }, serverDir);
  scope.defer(() => worker.stop());
  const ended = [...await Promise.all(watched), ...await Promise.all(ids.slice(watchers).map((id, index) => waitUntilEnded(api.url, keyOf((watchers + index) % ownerCount), id)))];
  const burstMs = performance.now() - started;
  const lag = await scrapeMetrics();
  probe.stdin.end();
  await probeEnded;
  const { ackMs, healthMs } = JSON.parse(probeOutput) as { ackMs: number[]; healthMs: number[] };
  const apiCpuMs = readCpuMs(api.pid) - apiCpu;
  const workerCpuMs = readCpuMs(worker.pid, { children: true });
  const own = process.cpuUsage(ownCpu);
  const { peakMb } = memory.stop();

  for (const client of clients) await client.dispose();
  // Memory after: every socket closed, then the collector and the allocator get their time.
  const settling: string[] = [];
  let waited = 0;
  for (const seconds of [1, 5, 15, 30]) {
    await sleep((seconds - waited) * 1000);
    waited = seconds;
    settling.push(`${seconds} s: ${readMemoryMb(api.pid, 'VmRSS').toFixed(0)} MB`);
  }
  scope.log(`RSS after the burst: ${settling.join(', ')}`);
  const rssAfter = readMemoryMb(api.pid, 'VmRSS');
  const heapAfter = (await scrapeMetrics()).heap;
  const succeeded = ended.filter((status) => status === 'SUCCEEDED').length;
  const failedSubscriptions = ended.filter((status) => status.startsWith('error'));

  delays.sort((a, b) => a - b);
  const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
  const acks = sorted(ackMs);
  const health = sorted(healthMs);
  const ms = (value: number | undefined) => value === undefined ? 'n/a' : `${value.toFixed(0)} ms`;
  const mark = (value: number | undefined, hard: number, stretch?: number) => value === undefined ? '' : value <= (stretch ?? -1) ? '✅ (stretch met)' : value <= hard ? '✅' : '❌';
  console.log([
    '',
    `Subscribers: ${subscriberCount} WebSocket subscriptions on one API process (${followers} taskEvents over ${ownerCount} owners, ${watchers} taskUpdated with outputs), ${taskCount} tiny image tasks on a separate worker process; every subscription opened before the burst (${(openingMs / 1000).toFixed(1)} s); from the worker's start, ${succeeded}/${taskCount} seen SUCCEEDED in ${(burstMs / 1000).toFixed(1)} s; ${delays.length} events delivered${failedSubscriptions.length ? `; ${failedSubscriptions.length} taskUpdated subscriptions ended in an error (${[...new Set(failedSubscriptions)].join(', ')})` : ''}`,
    '',
    '| measure | p50 | p99 | max | goal (p99) |',
    '|---|---|---|---|---|',
    `| event delivery (receipt − event time) | ${ms(percentile(delays, 50))} | ${ms(percentile(delays, 99))} | ${ms(delays.at(-1))} | ≤ 250 ms (≤ 100 ms stretch) ${mark(percentile(delays, 99), 250, 100)} |`,
    `| new WebSocket → connection_ack, during the burst (${acks.length} sockets) | ${ms(percentile(acks, 50))} | ${ms(percentile(acks, 99))} | ${ms(acks.at(-1))} | ≤ 200 ms ${mark(percentile(acks, 99), 200)} |`,
    `| GET /health, during the burst (${health.length} requests) | ${ms(percentile(health, 50))} | ${ms(percentile(health, 99))} | ${ms(health.at(-1))} | |`,
    `| API event-loop delay during the burst (prom-client, 10 ms resolution) | ${ms(lag.p50)} | ${ms(lag.p99)} | ${ms(lag.max)} | |`,
    '',
    '| API process | value | goal |',
    '|---|---|---|',
    `| RSS after start, before any subscriber | ${rssStart.toFixed(0)} MB | |`,
    `| RSS with the subscribers open, before the burst | ${rssBefore.toFixed(0)} MB (${heapBefore}) | |`,
    `| peak RSS (VmHWM) | ${peakMb.toFixed(0)} MB | |`,
    `| RSS 30 s after every socket closed | ${rssAfter.toFixed(0)} MB (${(rssAfter / rssStart).toFixed(2)}× the start; ${heapAfter}) | ≤ 1.3× the start ${rssAfter / rssStart <= 1.3 ? '✅' : '❌'} |`,
    `| CPU during the burst: API / worker (with its children) / load generator | ${(apiCpuMs / 1000).toFixed(1)} / ${(workerCpuMs / 1000).toFixed(1)} / ${((own.user + own.system) / 1e6).toFixed(1)} s | |`,
    '',
  ].join('\n'));
}

async function waitUntilEnded(baseUrl: string, key: string, id: string): Promise<string> {
  for (;;) {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: 'query($id: ID!) { task(id: $id) { status } }', variables: { id } }),
    });
    const body = await response.json() as { data: { task: { status: string } } };
    if (['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(body.data.task.status)) return body.data.task.status;
    await sleep(500);
  }
}


const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
