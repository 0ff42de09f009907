// Consumes the pipeline's jobs: validate (fetch + probe + check), run (the kind's handler, then
// outputs into storage), and dead letters (jobs whose workers were lost for good). Every status
// change goes through TaskLifecycle; kind handlers only report progress and return outputs.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Job } from 'pg-boss';
import type pg from 'pg';
import type { Config } from '../config.js';
import { followTaskChanges, type TaskPubSub } from '../events/task-change-listener.js';
import { fetchInput } from '../input/fetch-input.js';
import { HostSlots } from '../input/host-slots.js';
import { findTaskKind, taskKinds } from '../kinds/index.js';
import { outputTooLarge, type TaskKind } from '../kinds/task-kind.js';
import type { Logger } from '../logger.js';
import { probeMedia, type MediaFacts } from '../media/probe-media.js';
import { deadTaskQueue, fetchHostOf, runQueue, validateQueue, type TaskJob, type TaskQueue, type ValidateJob } from '../queue/task-queue.js';
import { taskInputKey, taskOutputKey, type Storage } from '../storage/storage.js';
import { TaskError } from '../errors/task-error.js';
import type { TaskLifecycle } from '../tasks/task-lifecycle.js';
import { selectStatuses, selectTaskForWork, type OutputRow, type TaskPatch, type TaskWorkRow } from '../tasks/task-sql.js';
import { isTerminal } from '../tasks/task-status.js';
import { uuidv7 } from '../tasks/uuid.js';
import { annotateActiveSpan, failActiveSpan, withSpan } from '../tracing/tracing.js';
import { ProgressReporter } from './progress-reporter.js';
import { TranscriptCache } from './transcript-cache.js';
import type { Intelligence } from '../ml/intelligence.js';
import type { WorkflowCoordinator } from '../workflows/workflow-coordinator.js';

export interface TaskWorkerDependencies {
  config: Config;
  pool: pg.Pool;
  lifecycle: TaskLifecycle;
  queue: TaskQueue;
  storage: Storage;
  pubsub: TaskPubSub;
  tools: { ffmpegPath: string; ffprobePath: string };
  intelligence: Intelligence;
  workflows: WorkflowCoordinator;
  /** This process's presence: the key its tasks record, which the lost-worker detector watches. */
  presence: { key: number };
  /** This process's own scratch folder (see scratch-folders.ts): work folders go inside it. */
  scratchDir: string;
  logger: Logger;
}

/** How long a download waits for a slot of its host, and how soon it tries again if none freed. */
const hostSlotWaitMs = 1000;
const hostWaitSeconds = 2;

/** Thrown inside a transaction to roll it back when the task moved on meanwhile. */
class TaskMovedOn extends Error {}

export class TaskWorker {
  /** Controllers of the tasks this process is working on, aborted when one is cancelled. */
  private readonly running = new Map<string, AbortController>();
  private stopListening: (() => void) | null = null;

  private readonly transcripts: TranscriptCache;
  private readonly downloadsPerHost: HostSlots;

  constructor(private readonly deps: TaskWorkerDependencies) {
    this.transcripts = new TranscriptCache(deps.pool, deps.intelligence.speech);
    this.downloadsPerHost = new HostSlots(deps.config.fetch.perHostConcurrency);
  }

  async start(): Promise<void> {
    const { queue, config } = this.deps;
    this.listenForCancellations();
    await queue.consume(validateQueue, config.queue.validateConcurrency, (job) => jobSpan('validate', job, () => this.validate(job)));
    for (const kind of Object.values(taskKinds) as unknown as TaskKind[]) {
      await queue.consume(runQueue(kind.name), queue.concurrencyOf(kind), (job) => jobSpan(`run ${kind.name}`, job, () => this.run(kind.name, job)));
    }
    await queue.consume(deadTaskQueue, 1, (job) => jobSpan('fail lost task', job, () => this.failLostTask(job)));
  }

  /**
   * Takes no more jobs, then aborts the running handlers (their jobs are retried elsewhere);
   * pg-boss's own stop then waits for them to return.
   */
  async abortAll(): Promise<void> {
    await this.deps.queue.stopTakingJobs();
    this.stopListening?.();
    for (const controller of this.running.values()) controller.abort(new Error('worker shutting down'));
  }

  private listenForCancellations(): void {
    this.stopListening = followTaskChanges(this.deps.pubsub, {
      onChange: (change) => {
        if (change.status === 'CANCELLED') this.running.get(change.taskId)?.abort(new TaskCancelled());
      },
      // Events sent while the listener was reconnecting are lost: ask the database instead.
      onResync: async () => {
        if (this.running.size === 0) return;
        const { rows } = await this.deps.pool.query<{ id: string; status: string }>(selectStatuses([...this.running.keys()])).catch(() => ({ rows: [] }));
        for (const row of rows) if (row.status === 'CANCELLED') this.running.get(row.id)?.abort(new TaskCancelled());
      },
    });
  }

