// Tracing with OpenTelemetry: off unless an OTLP endpoint is set; on, a task's spans from the API
// process and the worker process form one trace (W3C trace context travels in the job data),
// received here by a local OTLP/HTTP receiver as the exporter sends them (JSON).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { context, trace, ProxyTracerProvider } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { runFfmpegJob } from '../src/media/ffmpeg-process.js';
import { injectTraceContext, startTracing, withSpan } from '../src/tracing/tracing.js';
import { CreateTaskDocument, RetryTaskDocument, TaskUpdatedDocument } from './generated/graphql.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { writeTestVideo } from './support/fixtures.js';
import { GraphQLTestClient } from './support/graphql-client.js';
import { startMediaServer, type MediaServer } from './support/media-server.js';
import { testMediaBinaries } from './support/media-tools.js';
import { taskUuid } from './support/processes.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';

describe('tracing off', () => {
  it('registers no tracer provider without an OTLP endpoint, and spans cost nothing', async () => {
    const config = loadConfig({ DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none', LOG_LEVEL: 'silent' });
    expect(config.tracing).toBeNull();
    expect(startTracing(config.tracing, config.role, createLogger(config))).toBeNull();
    expect((trace.getTracerProvider() as ProxyTracerProvider).getDelegate()).not.toBeInstanceOf(TracerProvider);
    await withSpan('createTask', { 'task.kind': 'image' }, async (span) => {
      expect(span.isRecording()).toBe(false);
      // Nothing to carry: jobs and task rows stay as they were.
      expect(injectTraceContext()).toBeUndefined();
    });
  });

  it('reads the OTLP settings once, refusing what the exporter cannot do', () => {
    const base = { DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none' };
    expect(loadConfig({ ...base, OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }).tracing)
      .toEqual({ tracesUrl: 'http://collector:4318/v1/traces', serviceName: 'mediatasks', resourceAttributes: {}, exportDelayMs: 5000 });
    expect(loadConfig({
      ...base, OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example.com/otlp/v1/traces',
      OTEL_SERVICE_NAME: 'media', OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=prod,team=a%2Cb',
    }).tracing).toMatchObject({ tracesUrl: 'https://traces.example.com/otlp/v1/traces', serviceName: 'media', resourceAttributes: { 'deployment.environment': 'prod', team: 'a,b' } });
    expect(loadConfig({ ...base, OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }).tracing).toBeNull();
    expect(() => loadConfig({ ...base, OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toThrow(/OTEL_EXPORTER_OTLP_PROTOCOL: this server sends OTLP as http\/json/);
    expect(() => loadConfig({ ...base, OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(ConfigError);
  });
});

describe('media tool spans', () => {
  const exporter = new InMemorySpanExporter();
  let workDir: string;

  beforeAll(async () => {
    workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-trace-ffmpeg-'));
    await writeTestVideo(path.join(workDir, 'my holiday.mp4'), { width: 160, height: 90, seconds: 1, audio: false });
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] }));
  });

  afterAll(async () => {
    trace.disable();
    context.disable();
    await fs.rm(workDir, { recursive: true, force: true });
  });

  it('records each ffmpeg run with the shape of its arguments, not the paths', async () => {
    const { ffmpeg } = await testMediaBinaries();
    const output = path.join(workDir, 'frame.png');
    const job = { ffmpegPath: ffmpeg.path, threads: 1, expectedDurationSeconds: null, outputPaths: [output] };
    await withSpan('process', {}, () => runFfmpegJob((command) => command.input(path.join(workDir, 'my holiday.mp4')).frames(1).output(output), job));
    await expect(runFfmpegJob((command) => command.input(path.join(workDir, 'missing.mp4')).output(output), job)).rejects.toThrow(/ffmpeg failed/);

    const [ran, parent, failed] = exporter.getFinishedSpans();
    expect([ran.name, parent.name, failed.name]).toEqual(['ffmpeg', 'process', 'ffmpeg']);
    expect(ran.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
    const args = String(ran.attributes['ffmpeg.args']);
    expect(args).toMatch(/^-protocol_whitelist file,pipe -format_whitelist <allowed> -i <path> .*-vframes 1 .*<path>$/);
    expect(args).not.toContain(workDir);
    expect(args).not.toContain('holiday');
    expect(failed.status).toMatchObject({ code: 2 });
    expect(failed.attributes['error.type']).toBe('Error');
  });
});

// --- A local OTLP/HTTP receiver: what a collector would get.

interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  durationMs: number;
  attributes: Record<string, unknown>;
  status: { code?: number; message?: string };
  resource: Record<string, unknown>;
}

interface OtlpValue { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number }
interface OtlpAttribute { key: string; value: OtlpValue }
interface OtlpRequest {
  resourceSpans: Array<{
    resource: { attributes: OtlpAttribute[] };
    scopeSpans: Array<{ spans: Array<{
      traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number;
      startTimeUnixNano: string | number; endTimeUnixNano: string | number; attributes: OtlpAttribute[]; status: { code?: number; message?: string };
    }> }>;
  }>;
}

const valueOf = (value: OtlpValue) => value.stringValue ?? (value.intValue !== undefined ? Number(value.intValue) : value.boolValue ?? value.doubleValue);
const attributesOf = (attributes: OtlpAttribute[] = []) => Object.fromEntries(attributes.map(({ key, value }) => [key, valueOf(value)]));

async function startOtlpReceiver() {
  const spans: ReceivedSpan[] = [];
  const contentTypes = new Set<string>();
  const listeners = new Set<() => void>();
  const server = http.createServer(async (request, response) => {
    if (request.method !== 'POST' || request.url !== '/v1/traces') return void response.writeHead(404).end();
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = request.headers['content-encoding'] === 'gzip' ? gunzipSync(Buffer.concat(chunks)) : Buffer.concat(chunks);
    contentTypes.add(String(request.headers['content-type']));
    const exported = JSON.parse(body.toString()) as OtlpRequest;
    for (const { resource, scopeSpans } of exported.resourceSpans) {
      for (const span of scopeSpans.flatMap((scope) => scope.spans)) {
        spans.push({
          traceId: span.traceId, spanId: span.spanId, parentSpanId: span.parentSpanId ?? '', name: span.name, kind: span.kind,
          durationMs: Number(BigInt(span.endTimeUnixNano) - BigInt(span.startTimeUnixNano)) / 1e6,
          attributes: attributesOf(span.attributes), status: span.status ?? {}, resource: attributesOf(resource.attributes),
        });
      }
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    for (const listener of listeners) listener();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    contentTypes,
    /** Resolves once the spans received satisfy `ready` (checked as each export arrives). */
    until(ready: (spans: ReceivedSpan[]) => boolean, timeoutMs = 10_000): Promise<void> {
      if (ready(spans)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`spans not received within ${timeoutMs} ms; got ${spans.map((span) => span.name).join(', ')}`)), timeoutMs);
        const check = () => {
          if (!ready(spans)) return;
          clearTimeout(timer);
          listeners.delete(check);
          resolve();
        };
        listeners.add(check);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The trace as an indented tree: name, process role and pid, duration. */
function formatTree(spans: ReceivedSpan[], root: ReceivedSpan, depth = 0): string[] {
  const line = `${'  '.repeat(depth)}${root.name} [${root.resource['mediatasks.role']} ${root.resource['process.pid']}] ${root.durationMs.toFixed(1)} ms${root.status.code === 2 ? ` ERROR ${root.attributes['error.type']}` : ''}`;
  const children = spans.filter((span) => span.parentSpanId === root.spanId);
  return [line, ...children.flatMap((child) => formatTree(spans, child, depth + 1))];
}

describe('a task traced across the api and worker processes', () => {
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let database: TestDatabase;
  let media: MediaServer;
  let mediaDir: string;
  let storageDir: string;
  let api: ServerProcess;
  let worker: ServerProcess;
  let apiUrl: string;
  let client: GraphQLTestClient;
  const caller = { traceId: randomBytes(16).toString('hex'), spanId: randomBytes(8).toString('hex') };
  const tasks: Record<'image' | 'unreachable' | 'workflow', string> = { image: '', unreachable: '', workflow: '' };

  beforeAll(async () => {
    mediaDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-trace-media-'));
    storageDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mt-trace-storage-'));
    await writeTestVideo(path.join(mediaDir, 'clip.mp4'), { width: 160, height: 90, seconds: 1, audio: false });
    [receiver, media, database] = await Promise.all([startOtlpReceiver(), startMediaServer(mediaDir), createTestDatabase()]);
    const shared = { DATABASE_URL: database.url, STORAGE_DIR: storageDir, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url };
    // The API sends its spans within moments; the worker's wait in its batch until it stops.
    api = startServerProcess({ ...shared, ROLE: 'api', HOST: '127.0.0.1', PORT: '0', OTEL_BSP_SCHEDULE_DELAY: '100' });
    apiUrl = (await api.started)!;
    worker = startServerProcess({ ...shared, ROLE: 'worker', FETCH_ALLOW_HOSTS: '127.0.0.1', OTEL_BSP_SCHEDULE_DELAY: '600000' });
    await worker.started;
    client = new GraphQLTestClient(apiUrl);
  });

  afterAll(async () => {
    await client?.close();
    await Promise.all([api?.stop(), worker?.stop()]);
    await Promise.all([media?.close(), receiver?.close(), database?.drop()]);
    await fs.rm(mediaDir, { recursive: true, force: true });
    await fs.rm(storageDir, { recursive: true, force: true });
  });

  /** createTask over HTTP as a caller that traces: its `traceparent` is the parent of the task's trace. */
  async function createTask(input: Record<string, unknown>, traceparent?: string): Promise<string> {
    const response = await fetch(`${apiUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(traceparent ? { traceparent } : {}) },
      body: JSON.stringify({ query: print(CreateTaskDocument), variables: { input } }),
    });
    const { data, errors } = await response.json() as { data?: { createTask: { id: string } }; errors?: unknown[] };
    expect(errors).toBeUndefined();
    const id = data!.createTask.id;
    await untilEnded(id);
    return id;
  }

  async function untilEnded(id: string): Promise<void> {
    const ended = await client.subscribe(TaskUpdatedDocument, { id }).done;
    expect(ended.at(-1)!.taskUpdated.status).toMatch(/SUCCEEDED|FAILED/);
  }

  it('makes one trace of a task, from createTask through the queue to the worker\'s ffmpeg, sharp and storage', async () => {
    tasks.image = taskUuid(await createTask({ kind: 'IMAGE', url: `${media.url}/clip.mp4`, options: { image: { width: 64, format: 'png' } } }, `00-${caller.traceId}-${caller.spanId}-01`));
    // For the tests below: a failure retried, and a workflow whose second step starts from an event.
    const unreachable = await createTask({ kind: 'IMAGE', url: `${media.url}/missing.png` });
    expect((await client.request(RetryTaskDocument, { id: unreachable })).errors).toBeUndefined();
    await untilEnded(unreachable);
    const workflow = await createTask({
      kind: 'WORKFLOW', url: `${media.url}/clip.mp4`,
      options: { workflow: { steps: [{ kind: 'IMAGE', ref: 'frame', options: { image: { format: 'png' } }, next: [{ kind: 'IMAGE', ref: 'small', options: { image: { width: 32 } } }] }] } },
    });
    [tasks.unreachable, tasks.workflow] = [taskUuid(unreachable), taskUuid(workflow)];
    // The worker's spans come with its stop, which sends what its batch still holds.
    expect(await worker.stop()).toBe(0);
    await receiver.until((spans) => ['createTask', 'validate', 'run image', 'store outputs'].every((name) => spans.some((span) => span.name === name && span.traceId === caller.traceId))
      && spans.some((span) => span.name === 'retryTask'));

    const spans = receiver.spans.filter((span) => span.traceId === caller.traceId);
    const byName = (name: string) => {
      const found = spans.filter((span) => span.name === name);
      expect(found, name).toHaveLength(1);
      return found[0];
    };
    const root = byName('createTask');
    expect(root.parentSpanId).toBe(caller.spanId);
    expect(root.attributes).toMatchObject({ 'task.id': tasks.image, 'task.kind': 'image', 'task.input': 'url' });

    // Parent links form one tree: createTask → the queue (pg-boss's send and process spans, a
    // job between them) → validate → the queue → run → the tools and storage.
    const parentOf = (name: string) => spans.find((span) => span.spanId === byName(name).parentSpanId)?.name;
    expect(Object.fromEntries(['send task-validate', 'process task-validate', 'validate', 'fetch input', 'probe input', 'send task-run-image',
      'process task-run-image', 'run image', 'ffmpeg', 'sharp', 'store outputs'].map((name) => [name, parentOf(name)]))).toEqual({
      'send task-validate': 'createTask',
      'process task-validate': 'send task-validate',
      validate: 'process task-validate',
      'fetch input': 'validate',
      'probe input': 'validate',
      'send task-run-image': 'validate',
      'process task-run-image': 'send task-run-image',
      'run image': 'process task-run-image',
      ffmpeg: 'run image',
      sharp: 'run image',
      'store outputs': 'run image',
    });
    const withParents = new Set(spans.map((span) => span.spanId));
    expect(spans.filter((span) => span !== root && !withParents.has(span.parentSpanId)).map((span) => span.name)).toEqual([]);
    // Producer and consumer (OTLP span kinds 4 and 5): the job's send in one process, its processing in another.
    const [sent, consumed] = [byName('send task-validate'), byName('process task-validate')];
    expect([sent.kind, consumed.kind]).toEqual([4, 5]);
    expect(consumed.attributes['messaging.message.id']).toBe(sent.attributes['messaging.message.id']);
    expect(byName('ffmpeg').attributes['ffmpeg.args']).toMatch(/^-v error -nostdin -ss 0 -protocol_whitelist file,pipe -format_whitelist <allowed> -i <path> -frames:v 1 .* <path>$/);
    expect(byName('validate').attributes).toMatchObject({ 'task.id': tasks.image, 'task.kind': 'image' });
    expect(byName('run image').attributes).toMatchObject({ 'task.id': tasks.image, 'task.kind': 'image', 'task.attempt': 1 });

    // Two processes, each its own service instance, one service.
    const [apiProcess, workerProcess] = [root.resource, byName('run image').resource];
    expect(sent.resource['mediatasks.role']).toBe('api');
    expect(consumed.resource['mediatasks.role']).toBe('worker');
    expect(apiProcess).toMatchObject({ 'service.name': 'mediatasks', 'mediatasks.role': 'api' });
    expect(workerProcess).toMatchObject({ 'service.name': 'mediatasks', 'mediatasks.role': 'worker' });
    expect(apiProcess['service.instance.id']).not.toBe(workerProcess['service.instance.id']);
    expect(apiProcess['process.pid']).not.toBe(workerProcess['process.pid']);
    expect(spans.filter((span) => span.status.code === 2)).toEqual([]);
    expect([...receiver.contentTypes]).toEqual(['application/json']);

    console.log(`trace ${caller.traceId} (under the caller's span ${caller.spanId}):\n${formatTree(spans, root).join('\n')}`);
  });

  /** The trace of a task's createTask, with its root. */
  function traceOf(taskId: string) {
    const root = receiver.spans.find((span) => span.name === 'createTask' && span.attributes['task.id'] === taskId)!;
    return { root, spans: receiver.spans.filter((span) => span.traceId === root.traceId) };
  }

  it('ends a failed stage\'s span as ERROR with the task\'s error code, and a retry joins the task\'s trace', () => {
    const { root, spans } = traceOf(tasks.unreachable);
    // No traceparent sent: createTask is the root of a trace of the task's own.
    expect(root.parentSpanId).toBe('');
    const validations = spans.filter((span) => span.name === 'validate');
    expect(validations).toHaveLength(2);
    for (const validate of validations) {
      expect(validate.status).toMatchObject({ code: 2, message: expect.stringMatching(/HTTP 404/) });
      expect(validate.attributes['error.type']).toBe('INPUT_UNREACHABLE');
    }
    expect(spans.filter((span) => span.name === 'fetch input').map((span) => span.attributes['error.type'])).toEqual(['INPUT_UNREACHABLE', 'INPUT_UNREACHABLE']);
    expect(spans.map((span) => span.name)).not.toContain('run image');
    // The retry came without a traceparent: it continues from the context stored on the task row.
    expect(spans.find((span) => span.name === 'retryTask')!.parentSpanId).toBe(root.spanId);
  });

  it('keeps a workflow\'s steps in its trace, also a step released later by an event', () => {
    const { root, spans } = traceOf(tasks.workflow);
    expect(root.attributes['task.kind']).toBe('workflow');
    expect(spans.filter((span) => span.name === 'run image')).toHaveLength(2);
    expect(spans.filter((span) => span.name === 'run workflow')).toHaveLength(1);
    // The first step is sent by the workflow's run; the second, when the first ended, from the stored context.
    const stepSends = spans.filter((span) => span.name === 'send task-validate' && span.parentSpanId !== root.spanId);
    expect(stepSends.map((span) => spans.find((parent) => parent.spanId === span.parentSpanId)?.name)).toEqual(['run workflow']);
    expect(spans.filter((span) => span.name === 'send task-validate' && span.parentSpanId === root.spanId)).toHaveLength(2);
    // No span of these tasks started a trace of its own.
    const taskTraces = new Set([tasks.image, tasks.unreachable, tasks.workflow].map((id) => traceOf(id).root.traceId));
    expect(receiver.spans.filter((span) => !taskTraces.has(span.traceId)).map((span) => span.name)).toEqual([]);
  });
});
