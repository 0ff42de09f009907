// The API side of tasks: accept (validate the request, store, enqueue), cancel, retry, delete.
// It sits above the lifecycle (tasks/) because it also enqueues and walks workflows; no GraphQL
// here: the schema layer maps RequestError to extensions.code.
import type pg from 'pg';
import { findTaskKind } from '../kinds/index.js';
import { outputTooLarge, parseKindOptions, type TaskKind } from '../kinds/task-kind.js';
import type { IntelligenceCapabilities } from '../ml/intelligence.js';
import { fetchHostOf, type TaskQueue } from '../queue/task-queue.js';
import { newFileSecret, taskFolders, type Storage } from '../storage/storage.js';
import type { StoredUpload } from '../uploads/stored-upload.js';
import type { UploadService } from '../uploads/upload-service.js';
import { selectUnfinishedChildren } from '../workflows/workflow-sql.js';
import type { TaskLifecycle } from '../tasks/task-lifecycle.js';
import { RequestError } from '../tasks/request-error.js';
import { deleteFinishedTask, releaseExpiredIdempotencyKey, selectTaskByIdempotencyKey } from '../tasks/task-sql.js';
import { isTerminal, type TaskStatus } from '../tasks/task-status.js';
import { uuidv7 } from '../tasks/uuid.js';
import { continueTrace, injectTraceContext, isTracing, withSpan, type TraceCarrier } from '../tracing/tracing.js';
import type { WebhookSecrets } from '../webhooks/webhook-secrets.js';
import { checkSameRequest, fingerprintRequest, type RequestFingerprint } from './idempotency.js';
import { checkIdempotencyKey, checkMetadata, parseInputUrl } from './request-checks.js';

export interface CreateTaskRequest {
  kind: string;
  url?: string | null;
  /** An upload already in storage (the multipart route streamed it there). */
  file?: StoredUpload | null;
  /** A completed resumable upload of the caller's (createUpload, then tus). */
  uploadId?: string | null;
  /** The kind's options, before defaults (validated here). */
  options?: Record<string, unknown> | null;
  metadata?: unknown;
  webhookUrl?: string | null;
  /** Also report every status change to webhookUrl, not only the end. */
  webhookAllEvents?: boolean | null;
  idempotencyKey?: string | null;
  /** The request as the caller wrote it (GraphQL: before the schema's defaults), for the idempotency fingerprint. */
  sent?: Record<string, unknown>;
}

export class TaskService {
  constructor(
    private readonly pool: pg.Pool,
    private readonly lifecycle: TaskLifecycle,
    private readonly queue: TaskQueue,
    private readonly storage: Storage,
    private readonly limits: { maxUploadBytes: number; maxOutputPixels: number; idempotencyKeyTtlSeconds: number },
    private readonly capabilities: IntelligenceCapabilities,
    private readonly webhookSecrets: Pick<WebhookSecrets, 'hasSecret' | 'missingSecretMessage'>,
    /** Resumable uploads; null where this process serves none (createTask's uploadId is refused). */
    private readonly uploads: UploadService | null = null,
  ) {}

  /** Stores the task and its validation job in one transaction; returns the task id. */
  /**
   * Why createTask refuses every task of this kind here, whatever its options (no provider is
   * configured for it, e.g. prompt without a language model); null when it runs.
   */
  kindUnavailableReason(kind: TaskKind): string | null {
    const defaults = kind.options.safeParse({});
    try {
      const problem = kind.checkCapabilities?.((defaults.success ? defaults.data : {}) as never, this.capabilities);
      return problem && problem.option === null ? problem.message : null;
    } catch {
      // A check that reads options the defaults lack (a workflow's steps) is about those options,
      // not about the kind: it runs.
      return null;
    }
  }

  createTask(request: CreateTaskRequest, owner: string | null = null): Promise<string> {
    // The root of the task's trace (or a child of the caller's, sent as `traceparent`).
    return withSpan('createTask', { 'task.kind': request.kind, 'task.input': request.file ? 'file' : 'url', ...(owner === null ? {} : { 'task.owner': owner }) }, async (span) => {
      const id = await this.acceptTask(request, owner);
      span.setAttribute('task.id', id);
      return id;
    });
  }

