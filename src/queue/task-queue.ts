// pg-boss queues of the task pipeline: one to validate inputs (I/O bound), one per kind to run
// them (CPU bound, its own concurrency), and a dead-letter queue for jobs whose worker was lost
// for good, so that no task stays non-terminal forever.
import { PgBoss, type Db, type Job, type JobWithMetadata } from 'pg-boss';
import type pg from 'pg';
import type { Config } from '../config.js';
import { isDatabaseUnavailable } from '../db/connection-errors.js';
import type { TaskKind } from '../kinds/task-kind.js';
import { oncePer, type Logger } from '../logger.js';
import { JobArrivals, jobChannelExpression } from './job-arrivals.js';
import { SlotWaker } from './slot-waker.js';

export interface TaskJob {
  taskId: string;
}

export interface ValidateJob extends TaskJob {
  /**
   * The host the validation downloads the input from (it takes one of that host's slots before
   * anything else), null when the input is already stored; absent on jobs sent before this field
   * existed, whose worker reads the task first.
   */
  fetchFrom?: string | null;
}

export const validateQueue = 'task-validate';
export const deadTaskQueue = 'task-dead';
export const webhookQueue = 'webhook-deliver';
export const runQueue = (kind: string) => `task-run-${kind}`;

/** Lets pg-boss insert a job inside our own transaction. */
export function asJobDatabase(client: pg.PoolClient): Db {
  return { executeSql: (text: string, values?: unknown[]) => client.query(text, values) };
}

/** How often each slot looks for jobs on its own (see consume). */
const backstopPollSeconds = 30;

/** How long a failed job waits for the database to come back before pg-boss is told anyway. */
const databaseWaitMs = 5 * 60_000;

