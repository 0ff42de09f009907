// Every SQL statement of the task lifecycle, as functions returning { text, values }.
// Each write is one statement that updates the row, appends the history event and NOTIFYs,
// so a change is in Postgres before anyone hears of it and nothing is published twice.
import { newFileSecret } from '../storage/storage.js';
import { taskChangeChannel } from './task-change.js';
import type { TaskStatus } from './task-status.js';

export interface Statement {
  text: string;
  values: unknown[];
}

/** Columns a transition may set besides status, keyed by their row-field names. */
export interface TaskPatch {
  errorCode?: string | null;
  errorMessage?: string | null;
  result?: unknown;
  progress?: number;
  jobId?: string | null;
  inputKey?: string | null;
  inputFilename?: string | null;
  inputMimeType?: string | null;
  inputContainer?: string | null;
  inputSize?: number | null;
  inputDuration?: number | null;
  inputWidth?: number | null;
  inputHeight?: number | null;
  inputFps?: number | null;
  inputBitrate?: number | null;
  inputVideoCodec?: string | null;
  inputAudioCodec?: string | null;
  inputRotation?: number | null;
  inputHasAudio?: boolean | null;
  inputHasVideo?: boolean | null;
  inputMaxFps?: number | null;
  inputHasCoverArt?: boolean | null;
  workerKey?: number | null;
}

const patchColumns: Record<keyof TaskPatch, string> = {
  errorCode: 'error_code',
  errorMessage: 'error_message',
  result: 'result',
  progress: 'progress',
  jobId: 'job_id',
  inputKey: 'input_key',
  inputFilename: 'input_filename',
  inputMimeType: 'input_mime_type',
  inputContainer: 'input_container',
  inputSize: 'input_size',
  inputDuration: 'input_duration',
  inputWidth: 'input_width',
  inputHeight: 'input_height',
  inputFps: 'input_fps',
  inputBitrate: 'input_bitrate',
  inputVideoCodec: 'input_video_codec',
  inputAudioCodec: 'input_audio_codec',
  inputRotation: 'input_rotation',
  inputHasAudio: 'input_has_audio',
  inputHasVideo: 'input_has_video',
  inputMaxFps: 'input_max_fps',
  inputHasCoverArt: 'input_has_cover_art',
  workerKey: 'worker_key',
};

// Whether a transition of row `c` is reported to its webhook.
const webhookWanted = `c.webhook_url IS NOT NULL AND (c.status IN ('SUCCEEDED', 'FAILED', 'CANCELLED') OR c.webhook_all_events)`;

// The NOTIFY payload (a TaskChange) built from the changed row `c` and its event `e`; with
// `previous`, also from `p`, the event before `e`: the status the task left and since when it was
// in it, so that stage times are known whichever process made the earlier transition.
const changeJson = (eventId: string, previous = false) => `json_build_object(
    'taskId', c.id, 'kind', c.kind, 'parentId', c.parent_id, 'status', c.status,
    'progress', c.progress, 'estimatedTime', c.estimated_time, 'updatedAt', c.updated_at,
    'eventId', ${eventId}, 'webhook', ${eventId} IS NOT NULL AND ${webhookWanted}, 'owner', c.owner,
    'createdAt', c.created_at, 'errorCode', c.error_code${previous ? `, 'previousStatus', p.status, 'previousAt', p.created_at` : ''})`;

const changedColumns = 'id, kind, owner, parent_id, status, progress, estimated_time, updated_at, attempts, webhook_url, webhook_all_events, created_at, error_code';

// The webhook outbox row of a transition, written by the same statement (see WebhookDelivery).
const webhookOutbox = `, delivery AS (
        INSERT INTO webhook_delivery (task_id, event_id, url)
        SELECT c.id, e.id, c.webhook_url FROM changed c JOIN event e ON e.task_id = c.id WHERE ${webhookWanted}
      )`;

/** `extra`: more columns of the changed row `c` to return beside the change (the work row). */
function notifyAndReturn(eventId: string, extra = ''): string {
  const transition = eventId !== 'NULL';
  // One snapshot for the whole statement: the event its CTE inserts is not seen here, so the
  // latest event found is the one before it (none for a new task).
  const previous = transition
    ? ' LEFT JOIN LATERAL (SELECT status, created_at FROM task_event WHERE task_id = c.id ORDER BY id DESC LIMIT 1) p ON true'
    : '';
  return `SELECT s.*, pg_notify('${taskChangeChannel}', change::text)
    FROM (SELECT ${changeJson(eventId, transition)} AS change${extra ? `, ${extra}` : ''} FROM changed c JOIN event e ON e.task_id = c.id${previous}) AS s`;
}

