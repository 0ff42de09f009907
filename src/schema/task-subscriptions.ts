// Live task changes. Each event carries the status and progress it announces; the rest of the
// task is read from Postgres, so a subscriber sees every transition in order even when the row
// has already moved on.
import { Kind, type GraphQLResolveInfo } from 'graphql';
import type { Prisma } from '../generated/prisma/client.js';
import type { TaskChange } from '../tasks/task-change.js';
import { RequestError } from '../tasks/request-error.js';
import { selectChangesSince, selectTaskChange } from '../tasks/task-sql.js';
import { isTerminal } from '../tasks/task-status.js';
import { builder } from './builder.js';
import type { GraphQLContext } from './context.js';
import { parseTaskId, TaskStatusEnum } from './task.js';
import { TaskKindEnum } from './task-kinds.js';

// Fields a change's NOTIFY payload answers on its own. `error` is null in every status but
// FAILED (codes are set only by a FAILED transition and cleared by a retry).
const fieldsInChange = new Set(['__typename', 'id', 'kind', 'status', 'progress', 'estimatedTime', 'updatedAt', 'error']);

/** True when the subscriber selected only what the change carries: no database read is needed. */
function changeAnswers(info: GraphQLResolveInfo, change: TaskChange): boolean {
  if (change.status === 'FAILED') return false;
  return info.fieldNodes.every((node) => node.selectionSet?.selections.every((selection) =>
    selection.kind === Kind.FIELD && fieldsInChange.has(selection.name.value)) ?? false);
}

async function loadWithChange(query: object, change: TaskChange, context: GraphQLContext, info: GraphQLResolveInfo) {
  if (changeAnswers(info, change)) {
    return {
      id: change.taskId, kind: change.kind, status: change.status, progress: change.progress,
      estimatedTime: change.estimatedTime ? new Date(change.estimatedTime) : null, updatedAt: new Date(change.updatedAt),
      errorCode: null, errorMessage: null,
    } as unknown as Awaited<ReturnType<GraphQLContext['prisma']['task']['findUniqueOrThrow']>>;
  }
  const task = await context.prisma.task.findUniqueOrThrow({ ...(query as Prisma.TaskFindUniqueArgs), where: { id: change.taskId } });
  return {
    ...task,
    status: change.status,
    progress: change.progress,
    estimatedTime: change.estimatedTime ? new Date(change.estimatedTime) : null,
    updatedAt: new Date(change.updatedAt),
  };
}

/** The current state as a change, with the id of the last transition it includes. */
async function snapshot(context: GraphQLContext, taskId: string): Promise<TaskChange> {
  const { text, values } = selectTaskChange(taskId);
  const [row] = await context.prisma.$queryRawUnsafe<Array<{ change: TaskChange }>>(text, ...values);
  if (!row || (context.owner !== null && row.change.owner !== context.owner)) throw new RequestError('NOT_FOUND', `No task with id ${taskId}.`, 'id');
  return row.change;
}

async function* taskChanges(context: GraphQLContext, taskId: string): AsyncGenerator<TaskChange> {
  // Listen before reading the snapshot so that no change slips between the two. The pub/sub
  // returns lazy Repeaters: only the first next() call registers a listener, so call it now.
  const changes = context.pubsub.subscribe('task:changed', taskId)[Symbol.asyncIterator]();
  const resyncs = context.pubsub.subscribe('tasks:resync')[Symbol.asyncIterator]();
  let pendingChange = changes.next().then((result) => ({ result, resync: false as const }));
  let pendingResync = resyncs.next().then(() => ({ result: null, resync: true as const }));
  try {
    const current = await snapshot(context, taskId);
    yield current;
    if (isTerminal(current.status)) return;
    let lastEventId = current.eventId ?? 0;
    let lastProgress = current.progress;
    while (true) {
      const next = await Promise.race([pendingChange, pendingResync]);
      let arrived: TaskChange[];
      if (next.resync) {
        // The event connection was lost and is back: replay the transitions it may have missed.
        pendingResync = resyncs.next().then(() => ({ result: null, resync: true as const }));
        arrived = await changesSince(context, taskId, lastEventId);
      } else {
        if (next.result.done) return;
        pendingChange = changes.next().then((result) => ({ result, resync: false as const }));
        arrived = [next.result.value];
      }
      for (const change of arrived) {
        if (change.eventId !== null) {
          if (change.eventId <= lastEventId) continue; // already seen
          lastEventId = change.eventId;
        } else if (change.progress < lastProgress) {
          continue; // a progress update older than what was already sent
        }
        lastProgress = change.progress;
        yield change;
        if (isTerminal(change.status)) return;
      }
    }
  } finally {
    await Promise.all([changes.return?.(), resyncs.return?.()]);
  }
}

async function changesSince(context: GraphQLContext, taskId: string, afterEventId: number): Promise<TaskChange[]> {
  const { text, values } = selectChangesSince(taskId, afterEventId);
  const rows = await context.prisma.$queryRawUnsafe<Array<{ change: TaskChange }>>(text, ...values);
  return rows.map((row) => row.change);
}

const TaskChangeFilter = builder.inputType('TaskChangeFilter', {
  description: 'Which task changes to receive; every given condition must hold.',
  fields: (t) => ({
    kind: t.field({ type: [TaskKindEnum], required: false }),
    status: t.field({ type: [TaskStatusEnum], required: false, description: 'Only changes into these statuses.' }),
    parentId: t.id({ required: false, description: 'Only children of this workflow task.' }),
    includeProgress: t.boolean({ required: false, defaultValue: true, description: 'Also progress updates, not only status transitions. Default: true.' }),
  }),
});

builder.subscriptionFields((t) => ({
  taskUpdated: t.prismaField({
    type: 'Task',
    description: 'The task as it is now, then again on every change; completes when it ends.',
    args: { id: t.arg.id({ required: true }) },
    subscribe: (_root, args, context) => taskChanges(context, parseTaskId(String(args.id))),
    resolve: (query, change, _args, context, info) => loadWithChange(query, change as unknown as TaskChange, context, info),
  }),
  taskEvents: t.prismaField({
    type: 'Task',
    description: 'Every change of every task matching the filter.',
    args: { filter: t.arg({ type: TaskChangeFilter, required: false }) },
    subscribe: async function* (_root, args, context) {
      const filter = args.filter;
      const parentId = filter?.parentId ? parseTaskId(String(filter.parentId), 'filter.parentId') : null;
      const changes = context.owner === null ? context.pubsub.subscribe('tasks:changed') : context.pubsub.subscribe('owner:changed', context.owner);
      for await (const change of changes) {
        if (filter?.kind?.length && !(filter.kind as string[]).includes(change.kind)) continue;
        if (filter?.status?.length && !filter.status.includes(change.status)) continue;
        if (parentId && change.parentId !== parentId) continue;
        if (filter?.includeProgress === false && change.eventId === null) continue;
        yield change;
      }
    },
    resolve: (query, change, _args, context, info) => loadWithChange(query, change as unknown as TaskChange, context, info),
  }),
}));