export class TaskQueue {
  readonly boss: PgBoss;
  /** From the end of start() to the beginning of stop(): what /health/ready calls started. */
  private started = false;
  private stopping = false;
  /** Wakes one of this process's workers per job NOTIFY; set up by the first consume(). */
  private readonly waker: SlotWaker;
  private arrivals: JobArrivals | null = null;
  private pollTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly databaseUrl: string,
    private readonly config: Config['queue'],
    private readonly webhooks: Config['webhooks'],
    private readonly kindNames: readonly string[],
    private readonly logger: Logger,
    /** maxConnections: pg-boss's pool. */
    options: { supervise: boolean; maxConnections: number },
  ) {
    this.boss = new PgBoss({
      connectionString: databaseUrl,
      // Sends still NOTIFY (the queues are notify-enabled); JobArrivals hears them and wakes one
      // worker, where pg-boss's own listener would wake every worker of the queue.
      useListenNotify: false,
      supervise: options.supervise,
      monitorIntervalSeconds: config.monitorIntervalSeconds,
      superviseIntervalSeconds: config.monitorIntervalSeconds,
      max: options.maxConnections,
      // pg-boss's own spans (send, process) and the sender's trace context stored on each job: a
      // handler continues its task's trace in whichever process runs it. With tracing off there is
      // no tracer nor propagator (tracing/tracing.ts), so no span and no context.
      openTelemetry: { propagateContext: true },
    });
    // While the database is away every polling worker reports it: one line per 10 s is enough.
    const reportUnavailable = oncePer(10_000);
    this.waker = new SlotWaker((workerId) => this.boss.notifyWorker(workerId));
    this.boss.on('error', (error) => {
      // Connections closing under queries that were still running: expected while stopping.
      if (this.stopping) return logger.debug({ err: error }, 'pg-boss error while stopping');
      if (!isDatabaseUnavailable(error)) return logger.error({ err: error }, 'pg-boss error');
      if (!reportUnavailable()) return;
      logger.warn({ code: (error as { code?: string }).code, reason: error.message }, 'queue cannot reach the database; its workers retry');
    });
  }

  async start(): Promise<void> {
    await this.boss.start();
    const jobSettings = {
      notify: true,
      deadLetter: deadTaskQueue,
      retryLimit: this.config.retryLimit,
      retryDelay: 1,
      retryBackoff: true,
      heartbeatSeconds: this.config.heartbeatSeconds,
    };
    await this.boss.createQueue(deadTaskQueue, { notify: true });
    await this.boss.createQueue(validateQueue, { ...jobSettings, expireInSeconds: 15 * 60 });
    // A delivery retries on its own schedule; its handler records the final failure itself.
    await this.boss.createQueue(webhookQueue, {
      notify: true, retryLimit: this.webhooks.attempts - 1, retryDelay: this.webhooks.retryDelaySeconds, retryBackoff: true, expireInSeconds: 60,
    });
    for (const kind of this.kindNames) {
      await this.boss.createQueue(runQueue(kind), { ...jobSettings, expireInSeconds: this.config.taskTimeoutSeconds });
    }
    this.started = true;
  }

  /** Every queue of the pipeline (the metrics count their jobs). */
  get names(): string[] {
    return [validateQueue, ...this.kindNames.map(runQueue), webhookQueue, deadTaskQueue];
  }

  /** For /health/ready: started, not stopping, and pg-boss's own connections reach the database. */
  async checkReady(): Promise<void> {
    if (!this.started) throw new Error('the queues are not started (or are stopping)');
    await this.boss.getDb().executeSql('SELECT 1');
  }

  /** Takes no more jobs from any queue (the running ones go on until they return). */
  async stopTakingJobs(): Promise<void> {
    if (this.pollTimer) clearInterval(this.pollTimer);
    const queues = [validateQueue, deadTaskQueue, webhookQueue, ...this.kindNames.map(runQueue)];
    await Promise.all(queues.map((queue) => this.boss.offWork(queue, { wait: false }).catch(() => {})));
  }

  async stop(options: { graceful: boolean }): Promise<void> {
    this.started = false;
    this.stopping = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    await this.arrivals?.stop();
    await this.boss.stop({ graceful: options.graceful, timeout: 10_000 });
  }

  sendValidate(taskId: string, fetchFrom: string | null, client: pg.PoolClient): Promise<string | null> {
    return this.boss.send(validateQueue, { taskId, fetchFrom } satisfies ValidateJob, { db: asJobDatabase(client) });
  }

  /** A validation job again, `seconds` from now (its source host was busy). */
  sendValidateLater(taskId: string, fetchFrom: string, seconds: number): Promise<string | null> {
    return this.boss.send(validateQueue, { taskId, fetchFrom } satisfies ValidateJob, { startAfter: seconds });
  }

  /**
   * PostgreSQL merges identical NOTIFYs of one transaction, and pg-boss's says only the queue's
   * name: a transaction that sends `count` jobs to one queue wakes one slot per process. This adds
   * a distinct NOTIFY for each job after the first (JobArrivals reads the name before the '#').
   */
  async announceMore(queue: string, count: number, client: pg.PoolClient): Promise<void> {
    if (count < 2) return;
    await client.query(`SELECT pg_notify(${jobChannelExpression('pgboss')}, $1 || '#' || n) FROM generate_series(2, $2::int) AS n`, [queue, count]);
  }

  sendWebhook(deliveryId: string, client: pg.PoolClient): Promise<string | null> {
    return this.boss.send(webhookQueue, { deliveryId }, { db: asJobDatabase(client) });
  }

  sendRun(kind: string, taskId: string, client: pg.PoolClient): Promise<string | null> {
    return this.boss.send(runQueue(kind), { taskId } satisfies TaskJob, { db: asJobDatabase(client) });
  }

  /**
   * Fails the run job of a task whose worker died, on the attempt it is on (a job already
   * retried or finished is left alone), so pg-boss retries it now rather than after missed
   * heartbeats. True when this call released it.
   */
  async releaseLostRun(kind: string, jobId: string): Promise<boolean> {
    const queue = runQueue(kind);
    const job = await this.boss.getJobById(queue, jobId);
    if (!job || job.state !== 'active') return false;
    const result = await this.boss.fail(queue, { id: jobId, retryCount: job.retryCount }, { reason: 'worker process died' });
    return ((result as { affected?: number }).affected ?? 0) > 0;
  }

  /**
   * Runs `handler` on up to `concurrency` jobs of the queue at once. Each slot is its own pg-boss
   * worker, woken by the SlotWaker: one slot per job NOTIFY, and a slot whose job ends fetches
   * again only when a job is owed or its own job had waited (a backlog). Otherwise it sleeps until
   * its poll, which is how soon a retried or delayed job (sent without a NOTIFY) is picked up.
   */
  async consume<Data extends object = TaskJob>(queue: string, concurrency: number, handler: (job: Job<Data>) => Promise<void>): Promise<void> {
    if (!this.arrivals) {
      this.arrivals = new JobArrivals(this.databaseUrl, this.logger, {
        onJob: (name) => this.waker.jobArrived(name),
        onReconnected: () => this.waker.wakeAll(),
      });
      await this.arrivals.start();
      const intervalMs = this.config.pollIntervalSeconds * 1000;
      this.pollTimer = setInterval(() => this.waker.poll(intervalMs), intervalMs);
      this.pollTimer.unref();
    }
    for (let slot = 0; slot < concurrency; slot++) {
      const worker = { id: '' };
      // The SlotWaker's poll wakes one idle slot per queue each interval for what comes without a
      // NOTIFY (retries, delayed jobs); pg-boss's own polling, per slot, is only a slow backstop.
      const pollingIntervalSeconds = Math.max(this.config.pollIntervalSeconds, backstopPollSeconds);
      worker.id = await this.boss.work<Data>(queue, { pollingIntervalSeconds, includeMetadata: true }, async ([job]) => {
        const waited = waitedMs(job as Job<Data> & Partial<JobWithMetadata<Data>>);
        this.waker.started(queue, worker.id, waited);
        try {
          await handler(job);
        } catch (error) {
          // pg-boss records the failure (for a retry) in the database: with the database away
          // that write is lost and the job stays claimed until its heartbeat expires. Hold the
          // job (pg-boss keeps heartbeating it) until the database answers again.
          if (isDatabaseUnavailable(error)) await this.untilDatabaseAnswers(job.signal);
          throw error;
        } finally {
          this.waker.ended(queue, worker.id, waited);
        }
      });
      this.waker.register(queue, worker.id);
    }
  }

  private async untilDatabaseAnswers(signal: AbortSignal): Promise<void> {
    const giveUpAt = Date.now() + databaseWaitMs;
    while (Date.now() < giveUpAt && !signal.aborted) {
      if (await this.boss.getDb().executeSql('SELECT 1').then(() => true, () => false)) return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  /** Per-kind setting, else WORKER_CONCURRENCY, else the kind's own default for these cores. */
  concurrencyOf(kind: TaskKind): number {
    return this.config.kindConcurrency[kind.name] ?? this.config.workerConcurrency ?? kind.defaultConcurrency?.(this.config.cores) ?? this.config.cores;
  }
}

/** How long a job waited for a worker once it could start (database clock on both sides). */
function waitedMs(job: Partial<JobWithMetadata<object>>): number {
  if (!job.startedOn || !job.createdOn) return 0;
  const ready = Math.max(job.createdOn.getTime(), job.startAfter?.getTime() ?? 0);
  return job.startedOn.getTime() - ready;
}

/** The host a task's validation downloads from: none when its input is stored already. */
export function fetchHostOf(url: string | null, inputKey: string | null): string | null {
  return url && !inputKey ? new URL(url).host : null;
}
