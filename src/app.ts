// Builds the parts explicitly, starts them for the configured role, and stops them in reverse
// order. `start` is used by main.ts and, unchanged, by the tests.
import fs from 'node:fs/promises';
import type { Config } from './config.js';
import { connectionBudget } from './db/connection-budget.js';
import { connectDatabase, type Database } from './db/database.js';
import { capabilitiesOf, createIntelligence, requiredModelFiles } from './ml/intelligence.js';
import { checkModelFiles } from './ml/model-files.js';
import { WorkflowCoordinator } from './workflows/workflow-coordinator.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded-postgres.js';
import { applyMigrations, checkMigrationsApplied, readMigrations } from './db/migrate.js';
import { createTaskPubSub, TaskChangeListener } from './events/task-change-listener.js';
import { taskKinds } from './kinds/index.js';
import { createLogger, oncePer, type Logger } from './logger.js';
import { describeMediaBinary, resolveMediaBinaries, testedReleases } from './media/ffmpeg-binaries.js';
import { ProcessMetrics } from './metrics/process-metrics.js';
import { IdleCollector } from './process/idle-collector.js';
import { TaskQueue } from './queue/task-queue.js';
import { TaskRetention } from './retention/task-retention.js';
import { uploadsOf } from './schema/context.js';
import { uploadsPath } from './server/tus-route.js';
import { UploadService } from './uploads/upload-service.js';
import { startHttpServer, type HttpServer } from './server/http-server.js';
import { checkListenPort } from './server/listen-port.js';
import { startOperationsServer, type OperationsServer } from './server/operations-server.js';
import { Readiness } from './server/readiness.js';
import { RateLimiter } from './server/rate-limiter.js';
import { openStorage } from './storage/open-storage.js';
import { TaskLifecycle } from './tasks/task-lifecycle.js';
import { logTaskChanges } from './tasks/task-log.js';
import { TaskService } from './pipeline/task-service.js';
import { startTracing } from './tracing/tracing.js';
import { WebhookDeliveries } from './webhooks/webhook-deliveries.js';
import { WebhookSecrets } from './webhooks/webhook-secrets.js';
import { tiedToThisProcess } from './worker/child-lifeline.js';
import { LostWorkerDetector } from './worker/lost-worker-detector.js';
import { claimScratchFolder } from './worker/scratch-folders.js';
import { TaskWorker } from './worker/task-worker.js';
import { WorkerPresence } from './worker/worker-presence.js';

export interface App {
  config: Config;
  /** The HTTP base URL (api role), e.g. http://127.0.0.1:4000. */
  url: string | null;
  /** The operations listener (OPS_PORT): /health/live, /health/ready, /metrics; null without OPS_PORT. */
  operationsUrl: string | null;
  databaseUrl: string;
  stop(): Promise<void>;
}

