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

/** What an operation of your own receives (WebSocketSubscriber.operation). */
export interface OperationSink<Data> {
  next(data: Data): void;
  /** The operation has ended with this error (a result with errors ends it too). */
  error(error: MediaTasksError): void;
  complete(): void;
  /**
   * The socket the operation goes on is up (acknowledged): re-read what may have changed before
   * it. At once when it already is; never when it ends first.
   */
  connected?(): void;
}

export interface WebSocketSubscriber {
  subscribe: SubscribeToTask;
  /** Any subscription document on the same socket; the function it returns ends it. */
  operation<Data>(query: string, variables: Record<string, unknown>, sink: OperationSink<Data>): () => void;
  /** True once a connection failed before it was ever up: later watches go to SSE directly. */
  readonly unusable: boolean;
  dispose(): Promise<void>;
}

/** CLIENT_CLOSED, for a subscription asked of a closed client. */
const closedError = () => new MediaTasksError('CLIENT_CLOSED', 'The client was closed (close()): it starts no more subscriptions.');

export interface ConnectionTimeouts {
  /** Milliseconds between pings on the WebSocket; a pong missing as long again ends the socket. 0: no pings. */
  keepAlive: number;
  /** Milliseconds for the WebSocket to open and the server to acknowledge it; else it is ended. 0: no limit. */
  connectionAck: number;
}

