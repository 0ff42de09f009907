// GraphQL metrics of an API process: yoga's Prometheus plugin (requests, durations, errors, over
// HTTP and WebSocket alike, since both go through the envelop) on this process's registry, and the
// gauges of what is open now: WebSocket connections and running subscriptions.
import { usePrometheus } from '@graphql-yoga/plugin-prometheus';
import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { Gauge, type Registry } from 'prom-client';

/**
 * Labels are the operation type (and phase, HTTP method and status): never the operation name,
 * path or URL, which the caller chooses, so no client can grow the series without bound.
 */
export function graphqlMetricsPlugins(registry: Registry): Plugin[] {
  const subscriptions = new Gauge({
    name: 'mediatasks_graphql_subscriptions',
    help: 'GraphQL subscriptions running in this process (WebSocket and SSE).',
    registers: [registry],
  });
  return [
    usePrometheus({
      registry,
      endpoint: false, // served by our own /metrics routes, with their access rule
      skipIntrospection: true,
      labels: { operationName: false, path: false, url: false, fieldName: false, typeName: false, returnType: false },
      metrics: {
        graphql_envelop_request: 'mediatasks_graphql_requests_total',
        graphql_envelop_request_duration: 'mediatasks_graphql_request_duration_seconds',
        graphql_envelop_error_result: 'mediatasks_graphql_errors_total',
        graphql_yoga_http_duration: 'mediatasks_graphql_http_request_duration_seconds',
        // Per-phase timings, the summary (not aggregatable across processes), deprecations and
        // schema changes: more series than they are worth here.
        graphql_envelop_request_time_summary: false,
        graphql_envelop_phase_parse: false,
        graphql_envelop_phase_validate: false,
        graphql_envelop_phase_context: false,
        graphql_envelop_phase_execute: false,
        graphql_envelop_phase_subscribe: false,
        graphql_envelop_deprecated_field: false,
        graphql_envelop_schema_change: false,
      },
    }),
    {
      onSubscribe: () => ({
        onSubscribeResult: ({ result, setResult }) => {
          if (!isAsyncIterable(result)) return; // refused: nothing runs
          subscriptions.inc();
          setResult(untilEnded(result, () => subscriptions.dec()));
        },
      }),
    },
  ];
}

/** A gauge of the WebSocket connections open now, read from the server at each scrape. */
export function registerWebSocketGauge(registry: Registry, openConnections: () => number): void {
  new Gauge({
    name: 'mediatasks_websocket_connections',
    help: 'WebSocket connections open to this process.',
    registers: [registry],
    collect() {
      this.set(openConnections());
    },
  });
}

type Stream = AsyncIterable<ExecutionResult>;

const isAsyncIterable = (value: unknown): value is Stream => typeof (value as Stream)?.[Symbol.asyncIterator] === 'function';

/**
 * The same stream, calling `onEnd` once when it ends whichever way: completed, returned (the
 * client unsubscribed or disconnected) or failed (envelop's own onEnd misses a failure).
 */
function untilEnded(stream: Stream, onEnd: () => void): AsyncIterableIterator<ExecutionResult> {
  const source = stream[Symbol.asyncIterator]();
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    onEnd();
  };
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    next: () => source.next().then((step) => {
      if (step.done) end();
      return step;
    }, (error: unknown) => {
      end();
      throw error;
    }),
    return: (value?: unknown) => {
      end();
      return source.return?.(value) ?? Promise.resolve({ done: true, value: undefined });
    },
    throw: (error?: unknown) => {
      end();
      return source.throw?.(error) ?? Promise.reject(error);
    },
  };
}
