// Traces with OpenTelemetry, off unless an OTLP endpoint is configured. On, this process gets a
// tracer provider that sends spans over OTLP/HTTP (JSON) in batches, flushed when the app stops.
// Off, nothing is registered: the API's no-op tracer makes every span below cost next to nothing.
// A task's trace crosses processes on its jobs: pg-boss stores the sender's W3C trace context
// with each job and runs the handler in a span that continues it (queue/task-queue.ts). The task
// row keeps the context it was created in, for hops that start outside any span (a workflow's
// next steps, a retry).
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { context, diag, propagation, ROOT_CONTEXT, SpanStatusCode, trace, type Attributes, type Context, type Span } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { ATTR_ERROR_TYPE, ATTR_SERVICE_INSTANCE_ID, ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { Role, TracingConfig } from '../config.js';
import { oncePer, type Logger } from '../logger.js';

/** W3C trace context (`traceparent`, maybe `tracestate`) as a task row keeps it (pg-boss keeps its own on each job). */
export type TraceCarrier = Record<string, string>;

export type { Span };

// A proxy: it delegates to whichever provider is registered when a span starts, or to none.
const tracer = trace.getTracer('mediatasks');
let tracingOn = false;

/** Whether this process sends traces: lets a hop skip reading a trace context nobody would use. */
export function isTracing(): boolean {
  return tracingOn;
}

export interface Tracing {
  /** Sends the spans still waiting, then unregisters everything (safe to call twice). */
  stop(): Promise<void>;
}

/** Registers this process's tracer provider, context manager and propagator; null when tracing is off. */
export function startTracing(config: TracingConfig | null, role: Role, logger: Logger): Tracing | null {
  if (!config) return null;
  const provider = new TracerProvider({
    resource: defaultResource().merge(resourceFromAttributes({
      // Each process is its own instance: the API's and the worker's spans of one task tell apart.
      [ATTR_SERVICE_INSTANCE_ID]: randomUUID(),
      'process.pid': process.pid,
      'host.name': os.hostname(),
      'mediatasks.role': role,
      ...config.resourceAttributes,
      [ATTR_SERVICE_NAME]: config.serviceName,
    })),
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: config.tracesUrl }), scheduledDelayMillis: config.exportDelayMs })],
  });
  if (!trace.setGlobalTracerProvider(provider)) {
    throw new Error('A tracer provider is already registered in this process: one app with tracing per process.');
  }
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  // The exporter reports a collector it cannot reach through diag: one line a minute, not one per batch.
  const reportExportProblem = oncePer(60_000);
  const warn = (message: string, ...args: unknown[]) => {
    if (reportExportProblem()) logger.warn({ module: 'tracing', details: args.map(String) }, `tracing: ${message}`);
  };
  diag.setLogger({ error: warn, warn, info: () => {}, debug: () => {}, verbose: () => {} });
  logger.info({ tracesUrl: config.tracesUrl, serviceName: config.serviceName }, 'tracing on: spans go to the OTLP endpoint');
  tracingOn = true;

  const stop = async () => {
    try {
      if (!await settlesWithin(provider.shutdown(), flushWaitMs)) logger.warn({ tracesUrl: config.tracesUrl }, `tracing: the last spans were not sent within ${flushWaitMs} ms; dropped`);
    } finally {
      tracingOn = false;
      trace.disable();
      propagation.disable();
      context.disable();
      contextManager.disable();
      diag.disable();
    }
  };
  let stopped: Promise<void> | null = null;
  return { stop: () => stopped ??= stop() };
}

/** How long a stop waits for the last spans to reach the collector: a stop must not hang on one that is down. */
const flushWaitMs = 3000;

/** False when `work` is still going after `waitMs`. */
async function settlesWithin(work: Promise<void>, waitMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), waitMs);
  });
  try {
    return await Promise.race([work.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs `work` inside a span, a child of the active one. What it throws ends the span as an
 * ERROR with `error.type` (a TaskError's code, or the error's name) before being rethrown.
 */
export function withSpan<T>(name: string, attributes: Attributes, work: (span: Span) => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      failSpan(span, errorTypeOf(error), (error as Error | undefined)?.message ?? String(error));
      throw error;
    } finally {
      span.end();
    }
  });
}

/** `target` with calls of `method` each in a span (everything else as it was): for a provider whose calls are the work. */
export function traceCalls<T extends object>(target: T, method: keyof T & string, name: string, attributes: Attributes): T {
  return new Proxy(target, {
    get(object, key) {
      const value = Reflect.get(object, key, object) as unknown;
      if (typeof value !== 'function') return value;
      const call = (...args: unknown[]) => (value as (...args: unknown[]) => unknown).apply(object, args);
      return key === method ? (...args: unknown[]) => withSpan(name, attributes, async () => call(...args)) : call;
    },
  });
}

/** Adds what became known later (a task's kind, once its row is read) to the active span. */
export function annotateActiveSpan(attributes: Attributes): void {
  trace.getActiveSpan()?.setAttributes(attributes);
}

/** Marks the active span failed, e.g. a stage whose failure becomes its task's error code. */
export function failActiveSpan(errorType: string, message: string): void {
  const span = trace.getActiveSpan();
  if (span) failSpan(span, errorType, message);
}

function failSpan(span: Span, errorType: string, message: string): void {
  span.setAttribute(ATTR_ERROR_TYPE, errorType);
  // A task's error may name its input URL, whose query can be a signature: not for the collector.
  span.setStatus({ code: SpanStatusCode.ERROR, message: message.replace(/(https?:\/\/[^\s?#]+)[?#][^\s]*/g, '$1?…') });
}

function errorTypeOf(error: unknown): string {
  const { code, name } = (error ?? {}) as { code?: unknown; name?: unknown };
  if (typeof code === 'string') return code;
  return typeof name === 'string' ? name : 'Error';
}

/** The active trace context to carry along; undefined when there is none (tracing off). */
export function injectTraceContext(): TraceCarrier | undefined {
  const carrier: TraceCarrier = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ? carrier : undefined;
}

/** The context a carrier names (a job's, a task's, an HTTP request's headers); the root context without one. */
export function extractTraceContext(carrier: Record<string, string | string[] | undefined> | null | undefined): Context {
  return carrier ? propagation.extract(ROOT_CONTEXT, carrier) : ROOT_CONTEXT;
}

/** Runs `work` in the carrier's trace, e.g. an HTTP request's headers with a caller's `traceparent`. */
export function withTraceContext<T>(carrier: Parameters<typeof extractTraceContext>[0], work: () => T): T {
  return context.with(extractTraceContext(carrier), work);
}

/**
 * Runs `work` in the carrier's trace, unless a span is active already (then it stays the parent):
 * for hops that may start inside a task's span or outside any (a workflow advanced by an event).
 */
export function continueTrace<T>(carrier: TraceCarrier | null | undefined, work: () => T): T {
  if (!carrier || trace.getActiveSpan()) return work();
  return context.with(extractTraceContext(carrier), work);
}