  private async validate(job: Job<ValidateJob>): Promise<void> {
    const { lifecycle } = this.deps;
    const { taskId } = job.data;
    let fetchFrom = job.data.fetchFrom;
    if (fetchFrom === undefined) {
      const task = await this.loadTask(taskId);
      if (!task || isTerminal(task.status)) return;
      fetchFrom = fetchHostOf(task.url, task.inputKey);
    }
    // A download takes one of its host's slots; when none frees within a second the task waits
    // (still WAITING) for a later job instead of holding this validation slot.
    const releaseHost = fetchFrom ? await this.downloadsPerHost.take(fetchFrom, hostSlotWaitMs) : null;
    if (fetchFrom && !releaseHost) {
      // Only on this slow path is the task read: a cancelled or deleted one stops coming back.
      const task = await this.loadTask(taskId);
      if (!task || isTerminal(task.status)) return;
      return void await this.deps.queue.sendValidateLater(taskId, fetchFrom, hostWaitSeconds);
    }

    await this.whileRunning(taskId, job.signal, async (signal) => {
      // The move returns the task: no read before it (a task that moved on fails the move).
      const task = await lifecycle.transitionForWork(taskId, 'VALIDATING');
      if (!task) return;
      annotateActiveSpan({ 'task.kind': task.kind });
      const kind = findTaskKind(task.kind);
      if (!kind) throw new TaskError('INTERNAL', `No handler is registered for kind "${task.kind}" in this worker.`);
      const workDir = await fs.mkdtemp(path.join(this.deps.scratchDir, `task-${taskId}-`));
      try {
        const inputKey = task.inputKey ?? await withSpan('fetch input', { 'server.address': new URL(task.url!).host }, () => this.fetchIntoStorage(task, workDir, signal));
        // A workflow step on its workflow's input arrives with the facts already probed.
        const facts = task.inputKey && task.inputMimeType ? { ...factsOf(task), filename: task.inputFilename ?? undefined } : await withSpan('probe input', {}, () => this.probe(inputKey, signal));
        this.checkInput(kind, facts, task.options);
        await lifecycle.inTransaction(async (client) => {
          const jobId = await this.deps.queue.sendRun(task.kind, taskId, client);
          const queued = await lifecycle.transition(taskId, 'QUEUED', { patch: { ...inputPatch(facts), inputKey, jobId }, client });
          if (!queued) throw new TaskMovedOn();
        });
      } finally {
        await fs.rm(workDir, { recursive: true, force: true });
      }
    }).finally(() => releaseHost?.());
  }