export interface NewTaskRow {
  id: string;
  kind: string;
  url: string | null;
  inputKey: string | null;
  options: unknown;
  metadata: unknown;
  webhookUrl: string | null;
  webhookAllEvents: boolean;
  idempotencyKey: string | null;
  /** With idempotencyKey: what the request looked like (pipeline/idempotency.ts). */
  idempotencyFingerprint?: Record<string, string> | null;
  parentId: string | null;
  owner: string | null;
  /** Workflow steps: the step it runs after, and its ref. */
  dependsOn?: string | null;
  stepRef?: string | null;
  /** Given when the input is stored before the row (an upload); otherwise made here. */
  inputSecret?: string;
  /** The trace the task was created in (tracing/tracing.ts TraceCarrier); null with tracing off. */
  traceContext?: Record<string, string> | null;
}

/** Inserts a WAITING task; returns no row when the idempotency key is already taken. */
export function insertTask(task: NewTaskRow): Statement {
  return {
    text: `WITH changed AS (
        INSERT INTO task (id, kind, url, input_key, options, metadata, webhook_url, webhook_all_events, idempotency_key, parent_id, owner, depends_on, step_ref, input_secret, output_secret, idempotency_fingerprint, trace_context)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $10, $8, $9, $11, $12, $13, $14, $15, $16, $17)
        ON CONFLICT (idempotency_key) DO NOTHING
        RETURNING ${changedColumns}
      ), event AS (
        INSERT INTO task_event (task_id, status, attempt, created_at)
        SELECT id, status, attempts, updated_at FROM changed RETURNING id, task_id
      )${webhookOutbox} ${notifyAndReturn('e.id')}`,
    values: [task.id, task.kind, task.url, task.inputKey, JSON.stringify(task.options ?? {}),
      task.metadata === undefined || task.metadata === null ? null : JSON.stringify(task.metadata),
      task.webhookUrl, task.idempotencyKey, task.parentId, task.webhookAllEvents, task.owner, task.dependsOn ?? null, task.stepRef ?? null,
      task.inputSecret ?? newFileSecret(), newFileSecret(), task.idempotencyFingerprint ? JSON.stringify(task.idempotencyFingerprint) : null,
      task.traceContext ? JSON.stringify(task.traceContext) : null],
  };
}

/**
 * `attempts`, when given, fences the move: it happens only while the task is on that attempt, so
 * a worker presumed dead (its attempt handed to another) cannot write when it wakes up.
 */
export function transitionTask(taskId: string, to: TaskStatus, from: readonly TaskStatus[], patch: TaskPatch, message: string | null, attempts: number | null = null,
  also: TransitionExtras = {}): Statement {
  const values: unknown[] = [taskId, to, from, message, attempts];
  const assignments = ['status = $2::"TaskStatus"', 'updated_at = clock_timestamp()'];
  for (const [key, value] of Object.entries(patch) as [keyof TaskPatch, unknown][]) {
    if (value === undefined) continue;
    values.push(key === 'result' && value !== null ? JSON.stringify(value) : value);
    assignments.push(`${patchColumns[key]} = $${values.length}`);
  }
  if (to === 'PROCESSING') {
    assignments.push('attempts = attempts + 1', 'started_at = coalesce(started_at, clock_timestamp())');
  } else {
    assignments.push('estimated_time = NULL');
  }
  if (to === 'SUCCEEDED' || to === 'FAILED' || to === 'CANCELLED') assignments.push('finished_at = clock_timestamp()');
  if (to === 'WAITING') assignments.push('finished_at = NULL');

  // A new attempt says so in its event, from the count it has just taken.
  const eventMessage = to === 'PROCESSING' ? `coalesce($4, CASE WHEN attempts > 1 THEN 'attempt ' || attempts END)` : '$4';
  let outputs = '';
  if (also.outputs?.length) {
    values.push(JSON.stringify(also.outputs.map(outputRecord)));
    outputs = `, output AS (
        INSERT INTO task_output (id, task_id, kind, storage_key, filename, mime_type, size, width, height, duration, fps, bitrate, codecs)
        SELECT o.id, o.task_id, o.kind, o.storage_key, o.filename, o.mime_type, o.size, o.width, o.height, o.duration, o.fps, o.bitrate, o.codecs
        FROM json_to_recordset($${values.length}::json) AS o(id uuid, task_id uuid, kind text, storage_key text, filename text, mime_type text, size bigint,
          width int, height int, duration float8, fps float8, bitrate int, codecs text[])
        WHERE EXISTS (SELECT 1 FROM changed)
      )`;
  }
  return {
    text: `WITH changed AS (
        UPDATE task SET ${assignments.join(', ')}
        WHERE id = $1 AND status = ANY($3::"TaskStatus"[]) AND ($5::int IS NULL OR attempts = $5)
        RETURNING ${also.returnWork ? '*' : changedColumns}
      ), event AS (
        INSERT INTO task_event (task_id, status, attempt, message, created_at)
        SELECT id, status, attempts, ${eventMessage}, updated_at FROM changed RETURNING id, task_id
      )${outputs}${webhookOutbox} ${notifyAndReturn('e.id', also.returnWork ? workColumns : '')}`,
    values,
  };
}