export function createWebSocketSubscriber(endpoint: string, apiKey: string | undefined, webSocketImpl: unknown, timeouts: ConnectionTimeouts): WebSocketSubscriber {
  let everConnected = false;
  let unusable = false;
  // Once closed, never again: a watch whose socket close() ended must not build a new client.
  let closed = false;
  let client: WebSocketClient | null = null;
  // Whether the socket is acknowledged now, and who waits for its next acknowledgement.
  let acknowledged = false;
  const awaitingAck = new Set<() => void>();
  // terminate(), not close(): a path that holds packets never completes a close handshake, and
  // the synthetic 4499 it emits reaches every subscription at once (each watch then reconnects).
  let openTimer: ReturnType<typeof setTimeout> | undefined;
  let pongTimer: ReturnType<typeof setTimeout> | undefined;
  const clearTimers = () => { clearTimeout(openTimer); clearTimeout(pongTimer); };
  const terminateAfter = (ms: number) => setTimeout(() => client?.terminate(), ms);
  const connect = () => {
    client ??= createWebSocketClient({
      url: endpoint.replace(/^http/, 'ws'),
      webSocketImpl,
      lazy: true,
      // The server reads the key from connection_init (browsers cannot set WebSocket headers).
      connectionParams: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
      // No retries inside graphql-ws: a dropped socket ends its subscriptions, and each watch
      // reconnects within its own bound (watch.ts), starting from the task as it is then. A
      // socket that never came up means "use SSE" instead (unusable).
      retryAttempts: 0,
      // Pings on a socket without traffic; the pong's wait is ours (graphql-ws only sends them).
      keepAlive: timeouts.keepAlive,
      // graphql-ws's connectionAckWaitTimeout starts only once the socket is open and closes
      // with a handshake: the timer here runs from the first byte of the upgrade to the ack.
      on: {
        connecting: () => {
          clearTimers();
          if (timeouts.connectionAck > 0) openTimer = terminateAfter(timeouts.connectionAck);
        },
        connected: () => {
          everConnected = true;
          acknowledged = true;
          clearTimeout(openTimer);
          const waiting = [...awaitingAck];
          awaitingAck.clear();
          for (const notify of waiting) notify();
        },
        ping: (received) => {
          if (!received && timeouts.keepAlive > 0) {
            clearTimeout(pongTimer);
            pongTimer = terminateAfter(timeouts.keepAlive);
          }
        },
        pong: (received) => { if (received) clearTimeout(pongTimer); },
        closed: () => {
          acknowledged = false;
          clearTimers();
        },
      },
    });
    return client;
  };
  function operation<Data>(document: string, variables: Record<string, unknown>, sink: OperationSink<Data>): () => void {
    if (closed) {
      queueMicrotask(() => sink.error(closedError()));
      return () => {};
    }
    let ended = false;
    const onAck = () => { if (!ended) sink.connected?.(); };
    /** Ends it for good: nothing reaches the sink after `report`. */
    const finish = (report: () => void) => {
      if (ended) return;
      ended = true;
      awaitingAck.delete(onAck);
      report();
    };
    if (sink.connected) {
      if (acknowledged) queueMicrotask(onAck);
      else awaitingAck.add(onAck);
    }
    const unsubscribe: () => void = connect().subscribe<Data>({ query: document, variables }, {
      next: (result) => {
        if (ended) return;
        if (!result.errors?.length) {
          if (result.data) sink.next(result.data);
          return;
        }
        // graphql-ws goes on after a result with errors; we end it, so a caller that subscribes
        // again never holds two at once.
        const error = errorFromGraphQL(result.errors[0] as GraphQLErrorShape);
        finish(() => {
          unsubscribe();
          sink.error(error);
        });
      },
      error: (error) => finish(() => {
        if (closed) return sink.error(closedError());
        // An array is the server's GraphQL errors; anything else is the socket (an Event, a CloseEvent).
        if (Array.isArray(error)) return sink.error(errorFromGraphQL(error[0] as GraphQLErrorShape));
        if (!everConnected) unusable = true;
        const reason = error instanceof Error ? error.message : describeClose(error);
        sink.error(new MediaTasksError('NETWORK_ERROR', `WebSocket to ${endpoint}: ${reason}`, { cause: error }));
      }),
      complete: () => finish(() => sink.complete()),
    });
    return () => {
      ended = true;
      awaitingAck.delete(onAck);
      unsubscribe();
    };
  }
  return {
    get unusable() { return unusable; },
    subscribe(id, sink) {
      return operation<ClientTaskUpdatedSubscription>(query, { id }, { ...sink, next: (data) => sink.next(data.taskUpdated) });
    },
    operation,
    async dispose() {
      closed = true;
      clearTimers();
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

/**
 * GraphQL over SSE, "distinct connections" mode: a POST answered with an event stream. The server
 * sends a keep-alive comment every 12 s; no byte at all for idleTimeout ms (a half-open
 * connection) ends the stream with NETWORK_ERROR, so the watch reconnects.
 */
export function createSseSubscriber(transport: HttpTransport, clientSignal: AbortSignal | undefined, idleTimeout: number): SubscribeToTask {
  return (id, sink) => {
    if (clientSignal?.aborted) {
      queueMicrotask(() => sink.error(abortError(clientSignal)));
      return () => {};
    }
    const controller = new AbortController();
    // close() ends every event stream of the client, whatever its watches do.
    const onClientAbort = () => controller.abort(clientSignal?.reason);
    clientSignal?.addEventListener('abort', onClientAbort, { once: true });
    let idle = false;
    let idleTimer: ReturnType<typeof setTimeout> | undefined;
    const touch = () => {
      clearTimeout(idleTimer);
      if (idleTimeout > 0) idleTimer = setTimeout(() => { idle = true; controller.abort(); }, idleTimeout);
    };
    let ended = false;
    const end = (finish: () => void) => {
      clearTimeout(idleTimer);
      clientSignal?.removeEventListener('abort', onClientAbort);
      if (ended) return;
      ended = true;
      finish();
    };
    void (async () => {
      touch();
      const response = await transport.fetch(transport.endpoint, {
        method: 'POST',
        headers: { ...transport.headers, 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ query, variables: { id } }),
        signal: controller.signal,
      });
      if (!response.ok || !response.body) throw new Error(`answered ${response.status} ${response.statusText}`);
      for await (const event of serverSentEvents(response.body, touch)) {
        if (event.type === 'complete') return;
        if (event.type === 'next' && event.data) deliver(JSON.parse(event.data) as ExecutionResultShape, sink);
      }
      throw new Error('the event stream ended without completing');
    })().then(
      () => end(() => sink.complete()),
      (error: unknown) => end(() => {
        if (idle) return sink.error(new MediaTasksError('NETWORK_ERROR', `Event stream from ${transport.endpoint}: nothing received for ${idleTimeout} ms.`, { cause: error }));
        if (controller.signal.aborted) return;
        sink.error(error instanceof MediaTasksError ? error
          : new MediaTasksError('NETWORK_ERROR', `Event stream from ${transport.endpoint}: ${(error as Error).message}`, { cause: error }));
      }),
    );
    return () => {
      ended = true;
      clearTimeout(idleTimer);
      clientSignal?.removeEventListener('abort', onClientAbort);
      controller.abort();
    };
  };
}

/** The events of a text/event-stream body (comments and keep-alives skipped). */
async function* serverSentEvents(body: ReadableStream<Uint8Array>, onBytes: () => void): AsyncGenerator<{ type: string; data: string }> {
  const decoder = new TextDecoder();
  let buffered = '';
  // A reader, not for await: Safari's streams are not async iterable.
  const reader = body.getReader();
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      onBytes();
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