  private async run(kindName: string, job: Job<TaskJob>): Promise<void> {
    const { lifecycle, storage, config, tools } = this.deps;
    const { taskId } = job.data;
    // A workflow's run is the creation of its steps, which then run as tasks of their own.
    if (kindName === 'workflow') {
      const task = await this.loadTask(taskId);
      if (!task || isTerminal(task.status)) return;
      return this.whileRunning(taskId, job.signal, () => this.deps.workflows.expand(taskId));
    }
    const kind = findTaskKind(kindName);

    // Every write of this attempt is fenced by its number (the one PROCESSING takes): if this
    // process is presumed dead and the task handed to another worker, what it writes when it wakes
    // up is refused.
    const claim: { attempts?: number } = {};
    await this.whileRunning(taskId, job.signal, async (signal) => {
      // The move returns the task as it left it: no read before (a stale status fails the move).
      const task = await lifecycle.transitionForWork(taskId, 'PROCESSING', { patch: { workerKey: this.deps.presence.key } });
      if (!task) return;
      const attempts = claim.attempts = task.attempts;
      annotateActiveSpan({ 'task.kind': task.kind, 'task.attempt': attempts });
      if (!kind || !task.inputKey) throw new TaskError('INTERNAL', `Task ${taskId} cannot run: ${kind ? 'its input is missing' : `no handler for kind "${task.kind}"`}.`);

      const workDir = await fs.mkdtemp(path.join(this.deps.scratchDir, `task-${taskId}-`));
      const progress = new ProgressReporter((percent, eta) => lifecycle.reportProgress(taskId, percent, eta, { attempts }), this.deps.logger);
      const storedKeys: string[] = [];
      try {
        // The input as a local file for the handler's run (a download, cached, for a bucket).
        const produced = await storage.withLocalCopy(task.inputKey, (inputPath) => {
          progress.startClock();
          return kind.run({
            taskId,
            options: kind.options.parse(task.options),
            input: { path: inputPath, facts: factsOf(task) },
            workDir,
            signal,
            media: { ...tools, threads: config.media.ffmpegThreads || Math.max(1, Math.floor(config.queue.cores / this.deps.queue.concurrencyOf(kind))), signal },
            limits: { maxImagePixels: config.limits.maxImagePixels },
            reportProgress: (percent) => progress.report(percent),
            intelligence: this.deps.intelligence,
            transcript: (request, options) => this.transcripts.transcriptOf(taskId, inputPath, request, options),
          });
        });
        await progress.close();
        signal.throwIfAborted();
        // A result off its declared shape is a bug of the kind: kept (result stays as it is) but
        // said, since Task.typedResult serves null for it.
        const resultCheck = produced.result === undefined ? null : kind.result?.safeParse(produced.result);
        if (resultCheck && !resultCheck.success) this.deps.logger.error({ taskId, kind: kind.name, issues: resultCheck.error.issues.slice(0, 5) }, 'task result does not match its kind\'s result schema');
        if (!await lifecycle.transition(taskId, 'FINISHING', { attempts })) return;

        const outputs = await withSpan('store outputs', { 'task.outputs': produced.outputs.length }, async () => {
          const stored: OutputRow[] = [];
          for (const output of produced.outputs) {
            const id = uuidv7(); // time-ordered: outputs list in the order the kind gave them
            const storageKey = taskOutputKey(task.outputSecret, output.relativePath ?? output.filename);
            const { size } = await storage.putFile(storageKey, output.path);
            storedKeys.push(storageKey);
            stored.push({ ...output, id, taskId, storageKey, size });
          }
          return stored;
        });
        // The outputs are recorded by the move itself: both or neither.
        const succeeded = await lifecycle.transition(taskId, 'SUCCEEDED', { patch: { progress: 100, result: produced.result ?? null, workerKey: null }, attempts, outputs });
        if (succeeded) storedKeys.length = 0;
      } finally {
        await progress.close();
        await fs.rm(workDir, { recursive: true, force: true });
        // Outputs of a task that did not succeed (cancelled while finishing) are not kept.
        for (const key of storedKeys) await storage.deletePrefix(key).catch(() => {});
      }
    }, claim);
  }

  /** A job that exhausted its retries (worker killed, heartbeat lost, expired): fail its task. */
  private async failLostTask(job: Job<TaskJob>): Promise<void> {
    const { taskId } = job.data;
    const { queue } = this.deps.config;
    failActiveSpan('TIMEOUT', 'the task\'s worker stopped responding or ran past the time limit, on every attempt');
    await this.deps.lifecycle.transition(taskId, 'FAILED', {
      patch: {
        errorCode: 'TIMEOUT',
        errorMessage: `The task did not finish: its worker stopped responding or ran past the limit of ${queue.taskTimeoutSeconds} s, ${queue.retryLimit + 1} times.`,
      },
    });
  }

  /**
   * Runs one stage of a task with an abort signal that fires on cancel, job expiry or shutdown,
   * and turns what it throws into the task's end: FAILED with a code, or nothing if cancelled.
   * Errors that may be passing (the database, a lost job claim) are rethrown for pg-boss to retry.
   */
  private async whileRunning(taskId: string, jobSignal: AbortSignal, stage: (signal: AbortSignal) => Promise<void>, claim: { attempts?: number } = {}): Promise<void> {
    const controller = new AbortController();
    this.running.set(taskId, controller);
    const signal = AbortSignal.any([controller.signal, jobSignal]);
    try {
      await stage(signal);
    } catch (error) {
      if (error instanceof TaskMovedOn || signal.reason instanceof TaskCancelled) return;
      if (signal.aborted) throw signal.reason;
      if (isDatabaseError(error)) throw error;
      const failure = asTaskError(error);
      failActiveSpan(failure.code, failure.message);
      if (failure.code === 'INTERNAL') this.deps.logger.error({ err: error, taskId }, 'task failed unexpectedly');
      await this.deps.lifecycle.transition(taskId, 'FAILED', { patch: { errorCode: failure.code, errorMessage: failure.message, workerKey: null }, attempts: claim.attempts });
    } finally {
      // The next stage of the task may already be running here (its job was committed by this
      // one): remove only this stage's entry, or its cancellation would go unheard.
      if (this.running.get(taskId) === controller) this.running.delete(taskId);
    }
  }

  private async loadTask(taskId: string): Promise<TaskWorkRow | undefined> {
    const { rows } = await this.deps.pool.query<TaskWorkRow>(selectTaskForWork(taskId));
    return rows[0];
  }