export interface TransitionExtras {
  /** Return the task's work row (TaskWorkRow) beside the change, as it is after the move. */
  returnWork?: boolean;
  /** Outputs recorded with the move, by the same statement (only if the move happens). */
  outputs?: OutputRow[];
}

/**
 * Progress is not a transition: it updates the row and notifies, without a history event. Only
 * when the progress rises or the estimate moves: a workflow re-aggregates its progress on every
 * step's change, and an unchanged value republished is a duplicate event for its subscribers.
 */
export function updateProgress(taskId: string, progress: number, estimatedTime: Date | null, attempts: number | null = null): Statement {
  return {
    text: `WITH changed AS (
        UPDATE task SET progress = GREATEST(progress, $2), estimated_time = $3, updated_at = clock_timestamp()
        WHERE id = $1 AND status = 'PROCESSING' AND ($4::int IS NULL OR attempts = $4)
          AND (progress < $2 OR estimated_time IS DISTINCT FROM $3::timestamptz)
        RETURNING ${changedColumns}
      ), event AS (SELECT NULL::bigint AS id, id AS task_id FROM changed)
      ${notifyAndReturn('NULL')}`,
    values: [taskId, progress, estimatedTime, attempts],
  };
}

export interface OutputRow {
  id: string; taskId: string; kind: string; storageKey: string; filename: string; mimeType: string; size: number;
  width?: number | null; height?: number | null; duration?: number | null; fps?: number | null; bitrate?: number | null; codecs?: string[];
}

/** An output as json_to_recordset reads it in the transition that records it. */
function outputRecord(output: OutputRow) {
  return {
    id: output.id, task_id: output.taskId, kind: output.kind, storage_key: output.storageKey, filename: output.filename, mime_type: output.mimeType,
    size: output.size, width: output.width ?? null, height: output.height ?? null, duration: output.duration ?? null, fps: output.fps ?? null,
    bitrate: output.bitrate ?? null, codecs: output.codecs ?? [],
  };
}

/** What a worker needs of a task: its status, options and input. */
export interface TaskWorkRow {
  id: string;
  kind: string;
  status: TaskStatus;
  url: string | null;
  inputKey: string | null;
  inputSecret: string;
  outputSecret: string;
  options: Record<string, unknown>;
  attempts: number;
  inputFilename: string | null;
  inputMimeType: string | null;
  inputContainer: string | null;
  inputSize: number | null;
  inputDuration: number | null;
  inputWidth: number | null;
  inputHeight: number | null;
  inputFps: number | null;
  inputBitrate: number | null;
  inputVideoCodec: string | null;
  inputAudioCodec: string | null;
  inputRotation: number | null;
  inputHasAudio: boolean | null;
  inputHasVideo: boolean | null;
  inputMaxFps: number | null;
  inputHasCoverArt: boolean | null;
}

// The TaskWorkRow of row `c`.
const workColumns = `c.id, c.kind, c.status, c.url, c.input_key AS "inputKey", c.input_secret AS "inputSecret", c.output_secret AS "outputSecret", c.options, c.attempts,
    c.input_filename AS "inputFilename", c.input_mime_type AS "inputMimeType", c.input_container AS "inputContainer",
    c.input_size::float8 AS "inputSize", c.input_duration AS "inputDuration", c.input_width AS "inputWidth",
    c.input_height AS "inputHeight", c.input_fps AS "inputFps", c.input_bitrate AS "inputBitrate",
    c.input_video_codec AS "inputVideoCodec", c.input_audio_codec AS "inputAudioCodec", c.input_rotation AS "inputRotation",
    c.input_has_audio AS "inputHasAudio", c.input_has_video AS "inputHasVideo",
    c.input_max_fps AS "inputMaxFps", c.input_has_cover_art AS "inputHasCoverArt"`;