  private async acceptTask(request: CreateTaskRequest, owner: string | null): Promise<string> {
    const kind = findTaskKind(request.kind);
    if (!kind) throw new RequestError('BAD_USER_INPUT', `Unknown task kind "${request.kind}".`, 'kind');
    const url = request.url ? parseInputUrl(request.url, 'url') : null;
    const inputs = [url && 'url', request.file && 'file', request.uploadId && 'uploadId'].filter(Boolean);
    if (inputs.length !== 1) throw new RequestError('BAD_USER_INPUT', 'Give exactly one input: url, file or uploadId.', inputs[1] || 'url');
    const options = parseOptions(kind, request.options ?? {});
    const tooLarge = outputTooLarge(kind, options, null, this.limits.maxOutputPixels);
    if (tooLarge) throw new RequestError('BAD_USER_INPUT', tooLarge, `options.${kind.name}.width`);
    const problem = kind.checkCapabilities?.(options, this.capabilities);
    if (problem) throw new RequestError('BAD_USER_INPUT', problem.message, problem.option ? `options.${kind.name}.${problem.option}` : 'kind');
    const webhookUrl = request.webhookUrl ? parseInputUrl(request.webhookUrl, 'webhookUrl') : null;
    // A webhook is signed with its owner's secret: without one the receiver could verify nothing.
    if (webhookUrl && !await this.webhookSecrets.hasSecret(owner)) {
      throw new RequestError('BAD_USER_INPUT', this.webhookSecrets.missingSecretMessage(owner), 'webhookUrl');
    }
    checkMetadata(request.metadata);
    if (request.idempotencyKey) checkIdempotencyKey(request.idempotencyKey);

    // Keys are per owner: the same key from two owners names two tasks.
    const idempotencyKey = request.idempotencyKey ? (owner === null ? request.idempotencyKey : `${owner}/${request.idempotencyKey}`) : null;
    const fingerprint = idempotencyKey ? fingerprintRequest(request) : null;
    if (idempotencyKey) {
      const existing = await this.findByIdempotencyKey(idempotencyKey, request.idempotencyKey!, fingerprint!);
      if (existing) return existing;
    }

    const id = uuidv7();
    // An upload was stored under a secret of its own, which the task takes over.
    const upload = request.file ?? (request.uploadId ? await this.takeUpload(request.uploadId, owner) : null);
    const inputSecret = upload?.inputSecret ?? newFileSecret();
    const inputKey = upload?.key ?? null;
    let created;
    try {
      created = await this.lifecycle.inTransaction(async (client) => {
        // A key past its time to live leaves its old task, and this one takes it.
        if (idempotencyKey) await client.query(releaseExpiredIdempotencyKey(idempotencyKey, this.limits.idempotencyKeyTtlSeconds));
        const change = await this.lifecycle.create({
          id, kind: kind.name, url, inputKey, options, metadata: request.metadata ?? null,
          webhookUrl, webhookAllEvents: Boolean(webhookUrl && request.webhookAllEvents),
          idempotencyKey, idempotencyFingerprint: fingerprint, parentId: null, owner, inputSecret, traceContext: injectTraceContext(),
        }, client);
        if (change) await this.queue.sendValidate(id, fetchHostOf(url, inputKey), client);
        if (change && upload?.uploadId) await this.uploads!.recordTaker(upload.uploadId, id, client);
        return change;
      });
    } catch (error) {
      // A resumable upload's bytes were moved for this task: no task, no bytes kept.
      if (request.uploadId && upload) await this.releaseUploads([upload]);
      throw error;
    }
    if (created) {
      if (upload) upload.takenBy = id;
      return id;
    }

    // Another request with the same idempotency key won the race: answer with its task, if it
    // was the same request (the insert waited for the winner's commit, so its row is visible).
    // This request's upload, taken by no task, is removed: here if it was a resumable one, by
    // the multipart route that stored it otherwise.
    if (request.uploadId && upload) await this.releaseUploads([upload]);
    const winner = await this.findByIdempotencyKey(idempotencyKey!, request.idempotencyKey!, fingerprint!);
    if (!winner) throw new Error('idempotency key conflict without a task');
    return winner;
  }

  private takeUpload(uploadId: string, owner: string | null): Promise<StoredUpload> {
    if (!this.uploads) throw new RequestError('BAD_USER_INPUT', 'This server takes no resumable uploads.', 'uploadId');
    return this.uploads.take(uploadId, owner, 'uploadId');
  }

  /** Removes the stored uploads of a request that no task took (a refused or repeated createTask). */
  async releaseUploads(uploads: StoredUpload[]): Promise<void> {
    const released = uploads.filter((upload) => !upload.takenBy);
    for (const upload of released) await this.storage.deletePrefix(`${upload.inputSecret}/`);
    await this.uploads?.forget(released.flatMap((upload) => (upload.uploadId ? [upload.uploadId] : [])));
  }

  /** Cancels a task that has not ended; a running worker hears of it and aborts within moments. */
  async cancelTask(taskId: string, owner: string | null = null): Promise<void> {
    await this.checkOwner(taskId, owner);
    // A workflow's unfinished steps are cancelled with it, in the same transaction.
    const cancelled = await this.lifecycle.inTransaction(async (client) => {
      if (!await this.lifecycle.transition(taskId, 'CANCELLED', { message: 'cancelled by request', client })) return false;
      const { rows } = await client.query<{ id: string }>(selectUnfinishedChildren(taskId));
      for (const child of rows) await this.lifecycle.transition(child.id, 'CANCELLED', { message: 'workflow cancelled', client });
      return true;
    });
    if (!cancelled) await this.explainRefusal(taskId, 'cancelled', 'it has already ended');
  }