  private async fetchIntoStorage(task: TaskWorkRow, workDir: string, signal: AbortSignal): Promise<string> {
    const { config, storage } = this.deps;
    const fetched = await fetchInput(task.url!, path.join(workDir, 'download'), {
      allowList: config.fetch.allowList,
      maxBytes: config.limits.maxInputBytes,
      connectTimeoutMs: config.fetch.connectTimeoutMs,
      totalTimeoutMs: config.fetch.totalTimeoutMs,
      idleTimeoutMs: config.fetch.idleTimeoutMs,
      signal,
    });
    const key = taskInputKey(task.inputSecret, fetched.filename);
    await storage.putFile(key, fetched.path);
    return key;
  }

  private async probe(inputKey: string, signal: AbortSignal): Promise<MediaFacts> {
    const facts = await this.deps.storage.withLocalCopy(inputKey, (inputPath) => probeMedia(inputPath, {
      ffprobePath: this.deps.tools.ffprobePath,
      maxPixels: this.deps.config.limits.maxImagePixels,
      signal,
    }));
    return { ...facts, filename: path.basename(inputKey) } as MediaFacts;
  }

  private checkInput(kind: TaskKind, facts: MediaFacts, options: Record<string, unknown>): void {
    const { maxInputDurationSeconds } = this.deps.config.limits;
    if (facts.duration !== null && facts.duration > maxInputDurationSeconds) {
      throw new TaskError('INPUT_TOO_LARGE', `The input lasts ${Math.round(facts.duration)} s, over the limit of ${maxInputDurationSeconds} s.`);
    }
    const reason = kind.unsupportedInput(facts, options);
    if (reason) throw new TaskError('INPUT_UNSUPPORTED', reason);
    const tooLarge = outputTooLarge(kind, options, facts, this.deps.config.limits.maxOutputPixels);
    if (tooLarge) throw new TaskError('OUTPUT_TOO_LARGE', tooLarge);
  }
}

/** A stage of a task, inside pg-boss's `process <queue>` span (which continues the trace of the job's sender). */
function jobSpan(name: string, job: Job<TaskJob>, work: () => Promise<void>): Promise<void> {
  return withSpan(name, { 'task.id': job.data.taskId }, work);
}

class TaskCancelled extends Error {
  constructor() {
    super('task cancelled');
  }
}

function asTaskError(error: unknown): TaskError {
  if (error instanceof TaskError) return error;
  if (error instanceof Error && error.name === 'ZodError') return new TaskError('INTERNAL', `Stored options no longer validate: ${error.message}`);
  const message = error instanceof Error ? error.message : String(error);
  return new TaskError('PROCESSING_FAILED', `Processing failed: ${message}`);
}

function isDatabaseError(error: unknown): boolean {
  // node-postgres errors carry a SQLSTATE code; connection losses carry errno codes.
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (/^[0-9A-Z]{5}$/.test(code) || code === 'ECONNREFUSED' || code === 'ECONNRESET');
}

function inputPatch(facts: MediaFacts & { filename?: string }): TaskPatch {
  return {
    inputFilename: facts.filename ?? null,
    inputMimeType: facts.mimeType,
    inputContainer: facts.container,
    inputSize: facts.size,
    inputDuration: facts.duration,
    inputWidth: facts.width,
    inputHeight: facts.height,
    inputFps: facts.fps,
    inputBitrate: facts.bitrate,
    inputVideoCodec: facts.videoCodec,
    inputAudioCodec: facts.audioCodec,
    inputRotation: facts.rotation,
    inputHasAudio: facts.hasAudio,
    inputHasVideo: facts.hasVideo,
    inputMaxFps: facts.maxFps,
    inputHasCoverArt: facts.hasCoverArt,
  };
}

function factsOf(task: TaskWorkRow): MediaFacts {
  return {
    mimeType: task.inputMimeType ?? 'application/octet-stream',
    container: task.inputContainer ?? '',
    size: task.inputSize ?? 0,
    duration: task.inputDuration,
    width: task.inputWidth,
    height: task.inputHeight,
    fps: task.inputFps,
    bitrate: task.inputBitrate,
    videoCodec: task.inputVideoCodec,
    audioCodec: task.inputAudioCodec,
    rotation: task.inputRotation ?? 0,
    hasAudio: task.inputHasAudio ?? false,
    hasVideo: task.inputHasVideo ?? false,
    // Probed before these were recorded: the average rate, no cover art known.
    maxFps: task.inputMaxFps ?? task.inputFps,
    hasCoverArt: task.inputHasCoverArt ?? false,
    isImage: task.inputMimeType?.startsWith('image/') ?? false,
  };
}