export function selectTaskForWork(taskId: string): Statement {
  return { text: `SELECT ${workColumns} FROM task c WHERE c.id = $1`, values: [taskId] };
}

/**
 * The task's current state shaped like a notification, with the id of its latest event. One
 * statement, so the status and the event id come from the same snapshot.
 */
export function selectTaskChange(taskId: string): Statement {
  return {
    text: `SELECT ${changeJson('e.id')} AS change
      FROM task c LEFT JOIN LATERAL (SELECT max(id) AS id FROM task_event WHERE task_id = c.id) e ON true
      WHERE c.id = $1::uuid`,
    values: [taskId],
  };
}

// The tasks a `deleted` CTE removed and the steps their rows took along (the cascade): the
// statement's snapshot still holds them, so their file secrets can be returned.
const deletedWithSteps = 'FROM task t WHERE t.id IN (SELECT id FROM deleted) OR t.parent_id IN (SELECT id FROM deleted)';

/**
 * Removes a finished task with its steps (events and outputs go with them); returns the file
 * secrets of each task deleted, none if the task had not ended.
 */
export function deleteFinishedTask(taskId: string): Statement {
  return {
    text: `WITH deleted AS (DELETE FROM task WHERE id = $1 AND status IN ('SUCCEEDED', 'FAILED', 'CANCELLED') RETURNING id)
      SELECT t.input_secret AS "inputSecret", t.output_secret AS "outputSecret" ${deletedWithSteps}`,
    values: [taskId],
  };
}

/** A task removed by retention, with what its rows took along. */
export interface ExpiredTaskRow { inputSecret: string; outputSecret: string; parentId: string | null; events: number; deliveries: number; outputs: number }

/**
 * Retention: removes up to `limit` workflows and lone tasks that ended more than `ageSeconds` ago,
 * oldest first, with their steps, events, outputs and webhook deliveries (the rows cascade); returns
 * every task removed with its file secrets and counts. Steps are never chosen alone: they go with
 * their workflow once it and all its steps have ended. Rows another run holds are skipped.
 */
export function deleteExpiredTasks(ageSeconds: number, limit: number): Statement {
  // Media an index refers to must stay: once indexes exist, exclude here the roots whose tree
  // (the root or one of its steps) an index entry still references, with AND NOT EXISTS (…).
  return {
    text: `WITH expired AS (
        SELECT root.id FROM task root
        WHERE root.parent_id IS NULL AND root.status IN ('SUCCEEDED', 'FAILED', 'CANCELLED')
          AND root.finished_at < now() - make_interval(secs => $1)
          AND NOT EXISTS (SELECT 1 FROM task step WHERE step.parent_id = root.id AND step.status NOT IN ('SUCCEEDED', 'FAILED', 'CANCELLED'))
        ORDER BY root.finished_at LIMIT $2
        FOR UPDATE OF root SKIP LOCKED
      ), deleted AS (DELETE FROM task WHERE id IN (SELECT id FROM expired) RETURNING id)
      SELECT t.input_secret AS "inputSecret", t.output_secret AS "outputSecret", t.parent_id AS "parentId",
        (SELECT count(*) FROM task_event e WHERE e.task_id = t.id)::int AS events,
        (SELECT count(*) FROM webhook_delivery d WHERE d.task_id = t.id)::int AS deliveries,
        (SELECT count(*) FROM task_output o WHERE o.task_id = t.id)::int AS outputs
      ${deletedWithSteps}`,
    values: [ageSeconds, limit],
  };
}

/** The transitions of a task after a given event, as changes: what a subscriber may have missed. */
export function selectChangesSince(taskId: string, afterEventId: number): Statement {
  return {
    text: `SELECT json_build_object(
        'taskId', c.id, 'kind', c.kind, 'parentId', c.parent_id, 'status', e.status,
        'progress', CASE WHEN e.status = 'SUCCEEDED' THEN 100 ELSE c.progress END,
        'estimatedTime', NULL, 'updatedAt', e.created_at, 'eventId', e.id, 'owner', c.owner) AS change
      FROM task_event e JOIN task c ON c.id = e.task_id
      WHERE e.task_id = $1::uuid AND e.id > $2 ORDER BY e.id`,
    values: [taskId, afterEventId],
  };
}

