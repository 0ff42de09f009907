// createClient: the whole API of a mediatasks server as typed functions. Nothing here needs Node:
// node.ts adds file paths and a tus file reader for Node on top of it.
import { abortError, eitherSignal, MediaTasksError } from './errors.js';
import {
  ClientCancelTaskDocument, ClientCreateTaskDocument, ClientDeleteTaskDocument, ClientKindsDocument, ClientRetryTaskDocument,
  ClientTaskDocument, ClientTasksDocument,
  type ClientKindsQuery, type ClientTaskFragment, type CreateTaskInput, type TaskFilter, type TaskOrder,
} from './generated/graphql.js';
import { createHttpTransport, type ConnectionOptions, type TypedDocument } from './http.js';
import { sendMultipart, type ProgressListener } from './multipart.js';
import { sendResumable, type TusFileReader } from './resumable-upload.js';
import { defaultRetryPolicy, withRetries, type RetryPolicy } from './retry.js';
import { createSseSubscriber, createWebSocketSubscriber, type OperationSink, type TaskChange } from './subscriptions.js';
import { watchTask, type WatchOptions } from './watch.js';
import { randomUuid } from './uuid.js';

export type Task = ClientTaskFragment;
export type KindInfo = ClientKindsQuery['kinds'][number];
export type { OperationSink, TaskChange, TypedDocument };

export interface ClientOptions extends ConnectionOptions {
  /** The WebSocket class for subscriptions; the global one by default (browsers, Node 22+). */
  webSocketImpl?: unknown;
  /** How watch() subscribes: WebSocket, falling back to SSE when it cannot connect (auto), or one of them. */
  subscriptions?: 'auto' | 'websocket' | 'sse';
  /** How createTask retries a transport failure or SERVICE_UNAVAILABLE (same idempotency key). */
  retry?: Partial<RetryPolicy>;
  /** Files from this size (bytes) go with resumable tus uploads; smaller ones in the createTask request. 8 MiB by default. */
  resumableThreshold?: number;
  /** Milliseconds between WebSocket pings; a pong missing as long again ends the socket and watches reconnect. 10 000 by default, 0 for none. */
  keepAlive?: number;
  /** Milliseconds for the WebSocket to open and be acknowledged, else it is ended (never up: SSE in auto mode). 10 000 by default. */
  connectionAckTimeout?: number;
  /** Milliseconds an event stream (SSE) may go without a byte (the server's keep-alives count) before it is ended and the watch reconnects. 30 000 by default. */
  sseIdleTimeout?: number;
  /** Milliseconds a watch keeps reconnecting without contact with the server before it rejects; 60 000 by default (per watch: WatchOptions.reconnectTimeout). */
  reconnectTimeout?: number;
}

/** A file that goes in the createTask request itself (a GraphQL multipart request). */
export interface MultipartUpload {
  readonly blob: Blob;
  readonly filename: string;
  readonly onProgress?: ProgressListener;
}

/** What createTask takes: the server's input, with the file as a Blob or what upload() returned. */
export type CreateTaskRequest = Omit<CreateTaskInput, 'file'> & { file?: Blob | MultipartUpload };

/** What upload() answers: spread it into createTask's input. */
export type UploadedInput = { uploadId: string } | { file: MultipartUpload };

export interface UploadOptions {
  onProgress?: ProgressListener;
  /** Force tus (true) or the multipart request (false); by default by size (resumableThreshold). */
  resumable?: boolean;
  /** The name the task's input keeps; a File's own name, else `upload`. */
  filename?: string;
  signal?: AbortSignal;
}

export interface TaskListOptions extends TaskFilter {
  first?: number;
  after?: string;
  orderBy?: TaskOrder;
}

/** What a runtime adds (node.ts): reading a path, and how tus reads a file there. */
export interface Platform<FileSource> {
  toBlob(file: FileSource): Promise<{ blob: Blob; filename?: string }>;
  tusFileReader?: TusFileReader;
  tusChunkSize?: number;
  /** XMLHttpRequest for upload progress, where there is one. */
  preferXhr: boolean;
}

