// Webhooks, at least once: a transition writes its delivery to the outbox in the same statement
// (task-sql.ts); this moves outbox rows into pg-boss jobs (in one transaction, so none is lost or
// sent twice by the dispatch) and delivers each job, retried by pg-boss with backoff, signed with
// the secrets of the task's owner (webhook-secrets.ts).
import { execute, parse } from 'graphql';
import type { Job } from 'pg-boss';
import type pg from 'pg';
import type { Config } from '../config.js';
import { followTaskChanges } from '../events/task-change-listener.js';
import type { Logger } from '../logger.js';
import type { TaskQueue } from '../queue/task-queue.js';
import { schema } from '../schema/index.js';
import type { GraphQLContext } from '../schema/context.js';
import type { TaskLifecycle } from '../tasks/task-lifecycle.js';
import { claimUndispatchedDeliveries, markDeliveriesDispatched, recordDeliveryAttempt, selectDelivery, type WebhookDeliveryRow } from '../tasks/task-sql.js';
import type { WebhookSecrets } from './webhook-secrets.js';
import { sendWebhook, WebhookError, webhookMessageId } from './webhook-sender.js';
import { webhookQueue } from '../queue/task-queue.js';

/** Outbox rows are swept this often in case a dispatch was missed (a process died mid-way). */
const sweepIntervalMs = 5000;

export interface WebhookJob {
  deliveryId: string;
}

/** The task in a webhook body: the same shape a GraphQL client selects. */
const webhookTaskQuery = parse(`query WebhookTask($id: ID!) {
  task(id: $id) {
    id kind status url progress options metadata result attempts
    error { code message }
    input { filename mimeType container size duration width height fps bitrate videoCodec audioCodec rotation hasAudio hasVideo }
    outputs { id kind mimeType filename size url width height duration fps bitrate codecs }
    createdAt updatedAt startedAt finishedAt
  }
}`);

export class WebhookDeliveries {
  private dispatching: Promise<void> | null = null;
  private dispatchAgain = false;
  private sweepTimer: NodeJS.Timeout | null = null;
  private stopListening: (() => void) | null = null;

  constructor(private readonly deps: {
    config: Config;
    pool: pg.Pool;
    lifecycle: TaskLifecycle;
    queue: TaskQueue;
    webhookSecrets: WebhookSecrets;
    context: GraphQLContext;
    logger: Logger;
  }) {}

  /** Delivers jobs, and dispatches the outbox when a transition wrote to it, on resync and on a timer. */
  async start(): Promise<void> {
    const { queue, context } = this.deps;
    await queue.consume<WebhookJob>(webhookQueue, 4, (job) => this.deliver(job));
    this.stopListening = followTaskChanges(context.pubsub, {
      onChange: (change) => {
        if (change.webhook) void this.dispatch();
      },
      onResync: () => void this.dispatch(),
    });
    this.sweepTimer = setInterval(() => void this.dispatch(), sweepIntervalMs);
    await this.dispatch();
  }

  async stop(): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.stopListening?.();
    await this.dispatching;
  }

  /** Moves every undispatched delivery into pg-boss; concurrent calls coalesce into one more pass. */
  dispatch(): Promise<void> {
    if (this.dispatching) {
      this.dispatchAgain = true;
      return this.dispatching;
    }
    this.dispatching = (async () => {
      do {
        this.dispatchAgain = false;
        await this.dispatchBatch().catch((error: unknown) => this.deps.logger.warn({ err: error }, 'webhook dispatch failed; the next sweep retries'));
      } while (this.dispatchAgain);
    })().finally(() => {
      this.dispatching = null;
    });
    return this.dispatching;
  }

  private async dispatchBatch(): Promise<void> {
    const { lifecycle, queue } = this.deps;
    let claimed: number;
    do {
      claimed = await lifecycle.inTransaction(async (client) => {
        const { rows } = await client.query<{ id: string }>(claimUndispatchedDeliveries());
        for (const row of rows) await queue.sendWebhook(row.id, client);
        await queue.announceMore(webhookQueue, rows.length, client);
        if (rows.length > 0) await client.query(markDeliveriesDispatched(rows.map((row) => row.id)));
        return rows.length;
      });
    } while (claimed === 100);
  }

  /** One attempt; throws to have pg-boss retry, records the end when it is final. */
  async deliver(job: Job<WebhookJob>): Promise<void> {
    const { pool, config, webhookSecrets } = this.deps;
    const { rows } = await pool.query<WebhookDeliveryRow>(selectDelivery(job.data.deliveryId));
    const delivery = rows[0];
    if (!delivery || delivery.status !== 'PENDING') return;

    // The task owner's secrets as they are now: a rotation applies to retries too.
    const secrets = await webhookSecrets.signingSecrets(delivery.owner);
    if (secrets.length === 0) {
      await pool.query(recordDeliveryAttempt(delivery.id, { status: 'FAILED', responseStatus: null, error: webhookSecrets.missingSecretMessage(delivery.owner) }));
      return;
    }
    const messageId = webhookMessageId(delivery.taskId, delivery.eventId);
    const body = JSON.stringify({
      id: messageId,
      type: `task.${delivery.eventStatus.toLowerCase()}`,
      createdAt: new Date(delivery.eventTime).toISOString(),
      // Deliveries run concurrently and retry apart: they can arrive out of order. This orders them.
      sequence: delivery.sequence,
      data: { task: await this.taskBody(delivery.taskId) },
    });
    try {
      const { status } = await sendWebhook(delivery.url, body, {
        secrets,
        eventId: messageId,
        eventType: `task.${delivery.eventStatus.toLowerCase()}`,
        allowList: config.fetch.allowList,
        timeoutMs: config.webhooks.timeoutMs,
        signal: job.signal,
      });
      await pool.query(recordDeliveryAttempt(delivery.id, { status: 'DELIVERED', responseStatus: status, error: null }));
    } catch (error) {
      const failure = error instanceof WebhookError ? error : new WebhookError(String((error as Error).message ?? error), { permanent: false });
      const lastAttempt = failure.permanent || job.retryCount >= config.webhooks.attempts - 1;
      await pool.query(recordDeliveryAttempt(delivery.id, { status: lastAttempt ? 'FAILED' : 'PENDING', responseStatus: failure.status ?? null, error: failure.message }));
      if (!lastAttempt) throw failure;
    }
  }

  private async taskBody(taskId: string): Promise<unknown> {
    const result = await execute({ schema, document: webhookTaskQuery, variableValues: { id: taskId }, contextValue: this.deps.context });
    if (result.errors?.length) throw new Error(`building the webhook body failed: ${result.errors[0].message}`);
    return (result.data as { task: unknown }).task;
  }
}