/** A task's run up to one of its events (its end), for the log line that reports it. */
export interface TaskRunRow {
  errorCode: string | null;
  workerKey: number | null;
  /** The run's transitions in order: from its WAITING (the creation, or the retry that began it) to the event. */
  events: Array<{ status: TaskStatus; at: string; attempt: number }>;
}

export function selectTaskRun(taskId: string, untilEventId: number): Statement {
  return {
    text: `SELECT t.error_code AS "errorCode", t.worker_key AS "workerKey",
        coalesce((SELECT json_agg(json_build_object('status', e.status, 'at', e.created_at, 'attempt', e.attempt) ORDER BY e.id)
          FROM task_event e
          WHERE e.task_id = t.id AND e.id <= $2
            AND e.id >= coalesce((SELECT max(w.id) FROM task_event w WHERE w.task_id = t.id AND w.id <= $2 AND w.status = 'WAITING'), 0)), '[]') AS events
      FROM task t WHERE t.id = $1::uuid`,
    values: [taskId, untilEventId],
  };
}

/** The statuses of some tasks, for a worker checking what it runs after missing events. */
export function selectStatuses(taskIds: string[]): Statement {
  return { text: 'SELECT id, status FROM task WHERE id = ANY($1::uuid[])', values: [taskIds] };
}

/** Moves up to 100 undispatched deliveries out of the outbox, locking them for this transaction. */
export function claimUndispatchedDeliveries(): Statement {
  return {
    text: `SELECT id FROM webhook_delivery WHERE dispatched_at IS NULL ORDER BY id LIMIT 100 FOR UPDATE SKIP LOCKED`,
    values: [],
  };
}

export function markDeliveriesDispatched(ids: string[]): Statement {
  return { text: 'UPDATE webhook_delivery SET dispatched_at = now() WHERE id = ANY($1::bigint[])', values: [ids] };
}

export interface WebhookDeliveryRow { id: string; taskId: string; owner: string | null; eventId: string; url: string; status: string; eventStatus: string; eventTime: Date; sequence: number }

export function selectDelivery(deliveryId: string): Statement {
  return {
    text: `SELECT d.id, d.task_id AS "taskId", t.owner, d.event_id::text AS "eventId", d.url, d.status, e.status AS "eventStatus", e.created_at AS "eventTime",
        (SELECT count(*)::int FROM task_event earlier WHERE earlier.task_id = d.task_id AND earlier.id <= d.event_id) AS sequence
      FROM webhook_delivery d JOIN task_event e ON e.id = d.event_id JOIN task t ON t.id = d.task_id WHERE d.id = $1`,
    values: [deliveryId],
  };
}

/** Records one delivery attempt; the status moves on only when it is final. */
export function recordDeliveryAttempt(deliveryId: string, outcome: { status: 'PENDING' | 'DELIVERED' | 'FAILED'; responseStatus: number | null; error: string | null }): Statement {
  return {
    text: `UPDATE webhook_delivery SET attempts = attempts + 1, status = $2, response_status = $3, last_error = $4,
        delivered_at = CASE WHEN $2 = 'DELIVERED' THEN now() ELSE delivered_at END
      WHERE id = $1`,
    values: [deliveryId, outcome.status, outcome.responseStatus, outcome.error],
  };
}

/** The task an idempotency key names, unless the key is older than its time to live. */
export function selectTaskByIdempotencyKey(key: string, ttlSeconds: number): Statement {
  return {
    text: `SELECT id, idempotency_fingerprint AS fingerprint FROM task
      WHERE idempotency_key = $1 AND created_at > now() - make_interval(secs => $2)`,
    values: [key, ttlSeconds],
  };
}

/** An expired key leaves its task (the task stays), so that a new task can take the key. */
export function releaseExpiredIdempotencyKey(key: string, ttlSeconds: number): Statement {
  return {
    text: `UPDATE task SET idempotency_key = NULL, idempotency_fingerprint = NULL
      WHERE idempotency_key = $1 AND created_at <= now() - make_interval(secs => $2)`,
    values: [key, ttlSeconds],
  };
}
