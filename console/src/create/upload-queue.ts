// Sending the inputs: one task per file or URL, a few at a time. A file goes through the typed
// client's upload() (multipart under 8 MiB, tus above, which resumes after a dropped connection)
// and its answer is spread into createTask. Each input reports its own progress and outcome, so
// one failure never loses the others' results.
import { MediaTasksError, type MediaTasksClient, type TaskKind, type TaskOptions } from '@mediatasks/client';

export type Source = { file: File } | { url: string };

export type SendState =
  | { phase: 'ready' }
  | { phase: 'uploading'; sent: number; total: number }
  | { phase: 'creating' }
  | { phase: 'created'; taskId: string }
  | { phase: 'failed'; error: SendError }
  | { phase: 'cancelled' };

export interface SendError {
  code: string;
  message: string;
  /** The input field the server refused, e.g. options.image.width. */
  field?: string;
}

export interface TaskRequest {
  kind: TaskKind;
  options?: TaskOptions;
}

export interface QueueItem {
  id: string;
  source: Source;
}

/** At most this many inputs upload at once: enough to fill a link, few enough to show progress. */
const concurrency = 3;

/** Sends one input; resolves with the task's id. */
export async function sendInput(client: MediaTasksClient<Blob>, source: Source, request: TaskRequest,
  report: (state: SendState) => void, signal: AbortSignal): Promise<string> {
  if ('url' in source) {
    report({ phase: 'creating' });
    return (await client.createTask({ ...request, url: source.url }, { signal })).id;
  }
  const file = source.file;
  report({ phase: 'uploading', sent: 0, total: file.size });
  const onProgress = (sent: number, total: number) => report(sent >= total ? { phase: 'creating' } : { phase: 'uploading', sent, total });
  const uploaded = await client.upload(file, { onProgress, signal });
  // A multipart upload's bytes go with createTask (its progress keeps coming); tus is done here.
  if ('uploadId' in uploaded) report({ phase: 'creating' });
  return (await client.createTask({ ...request, ...uploaded }, { signal })).id;
}

export function sendErrorOf(error: unknown): SendError {
  if (error instanceof MediaTasksError) return { code: error.code, message: error.message, ...(error.field && { field: error.field }) };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

/** An error that every input would get alike (the options, the kind): no use sending the rest. */
export function refusesEveryInput(error: SendError): boolean {
  return error.code === 'BAD_USER_INPUT' && !!error.field && /^(options|kind|metadata)\b/.test(error.field);
}

/**
 * Sends every item, `concurrency` at a time, reporting each one's state. Items not yet started
 * when an error refuses every input stay ready (sent again with the next submit); none starts
 * once `abandoned` (the screen was left).
 */
export async function sendAll(items: QueueItem[], abandoned: () => boolean, send: (item: QueueItem) => Promise<SendState>): Promise<void> {
  const waiting = [...items];
  let stopped = false;
  const worker = async () => {
    for (let item = waiting.shift(); item && !stopped && !abandoned(); item = waiting.shift()) {
      const outcome = await send(item);
      if (outcome.phase === 'failed' && refusesEveryInput(outcome.error)) stopped = true;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