  /**
   * Runs a FAILED or CANCELLED task again, as a new attempt of the same task: back to WAITING
   * (the history keeps the failure), with a new validation job. A URL input is fetched again.
   */
  async retryTask(taskId: string, owner: string | null = null): Promise<void> {
    await this.checkOwner(taskId, owner);
    // The new attempt joins the task's trace (unless the caller sent one of its own).
    const retried = await continueTrace(await this.traceContextOf(taskId), () => withSpan('retryTask', { 'task.id': taskId }, () => this.lifecycle.inTransaction(async (client) => {
      const change = await this.lifecycle.transition(taskId, 'WAITING', {
        message: 'retry requested',
        patch: { errorCode: null, errorMessage: null, result: null, progress: 0 },
        client,
      });
      if (!change) return false;
      const { rows: [input] } = await client.query<{ url: string | null; inputKey: string | null }>(
        `UPDATE task SET input_key = CASE WHEN url IS NOT NULL THEN NULL ELSE input_key END WHERE id = $1 RETURNING url, input_key AS "inputKey"`, [taskId]);
      await this.queue.sendValidate(taskId, fetchHostOf(input!.url, input!.inputKey), client);
      return true;
    })));
    if (!retried) await this.explainRefusal(taskId, 'retried', 'only FAILED or CANCELLED tasks can be retried');
  }

  /** Deletes a finished task and its files. */
  async deleteTask(taskId: string, owner: string | null = null): Promise<void> {
    await this.checkOwner(taskId, owner);
    // A step of a running workflow stays: its dependents still need its output.
    const { rows: [running] } = await this.pool.query<{ id: string }>(
      `SELECT parent.id FROM task step JOIN task parent ON parent.id = step.parent_id
       WHERE step.id = $1 AND parent.status NOT IN ('SUCCEEDED', 'FAILED', 'CANCELLED')`, [taskId]);
    if (running) throw new RequestError('CONFLICT', `Task ${taskId} is a step of workflow ${running.id}, which is still running: delete the workflow once it has ended.`, 'id');
    // A workflow goes with its steps (the rows cascade; their files are removed here).
    const { rows: children } = await this.pool.query<{ id: string; status: TaskStatus }>('SELECT id, status FROM task WHERE parent_id = $1', [taskId]);
    if (children.some((child) => !isTerminal(child.status))) {
      throw new RequestError('CONFLICT', `Task ${taskId} has steps still running: cancel it or wait for them to end.`, 'id');
    }
    const { rows } = await this.pool.query<{ inputSecret: string; outputSecret: string }>(deleteFinishedTask(taskId));
    if (rows.length === 0) await this.explainRefusal(taskId, 'deleted', 'cancel it first or wait for it to end');
    for (const folder of rows.flatMap(taskFolders)) await this.storage.deletePrefix(folder);
  }

  /** The trace context the task was created in; not read with tracing off. */
  private async traceContextOf(taskId: string): Promise<TraceCarrier | null> {
    if (!isTracing()) return null;
    const { rows } = await this.pool.query<{ traceContext: TraceCarrier | null }>('SELECT trace_context AS "traceContext" FROM task WHERE id = $1', [taskId]);
    return rows[0]?.traceContext ?? null;
  }

  /** Another owner's task does not exist, as far as this caller can tell. */
  private async checkOwner(taskId: string, owner: string | null): Promise<void> {
    if (owner === null) return;
    const { rows } = await this.pool.query<{ owner: string | null }>('SELECT owner FROM task WHERE id = $1', [taskId]);
    if (rows[0]?.owner !== owner) throw new RequestError('NOT_FOUND', `No task with id ${taskId}.`, 'id');
  }

  /** Throws why a task could not be changed: it does not exist, or its status forbids it. */
  private async explainRefusal(taskId: string, verb: string, hint: string): Promise<never> {
    const { rows } = await this.pool.query<{ status: TaskStatus }>('SELECT status FROM task WHERE id = $1', [taskId]);
    if (!rows[0]) throw new RequestError('NOT_FOUND', `No task with id ${taskId}.`, 'id');
    throw new RequestError('CONFLICT', `Task ${taskId} is ${rows[0].status} and cannot be ${verb}: ${hint}.`, 'id');
  }

  /** The task of a live key, if the request is the one that made it; a CONFLICT if it is not. */
  private async findByIdempotencyKey(key: string, sentKey: string, fingerprint: RequestFingerprint): Promise<string | undefined> {
    const { rows: [task] } = await this.pool.query<{ id: string; fingerprint: RequestFingerprint | null }>(
      selectTaskByIdempotencyKey(key, this.limits.idempotencyKeyTtlSeconds));
    if (!task) return undefined;
    checkSameRequest(sentKey, task.fingerprint, fingerprint);
    return task.id;
  }

}

function parseOptions(kind: TaskKind, options: Record<string, unknown>): Record<string, unknown> {
  const parsed = parseKindOptions(kind, options);
  if (parsed.success) return parsed.options;
  const issue = parsed.issues[0];
  const field = ['options', kind.name, ...issue.path.map(String)].join('.');
  throw new RequestError('BAD_USER_INPUT', `Invalid ${field}: ${issue.message}`, field);
}
