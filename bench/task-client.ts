// One simulated frontend: createTask over HTTP, then taskUpdated over its own graphql-ws socket
// (kept open, as a browser tab would), until the task ends.
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

const createTaskMutation = 'mutation CreateTask($input: CreateTaskInput!) { createTask(input: $input) { id status } }';
const taskUpdatedSubscription = 'subscription TaskUpdated($id: ID!) { taskUpdated(id: $id) { id status progress error { code message } } }';
const taskEventsQuery = 'query TaskEvents($id: ID!) { task(id: $id) { status error { code message } events { status createdAt } } }';

export interface TaskRun {
  id: string;
  /** From just before the createTask request to the SUCCEEDED event, in ms. */
  latencyMs: number;
  /** Wall-clock (Date.now) times, to line up with the server's event timestamps. */
  sentAt: number;
  succeededAt: number;
}

export interface StoredTask {
  status: string;
  error: { code: string; message: string } | null;
  events: Array<{ status: string; createdAt: string }>;
}

interface TaskUpdate {
  taskUpdated: { id: string; status: string; progress: number; error: { code: string; message: string } | null };
}

export class TaskClient {
  private readonly ws: Client;

  constructor(private readonly baseUrl: string) {
    this.ws = createClient({ url: `${baseUrl.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, lazy: false, retryAttempts: 0 });
  }

  /**
   * Creates a task and waits for SUCCEEDED; throws if it fails, is cancelled or takes longer than
   * timeoutMs. onCreated gets the task's id as soon as createTask answers.
   */
  async run(input: Record<string, unknown>, timeoutMs = 30_000, onCreated?: (id: string) => void): Promise<TaskRun> {
    const sentAt = Date.now();
    const started = performance.now();
    const created = await this.request<{ createTask: { id: string } }>(createTaskMutation, { input }, timeoutMs);
    const id = created.createTask.id;
    onCreated?.(id);
    await this.waitForSuccess(id, timeoutMs - (performance.now() - started), timeoutMs).catch(async (error: Error) => {
      const stored = await this.task(id).catch((reason: Error) => `unreadable: ${reason.message}`);
      throw new Error(`${error.message}\n  the server's view: ${JSON.stringify(stored)}`);
    });
    return { id, latencyMs: performance.now() - started, sentAt, succeededAt: Date.now() };
  }

  async task(id: string): Promise<StoredTask> {
    const data = await this.request<{ task: StoredTask }>(taskEventsQuery, { id });
    return data.task;
  }

  async request<Data>(query: string, variables: Record<string, unknown>, timeoutMs = 30_000): Promise<Data> {
    const response = await fetch(`${this.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await response.json()) as { data?: Data; errors?: unknown[] };
    if (body.errors || !body.data) throw new Error(`GraphQL request failed (HTTP ${response.status}): ${JSON.stringify(body.errors ?? body)}`);
    return body.data;
  }

  private waitForSuccess(id: string, timeoutMs: number, limitMs: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let last = '(no event yet)';
      let settled = false;
      // At a final status the server completes the subscription itself. Unsubscribing from inside
      // next() then would release it twice in graphql-ws's client (our unsubscribe, then the
      // server's complete arriving in the same read): its lock count drops to 0 and it closes the
      // socket under the other subscriptions, which see a bare complete. So only a timeout or an
      // error unsubscribes.
      const finish = (error?: Error, serverEnds = false) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (!serverEnds) unsubscribe();
        if (error) reject(error);
        else resolve();
      };
      const timer = setTimeout(() => finish(new Error(`task ${id} did not succeed within ${limitMs / 1000} s of createTask; last status ${last}`)), timeoutMs);
      const unsubscribe = this.ws.subscribe<TaskUpdate>({ query: taskUpdatedSubscription, variables: { id } }, {
        next: ({ data, errors }) => {
          if (errors) return finish(new Error(`taskUpdated ${id} errors: ${JSON.stringify(errors)}`));
          const task = data!.taskUpdated;
          last = task.status;
          if (task.status === 'SUCCEEDED') finish(undefined, true);
          else if (task.status === 'FAILED' || task.status === 'CANCELLED') {
            finish(new Error(`task ${id} ended ${task.status}: ${JSON.stringify(task.error)}`), true);
          }
        },
        error: (error) => finish(new Error(`taskUpdated ${id} subscription error: ${describe(error)}`), true),
        complete: () => finish(new Error(`taskUpdated ${id} completed without SUCCEEDED; last status ${last}`), true),
      });
    });
  }

  close(): Promise<void> {
    return Promise.resolve(this.ws.dispose());
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error && typeof error === 'object' && 'code' in error) return `socket closed (${String((error as { code: unknown }).code)})`;
  return JSON.stringify(error);
}