const mebibyte = 1024 * 1024;

export function createClientFor<FileSource>(platform: Platform<FileSource>, options: ClientOptions) {
  const http = createHttpTransport(options);
  const retryPolicy = { ...defaultRetryPolicy, ...options.retry };
  const resumableThreshold = options.resumableThreshold ?? 8 * mebibyte;
  const webSocketImpl = options.webSocketImpl ?? (globalThis as { WebSocket?: unknown }).WebSocket;
  const mode = options.subscriptions ?? 'auto';
  const webSocket = webSocketImpl && mode !== 'sse'
    ? createWebSocketSubscriber(http.endpoint, options.apiKey, webSocketImpl, { keepAlive: options.keepAlive ?? 10_000, connectionAck: options.connectionAckTimeout ?? 10_000 })
    : null;
  // Aborted by close(): every watch and event stream of this client ends with CLIENT_CLOSED.
  const closing = new AbortController();
  const sse = createSseSubscriber(http, closing.signal, options.sseIdleTimeout ?? 30_000);
  if (mode === 'websocket' && !webSocket) throw new MediaTasksError('BAD_USER_INPUT', 'subscriptions: websocket needs a WebSocket: pass webSocketImpl.', { field: 'webSocketImpl' });

  async function task(id: string, signal?: AbortSignal): Promise<Task | null> {
    return (await http.request(ClientTaskDocument, { id }, signal)).task;
  }

  async function existingTask(id: string, signal?: AbortSignal): Promise<Task> {
    const found = await task(id, signal);
    if (!found) throw new MediaTasksError('NOT_FOUND', `No task with id ${id}.`, { field: 'id' });
    return found;
  }

  async function createTask(input: CreateTaskRequest, requestOptions: { signal?: AbortSignal; onUploadProgress?: ProgressListener } = {}): Promise<Task> {
    // One key for every try: a retry after a lost answer returns the task the first try made.
    const { file, ...rest } = input;
    const variables = { input: { ...rest, idempotencyKey: input.idempotencyKey ?? randomUuid() } };
    const send = async () => {
      if (!file) return (await http.request(ClientCreateTaskDocument, variables, requestOptions.signal)).createTask;
      const upload = file instanceof Blob ? { blob: file, filename: nameOf(file) } : file;
      const onProgress = requestOptions.onUploadProgress ?? (file instanceof Blob ? undefined : file.onProgress);
      const data = await sendMultipart(http, ClientCreateTaskDocument, { input: { ...variables.input, file: null } },
        { blob: upload.blob, filename: upload.filename, variablePath: 'input.file' }, { onProgress, signal: requestOptions.signal, preferXhr: platform.preferXhr });
      return data.createTask;
    };
    return withRetries(send, retryPolicy, requestOptions.signal);
  }

  async function upload(file: FileSource, uploadOptions: UploadOptions = {}): Promise<UploadedInput> {
    const { blob, filename: platformName } = await platform.toBlob(file);
    const filename = uploadOptions.filename ?? platformName ?? nameOf(blob);
    const resumable = uploadOptions.resumable ?? blob.size >= resumableThreshold;
    if (!resumable) return { file: { blob, filename, onProgress: uploadOptions.onProgress } };
    return sendResumable(http, blob, {
      filename, onProgress: uploadOptions.onProgress, signal: uploadOptions.signal, fileReader: platform.tusFileReader, chunkSize: platform.tusChunkSize,
    });
  }

  function watch(id: string, onChange?: (change: TaskChange) => void, watchOptions: WatchOptions = {}): Promise<Task> {
    if (closing.signal.aborted) return Promise.reject(abortError(closing.signal));
    const { signal, release } = eitherSignal(closing.signal, watchOptions.signal);
    return watchTask({
      subscriber: () => (webSocket && (mode === 'websocket' || !webSocket.unusable) ? webSocket.subscribe : sse),
      read: existingTask,
    }, id, onChange, { reconnectTimeout: options.reconnectTimeout, ...watchOptions, signal }).finally(release);
  }

  return {
    /** Creates a task; resolves with it as stored (WAITING). Carries an idempotency key, so retries are safe. */
    createTask,
    /** Sends a file: tus when large (or resumable: true), else prepares it for the createTask request. */
    upload,
    /** A task by id, or null. */
    task,
    /** Tasks, newest first, filtered like Query.tasks. */
    async tasks(list: TaskListOptions = {}, signal?: AbortSignal) {
      const { first = 20, after, orderBy, ...filter } = list;
      const { tasks } = await http.request(ClientTasksDocument, { first, after, orderBy, filter }, signal);
      return { tasks: tasks.edges.map((edge) => edge.node), totalCount: tasks.totalCount, hasNextPage: tasks.pageInfo.hasNextPage, endCursor: tasks.pageInfo.endCursor };
    },
    cancel: async (id: string, signal?: AbortSignal) => (await http.request(ClientCancelTaskDocument, { id }, signal)).cancelTask,
    retry: async (id: string, signal?: AbortSignal) => (await http.request(ClientRetryTaskDocument, { id }, signal)).retryTask,
    /** Deletes a finished task with its outputs; resolves with its id. */
    delete: async (id: string, signal?: AbortSignal) => (await http.request(ClientDeleteTaskDocument, { id }, signal)).deleteTask,
    /** Resolves with the task (outputs, result) once it is SUCCEEDED, FAILED or CANCELLED; onChange sees every change. */
    watch,
    /** createTask, then watch. */
    async run(input: CreateTaskRequest, runOptions: { onChange?: (change: TaskChange) => void; onUploadProgress?: ProgressListener; signal?: AbortSignal } = {}): Promise<Task> {
      const created = await createTask(input, runOptions);
      return watch(created.id, runOptions.onChange, { signal: runOptions.signal });
    },
    /** The kinds this server runs, with the JSON Schema of their options. */
    kinds: async (signal?: AbortSignal): Promise<KindInfo[]> => (await http.request(ClientKindsDocument, {}, signal)).kinds,
    /** Any query or mutation of your own (a typed document from your codegen); rejects with the first error as a MediaTasksError. */
    request: <Data, Variables>(document: TypedDocument<Data, Variables>, variables: Variables, signal?: AbortSignal): Promise<Data> => http.request(document, variables, signal),
    /**
     * Any subscription of your own (e.g. taskEvents) on the client's WebSocket; the function it
     * returns ends it. A dropped socket ends it with NETWORK_ERROR: subscribe again (and re-read
     * what may have changed meanwhile). Needs a WebSocket (not subscriptions: 'sse').
     */
    subscribe<Data, Variables extends Record<string, unknown>>(document: TypedDocument<Data, Variables>, variables: Variables, sink: OperationSink<Data>): () => void {
      if (!webSocket) throw new MediaTasksError('BAD_USER_INPUT', 'subscribe needs a WebSocket: pass webSocketImpl, and not subscriptions: sse.', { field: 'webSocketImpl' });
      return webSocket.operation<Data>(document.toString(), variables, sink);
    },
    /** Ends every watch in progress (they reject with CLIENT_CLOSED) and closes the WebSocket; later watches reject at once. */
    async close() {
      if (!closing.signal.aborted) closing.abort(new MediaTasksError('CLIENT_CLOSED', 'The client was closed (close()) while watching.'));
      await webSocket?.dispose();
    },
  };
}

export type MediaTasksClient<FileSource = Blob> = ReturnType<typeof createClientFor<FileSource>>;

function nameOf(blob: Blob): string {
  const name = (blob as { name?: unknown }).name;
  return typeof name === 'string' && name ? name : 'upload';
}
