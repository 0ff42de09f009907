// Runs workflows as child tasks. `expand` (the workflow's run job) plans the steps and creates
// them in one transaction with the workflow's move to PROCESSING. `advance` then moves a workflow
// on from the database state alone — release steps whose dependency succeeded, cancel those whose
// dependency did not, aggregate progress, end the workflow — so it is idempotent and any worker
// may run it: on every change of a child (NOTIFY), after a LISTEN reconnect, and on a sweep.
// A worker killed between two steps therefore stalls nothing: the next advance picks it up.
import type pg from 'pg';
import type { z } from 'zod';
import { followTaskChanges, type TaskPubSub } from '../events/task-change-listener.js';
import { findTaskKind } from '../kinds/index.js';
import { workflowStepSpec, type workflowResult, type WorkflowStepInput } from '../kinds/workflow.js';
import type { Logger } from '../logger.js';
import { validateQueue, type TaskQueue } from '../queue/task-queue.js';
import type { TaskLifecycle } from '../tasks/task-lifecycle.js';
import { isTerminal } from '../tasks/task-status.js';
import { uuidv7 } from '../tasks/uuid.js';
import { continueTrace, injectTraceContext } from '../tracing/tracing.js';
import { planWorkflow } from './workflow-plan.js';
import {
  lockWorkflow, releaseStep, selectActiveWorkflows, selectPrimaryMediaOutput, selectSteps, unreleaseStep,
  type StepRow, type WorkflowRow,
} from './workflow-sql.js';

export interface WorkflowCoordinatorDependencies {
  pool: pg.Pool;
  lifecycle: TaskLifecycle;
  queue: TaskQueue;
  pubsub: TaskPubSub;
  logger: Logger;
  sweepIntervalMs?: number;
}

export class WorkflowCoordinator {
  private readonly scheduled = new Map<string, NodeJS.Timeout>();
  private sweepTimer: NodeJS.Timeout | null = null;
  private stopListening: (() => void) | null = null;

  constructor(private readonly deps: WorkflowCoordinatorDependencies) {}

  start(): void {
    this.stopListening = followTaskChanges(this.deps.pubsub, {
      // A status change moves the workflow on at once; progress is aggregated a little later.
      onChange: (change) => {
        if (change.parentId) this.schedule(change.parentId, change.eventId === null ? 250 : 0);
      },
      onResync: () => void this.sweep(),
    });
    this.sweepTimer = setInterval(() => void this.sweep(), this.deps.sweepIntervalMs ?? 5000);
  }

  stop(): void {
    this.stopListening?.();
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    for (const timer of this.scheduled.values()) clearTimeout(timer);
    this.scheduled.clear();
  }

  /**
   * The workflow's run job: PROCESSING, its steps created (first run) or its unfinished steps
   * reset (a retry), and the first ones released — all in one transaction.
   */
  async expand(workflowId: string): Promise<void> {
    const { lifecycle } = this.deps;
    await lifecycle.inTransaction(async (client) => {
      const workflow = (await client.query<WorkflowRow>(lockWorkflow(workflowId))).rows[0];
      if (!workflow || isTerminal(workflow.status)) return;
      if (!await lifecycle.transition(workflowId, 'PROCESSING', { client })) return;
      const steps = (await client.query<StepRow>(selectSteps(workflowId))).rows;
      if (steps.length === 0) {
        await this.createSteps(workflow, client);
      } else {
        for (const step of steps.filter((row) => row.status === 'FAILED' || row.status === 'CANCELLED')) {
          await lifecycle.transition(step.id, 'WAITING', { message: 'workflow retried', patch: { errorCode: null, errorMessage: null, result: null, progress: 0 }, client });
          await client.query(unreleaseStep(step.id));
        }
      }
      await this.advanceLocked(workflow, client);
    });
  }

  /** Moves a workflow on from its steps' state; safe to call any time, from any process. */
  async advance(workflowId: string): Promise<void> {
    await this.deps.lifecycle.inTransaction(async (client) => {
      const workflow = (await client.query<WorkflowRow>(lockWorkflow(workflowId))).rows[0];
      if (workflow?.status === 'PROCESSING') await this.advanceLocked(workflow, client);
    });
  }

  private async createSteps(workflow: WorkflowRow, client: pg.PoolClient): Promise<void> {
    const plan = planWorkflow((workflow.options.steps as WorkflowStepInput[]).map((step) => workflowStepSpec(step, findTaskKind)), { hasAudio: workflow.inputHasAudio ?? false });
    const ids = new Map<string, string>();
    for (const step of plan) {
      const kind = findTaskKind(step.kind)!;
      const id = uuidv7();
      ids.set(step.ref, id);
      await this.deps.lifecycle.create({
        id, kind: step.kind, url: null, inputKey: null,
        // Added steps come with only what the planner set: fill their defaults.
        options: step.added ? kind.options.parse(step.options) : step.options,
        metadata: null, webhookUrl: null, webhookAllEvents: false, idempotencyKey: null,
        parentId: workflow.id, owner: workflow.owner,
        dependsOn: step.dependsOn ? ids.get(step.dependsOn)! : null, stepRef: step.ref, traceContext: injectTraceContext(),
      }, client);
    }
  }

