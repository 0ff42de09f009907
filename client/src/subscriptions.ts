// The taskUpdated subscription over two transports: graphql-ws (one socket per client, shared by
// every watch) and Server-Sent Events over fetch (one response per watch), for where WebSockets
// are missing or blocked. Both report a connection problem as a NETWORK_ERROR and the server's
// own errors with their codes, so the watcher can tell "try again" from "give up".
import { createClient as createWebSocketClient, type Client as WebSocketClient } from 'graphql-ws';
import { abortError, errorFromGraphQL, MediaTasksError, type GraphQLErrorShape } from './errors.js';
import { ClientTaskUpdatedDocument, type ClientTaskUpdatedSubscription } from './generated/graphql.js';
import type { HttpTransport } from './http.js';

export type TaskChange = ClientTaskUpdatedSubscription['taskUpdated'];

export interface ChangeSink {
  next(change: TaskChange): void;
  error(error: MediaTasksError): void;
  complete(): void;
}

/** Starts a subscription to one task; the function it returns ends it. */
export type SubscribeToTask = (id: string, sink: ChangeSink) => () => void;

const query = ClientTaskUpdatedDocument.toString();

interface ExecutionResultShape {
  data?: ClientTaskUpdatedSubscription | null;
  errors?: readonly GraphQLErrorShape[];
}

function deliver(result: ExecutionResultShape, sink: ChangeSink): void {
  if (result.errors?.length) sink.error(errorFromGraphQL(result.errors[0]));
  else if (result.data) sink.next(result.data.taskUpdated);
}

export interface WebSocketSubscriber {
  subscribe: SubscribeToTask;
  /** True once a connection failed before it was ever up: later watches go to SSE directly. */
  readonly unusable: boolean;
  dispose(): Promise<void>;
}

/** CLIENT_CLOSED, for a subscription asked of a closed client. */
const closedError = () => new MediaTasksError('CLIENT_CLOSED', 'The client was closed (close()): it starts no more subscriptions.');

export function createWebSocketSubscriber(endpoint: string, apiKey: string | undefined, webSocketImpl: unknown): WebSocketSubscriber {
  let everConnected = false;
  let unusable = false;
  // Once closed, never again: a watch whose socket close() ended must not build a new client.
  let closed = false;
  let client: WebSocketClient | null = null;
  const connect = () => {
    client ??= createWebSocketClient({
      url: endpoint.replace(/^http/, 'ws'),
      webSocketImpl,
      lazy: true,
      // The server reads the key from connection_init (browsers cannot set WebSocket headers).
      connectionParams: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
      // A socket that was up and dropped is worth reconnecting (each subscription starts again
      // from the task as it is now); one that never came up means "use SSE" instead.
      retryAttempts: 5,
      shouldRetry: () => everConnected && !closed,
      on: { connected: () => { everConnected = true; } },
    });
    return client;
  };
  return {
    get unusable() { return unusable; },
    subscribe(id, sink) {
      if (closed) {
        queueMicrotask(() => sink.error(closedError()));
        return () => {};
      }
      return connect().subscribe<ClientTaskUpdatedSubscription>({ query, variables: { id } }, {
        next: (result) => deliver(result as ExecutionResultShape, sink),
        error: (error) => {
          if (closed) return sink.error(closedError());
          // An array is the server's GraphQL errors; anything else is the socket (an Event, a CloseEvent).
          if (Array.isArray(error)) return sink.error(errorFromGraphQL(error[0] as GraphQLErrorShape));
          if (!everConnected) unusable = true;
          const reason = error instanceof Error ? error.message : describeClose(error);
          sink.error(new MediaTasksError('NETWORK_ERROR', `WebSocket to ${endpoint}: ${reason}`, { cause: error }));
        },
        complete: () => sink.complete(),
      });
    },
    async dispose() {
      closed = true;
      const current = client;
      client = null;
      if (!current) return;
      // dispose() alone waits for a connection still being made (forever, on a path that holds
      // it); terminate() ends the socket at once, and dispose() before it means no retry after.
      const disposing = current.dispose();
      current.terminate();
      await Promise.resolve(disposing).catch(() => {});
    },
  };
}

function describeClose(event: unknown): string {
  const { code, reason } = (event ?? {}) as { code?: number; reason?: string };
  return code ? `closed with ${code}${reason ? ` (${reason})` : ''}` : 'could not connect';
}

/** GraphQL over SSE, "distinct connections" mode: a POST answered with an event stream. */
export function createSseSubscriber(transport: HttpTransport, clientSignal?: AbortSignal): SubscribeToTask {
  return (id, sink) => {
    if (clientSignal?.aborted) {
      queueMicrotask(() => sink.error(abortError(clientSignal)));
      return () => {};
    }
    const controller = new AbortController();
    // close() ends every event stream of the client, whatever its watches do.
    const onClientAbort = () => controller.abort(clientSignal?.reason);
    clientSignal?.addEventListener('abort', onClientAbort, { once: true });
    let ended = false;
    const end = (finish: () => void) => {
      clientSignal?.removeEventListener('abort', onClientAbort);
      if (ended) return;
      ended = true;
      finish();
    };
    void (async () => {
      const response = await transport.fetch(transport.endpoint, {
        method: 'POST',
        headers: { ...transport.headers, 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ query, variables: { id } }),
        signal: controller.signal,
      });
      if (!response.ok || !response.body) throw new Error(`answered ${response.status} ${response.statusText}`);
      for await (const event of serverSentEvents(response.body)) {
        if (event.type === 'complete') return;
        if (event.type === 'next' && event.data) deliver(JSON.parse(event.data) as ExecutionResultShape, sink);
      }
      throw new Error('the event stream ended without completing');
    })().then(
      () => end(() => sink.complete()),
      (error: unknown) => end(() => {
        if (controller.signal.aborted) return;
        sink.error(error instanceof MediaTasksError ? error
          : new MediaTasksError('NETWORK_ERROR', `Event stream from ${transport.endpoint}: ${(error as Error).message}`, { cause: error }));
      }),
    );
    return () => {
      ended = true;
      clientSignal?.removeEventListener('abort', onClientAbort);
      controller.abort();
    };
  };
}

/** The events of a text/event-stream body (comments and keep-alives skipped). */
async function* serverSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<{ type: string; data: string }> {
  const decoder = new TextDecoder();
  let buffered = '';
  // A reader, not for await: Safari's streams are not async iterable.
  const reader = body.getReader();
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      buffered += decoder.decode(read.value, { stream: true });
      let boundary: RegExpExecArray | null;
      while ((boundary = /\r?\n\r?\n/.exec(buffered))) {
        const block = buffered.slice(0, boundary.index);
        buffered = buffered.slice(boundary.index + boundary[0].length);
        let type = 'message';
        const data: string[] = [];
        for (const line of block.split(/\r?\n/)) {
          if (line.startsWith(':')) continue;
          const colon = line.indexOf(':');
          const name = colon < 0 ? line : line.slice(0, colon);
          const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (name === 'event') type = value;
          else if (name === 'data') data.push(value);
        }
        if (data.length || type !== 'message') yield { type, data: data.join('\n') };
      }
    }
  } finally {
    // However it ends (complete, an error, the watch gone), the response is released.
    reader.cancel().catch(() => {});
  }
}