export async function startApp(config: Config, logger: Logger = createLogger(config)): Promise<App> {
  const stops: Array<() => Promise<void>> = [];
  // A stop closes connections (and the embedded database) on purpose: no outage to report.
  let stopping = false;
  const stop = async () => {
    stopping = true;
    for (const step of stops.reverse()) {
      await step().catch((error: unknown) => logger.warn({ err: error }, 'error while stopping'));
    }
    stops.length = 0;
  };

  try {
    // Before anything starts: a port in use is a line naming PORT, not a failure once all is up.
    if (config.role !== 'worker') await checkListenPort(config.http.host, config.http.port);
    // First, so that it stops last: the spans of the whole stop are sent.
    const tracing = startTracing(config.tracing, config.role, logger);
    if (tracing) stops.push(() => tracing.stop());
    // Early up and late down: probes see the process start and stop (unready until started).
    const metrics = new ProcessMetrics();
    const idleCollector = new IdleCollector(logger.child({ module: 'memory' }));
    idleCollector.start();
    stops.push(async () => idleCollector.stop());
    const readiness = new Readiness();
    let operations: OperationsServer | null = null;
    if (config.operations.port !== null) {
      operations = await startOperationsServer({ config, port: config.operations.port, readiness, metrics });
      stops.push(() => operations!.close());
    }
    let embedded: EmbeddedDatabase | null = null;
    if (!config.database.url) {
      embedded = await startEmbeddedPostgres({ dataDir: config.database.embeddedDataDir, port: config.database.embeddedPort, logger });
      stops.push(() => embedded!.stop());
    }
    const databaseUrl = config.database.url ?? embedded!.url;
    // DATABASE_POOL_SIZE is every connection of this process: its sessions, pg-boss's pool, the app's.
    const budget = connectionBudget(config.database.poolSize, config.role);
    // One line per outage, not one per pooled connection.
    const reportLoss = oncePer(10_000);
    const database: Database = connectDatabase(databaseUrl, {
      maxConnections: budget.app,
      onConnectionLost: (error) => {
        if (stopping || !reportLoss()) return;
        logger.warn({ code: (error as { code?: string }).code, reason: error.message }, 'database connection lost; requests fail as SERVICE_UNAVAILABLE until it is back');
      },
    });
    stops.push(() => database.close());
    await migrate(database, logger);
    const migrations = await readMigrations();
    readiness.add('database', () => database.pool.query('SELECT 1'));
    readiness.add('migrations', () => checkMigrationsApplied(database.pool, migrations));

    const pubsub = createTaskPubSub();
    const listener = new TaskChangeListener(databaseUrl, pubsub, logger.child({ module: 'events' }));
    await listener.start();
    stops.push(() => listener.stop());

    const runsWorker = config.role !== 'api';
    // A worker's presence outlives its queue's stop: a task is not handed over while it is released.
    let presence: WorkerPresence | null = null;
    let scratchDir: string | null = null;
    if (runsWorker) {
      // Removed last, once no job can run: it holds the work folders and the tool wrappers.
      const scratch = await claimScratchFolder();
      scratchDir = scratch.path;
      if (scratch.removed.length > 0) logger.info({ removed: scratch.removed }, 'removed the scratch folders of worker processes that died');
      stops.push(() => fs.rm(scratch.path, { recursive: true, force: true }));
      presence = new WorkerPresence(databaseUrl, logger.child({ module: 'presence' }));
      await presence.start();
      logger.info({ workerKey: presence.key }, 'worker presence taken (tasks it runs record this key)');
      stops.push(() => presence!.stop());
    }
    const queue = new TaskQueue(databaseUrl, config.queue, config.webhooks, Object.keys(taskKinds), logger.child({ module: 'queue' }), { supervise: runsWorker, maxConnections: budget.queue });
    await queue.start();
    stops.push(() => queue.stop({ graceful: true }));
    readiness.add('queues', () => queue.checkReady());

    let publicUrl = config.http.publicUrl ?? `http://${config.http.host}:${config.http.port}`;
    const storage = openStorage(config, () => publicUrl, scratchDir);
    stops.push(() => storage.close());
    const lifecycle = new TaskLifecycle(database.pool);
    metrics.observeTasks(lifecycle, Object.keys(taskKinds));
    metrics.watchBacklog({
      pool: database.pool, kinds: Object.keys(taskKinds), queues: queue.names,
      onError: (error) => logger.debug({ reason: error.message }, 'metrics: the database-wide gauges could not be read'),
    });
    logTaskChanges(lifecycle, database.pool, logger.child({ module: 'tasks' }), { workerKey: presence?.key ?? null });
    const webhookSecrets = new WebhookSecrets(database.pool, config.webhooks.secrets);
    // Resumable uploads arrive at API processes; their bytes wait in UPLOADS_DIR for a task.
    const uploads = config.role === 'worker' ? null : new UploadService(database.pool, storage,
      { ...config.uploads, maxUploadBytes: config.limits.maxUploadBytes }, logger.child({ module: 'uploads' }));
    const tasks = new TaskService(database.pool, lifecycle, queue, storage, config.limits, capabilitiesOf(config.ai), webhookSecrets, uploads);

    // What /health reports of the media tools, in a process that runs workers.
    let mediaTools: { ffmpeg: string; ffprobe: string } | null = null;
    if (runsWorker) {
      const binaries = await resolveMediaBinaries(config.media);
      mediaTools = { ffmpeg: describeMediaBinary(binaries.ffmpeg), ffprobe: describeMediaBinary(binaries.ffprobe) };
      const untested = !binaries.ffmpeg.tested || !binaries.ffprobe.tested;
      logger[untested ? 'warn' : 'info']({
        ...mediaTools, ffmpegVersion: binaries.ffmpeg.version, ffprobeVersion: binaries.ffprobe.version,
        ...(untested ? { tested: testedReleases } : {}),
      }, untested ? 'media tools (a release the test suite has not run on: results such as scene cuts may differ)' : 'media tools');
      // The tools as the worker spawns them: killed by the kernel if this process dies.
      const tools = { ffmpegPath: await tiedToThisProcess(binaries.ffmpeg.path, scratchDir!), ffprobePath: await tiedToThisProcess(binaries.ffprobe.path, scratchDir!) };
      const intelligence = createIntelligence(config.ai, { ffmpegPath: tools.ffmpegPath });
      // The binaries and the wrappers the worker runs them through (a cleaned /tmp loses those).
      const executables = [binaries.ffmpeg.path, binaries.ffprobe.path, tools.ffmpegPath, tools.ffprobePath];
      readiness.add('ffmpeg', () => Promise.all(executables.map((file) => fs.access(file, fs.constants.X_OK))));
      readiness.add('models', () => checkModelFiles(requiredModelFiles(config.ai)));
      logger.info({
        speech: intelligence.speech.model, moderation: intelligence.moderation.model,
        description: intelligence.describer?.model ?? 'embedded', chat: intelligence.chat?.model ?? null,
      }, 'models (loaded on first use)');
      const workflows = new WorkflowCoordinator({ pool: database.pool, lifecycle, queue, pubsub, logger: logger.child({ module: 'workflows' }) });
      const worker = new TaskWorker({
        config, pool: database.pool, lifecycle, queue, storage, pubsub, logger: logger.child({ module: 'worker' }),
        tools,
        intelligence,
        workflows,
        presence: presence!,
        scratchDir: scratchDir!,
      });
      await worker.start();
      const detector = new LostWorkerDetector({ pool: database.pool, queue, logger: logger.child({ module: 'worker' }), intervalMs: 1000 });
      detector.start();
      stops.push(async () => detector.stop());
      workflows.start();
      stops.push(async () => workflows.stop());
      // Runs before queue.stop: handlers abort, then pg-boss waits for them and releases jobs.
      stops.push(() => worker.abortAll());
      // Always: whether a delivery can be signed depends on its task's owner, looked up at send time.
      const webhooks = new WebhookDeliveries({
        config, pool: database.pool, lifecycle, queue, webhookSecrets, logger: logger.child({ module: 'webhooks' }),
        context: { prisma: database.prisma, pubsub, storage, tasks, webhookSecrets, owner: null, limitTaskCreation: async () => {}, fileUrl: (key) => storage.url(key), upload: uploadsOf(undefined),
          uploads: null, uploadUrl: (id) => `${publicUrl}${uploadsPath}/${id}` },
      });
      await webhooks.start();
      stops.push(() => webhooks.stop());
      // Off unless TASK_RETENTION_DAYS is set (then a schedule left from before is removed).
      const retention = new TaskRetention({
        pool: database.pool, boss: queue.boss, storage, settings: config.retention,
        pollIntervalSeconds: config.queue.pollIntervalSeconds, logger: logger.child({ module: 'retention' }),
        onRemoved: metrics.retentionCounter(),
      });
      await retention.start();
      stops.push(() => retention.stop());
    }

    let http: HttpServer | null = null;
    if (config.role !== 'worker') {
      http = await startHttpServer({
        config, storage, logger,
        rateLimiter: config.graphql.createTasksPerMinute > 0 ? new RateLimiter(database.pool, config.graphql.createTasksPerMinute) : null,
        context: { prisma: database.prisma, pubsub, storage, tasks, webhookSecrets, uploads },
        // On pg-boss's pool, which requests never hold: under a burst of creates the app pool's
        // queue is long, and /health would wait behind it (seconds) while the server is fine.
        checkHealth: async () => {
          await queue.boss.getDb().executeSql('SELECT 1');
          return mediaTools ?? {};
        },
        readiness, metrics,
      });
      publicUrl = config.http.publicUrl ?? http.url;
      stops.push(() => http!.close());
      uploads!.start();
      stops.push(async () => uploads!.stop());
    }

    readiness.started();
    stops.push(async () => readiness.stopping());
    logger.info({ role: config.role, url: http?.url ?? null, operationsUrl: operations?.url ?? null }, 'started');
    return { config, url: http?.url ?? null, operationsUrl: operations?.url ?? null, databaseUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function migrate(database: Database, logger: Logger): Promise<void> {
  const client = await database.pool.connect();
  try {
    const applied = await applyMigrations(client);
    if (applied.length > 0) logger.info({ applied }, 'applied database migrations');
  } finally {
    client.release();
  }
}