  private async advanceLocked(workflow: WorkflowRow, client: pg.PoolClient): Promise<void> {
    const { lifecycle, queue } = this.deps;
    const steps = (await client.query<StepRow>(selectSteps(workflow.id))).rows;
    const byId = new Map(steps.map((step) => [step.id, step]));

    // Repeat until nothing changes: a cancelled step's own dependents are cancelled in the next pass.
    let released = 0;
    for (let changed = true; changed;) {
      changed = false;
      for (const step of steps) {
        if (step.status !== 'WAITING' || step.released) continue;
        const dependency = step.dependsOn ? byId.get(step.dependsOn) : undefined;
        if (dependency && (dependency.status === 'FAILED' || dependency.status === 'CANCELLED')) {
          await lifecycle.transition(step.id, 'CANCELLED', { message: `step ${dependency.stepRef} ${dependency.status.toLowerCase()}`, client });
          step.status = 'CANCELLED';
          changed = true;
        } else if (!dependency || dependency.status === 'SUCCEEDED') {
          const mediaOutput = dependency ? await this.mediaOutputOf(dependency, client) : null;
          const inputKey = mediaOutput ?? (dependency ? dependency.inputKey : workflow.inputKey);
          const factsFrom = mediaOutput ? null : (dependency?.id ?? workflow.id);
          // Released by an event (a step ended), outside any span: the job joins the workflow's trace.
          if ((await client.query(releaseStep(step.id, inputKey, factsFrom))).rowCount) {
            await continueTrace(workflow.traceContext, () => queue.sendValidate(step.id, null, client));
            released++;
          }
          step.released = true;
        }
      }
    }
    // Steps released together start together: one wake-up per step, not one per transaction.
    await queue.announceMore(validateQueue, released, client);

    const failed = steps.find((step) => step.status === 'FAILED') ?? (steps.every((step) => isTerminal(step.status)) ? steps.find((step) => step.status === 'CANCELLED') : undefined);
    if (failed) {
      // Steps not started yet never will be; steps already running finish on their own.
      for (const step of steps.filter((row) => row.status === 'WAITING' && !row.released)) {
        await lifecycle.transition(step.id, 'CANCELLED', { message: 'workflow failed', client });
        step.status = 'CANCELLED';
      }
      await lifecycle.transition(workflow.id, 'FAILED', {
        message: `step ${failed.stepRef} ${failed.status.toLowerCase()}`,
        patch: {
          errorCode: failed.errorCode ?? 'PROCESSING_FAILED',
          errorMessage: `Step ${failed.stepRef} (${failed.kind}) ${failed.status === 'FAILED' ? `failed: ${failed.errorMessage}` : 'was cancelled'}`,
          result: summary(steps),
        },
        client,
      });
    } else if (steps.every((step) => step.status === 'SUCCEEDED')) {
      if (await lifecycle.transition(workflow.id, 'FINISHING', { client })) {
        await lifecycle.transition(workflow.id, 'SUCCEEDED', { patch: { progress: 100, result: summary(steps) }, client });
      }
    } else {
      const progress = steps.reduce((sum, step) => sum + (isTerminal(step.status) ? 100 : step.progress), 0) / steps.length;
      await lifecycle.reportProgress(workflow.id, progress, null, { client });
    }
  }

  /** A media output feeds the next steps; steps that make no media (speech, nsfw…) pass their input on. */
  private async mediaOutputOf(step: StepRow, client: pg.PoolClient): Promise<string | null> {
    const { rows } = await client.query<{ storageKey: string }>(selectPrimaryMediaOutput(step.id));
    return rows[0]?.storageKey ?? null;
  }

  private schedule(workflowId: string, delayMs: number): void {
    const pending = this.scheduled.get(workflowId);
    if (pending && delayMs > 0) return;
    if (pending) clearTimeout(pending);
    this.scheduled.set(workflowId, setTimeout(() => {
      this.scheduled.delete(workflowId);
      this.advance(workflowId).catch((error: unknown) => this.deps.logger.warn({ err: error, workflowId }, 'workflow advance failed; the sweep retries'));
    }, delayMs));
  }

  private async sweep(): Promise<void> {
    try {
      const { rows } = await this.deps.pool.query<{ id: string }>(selectActiveWorkflows());
      for (const { id } of rows) this.schedule(id, 0);
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'workflow sweep failed');
    }
  }
}

function summary(steps: StepRow[]): z.input<typeof workflowResult> {
  return { steps: steps.map((step) => ({ ref: step.stepRef, kind: step.kind, taskId: step.id, status: step.status, dependsOn: step.dependsOn })) };
}
