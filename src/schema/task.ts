// The Task node and what hangs off it (input facts, outputs, events, error), plus the task and
// tasks queries with the Twelve Labs-style list filters.
import { decodeGlobalID } from '@pothos/plugin-relay';
import type { Prisma, Task } from '../generated/prisma/client.js';
import { TaskStatus } from '../generated/prisma/enums.js';
import { taskErrorCodes, taskErrorMeanings, type TaskErrorCode } from '../errors/task-error.js';
import { outputKinds } from '../kinds/task-kind.js';
import { RequestError } from '../tasks/request-error.js';
import { isUuid } from '../tasks/uuid.js';
import { webhookMessageId } from '../webhooks/webhook-sender.js';
import { builder } from './builder.js';
import { ownedBy } from './context.js';
import { TaskKindEnum } from './task-kinds.js';

export const TaskStatusEnum = builder.enumType(TaskStatus, {
  name: 'TaskStatus',
  description: 'WAITING → VALIDATING → QUEUED → PROCESSING → FINISHING → SUCCEEDED | FAILED | CANCELLED.',
});

const OutputKindEnum = builder.enumType('OutputKind', {
  values: Object.fromEntries(outputKinds.map((kind) => [kind.toUpperCase(), { value: kind }])),
});

/** Accepts a Task global id or a bare task UUID. */
export function parseTaskId(id: string, field = 'id'): string {
  if (isUuid(id)) return id.toLowerCase();
  try {
    const { typename, id: raw } = decodeGlobalID(id);
    if (typename === 'Task' && isUuid(raw)) return raw.toLowerCase();
  } catch {
    // not a global id: reported below
  }
  throw new RequestError('BAD_USER_INPUT', `"${id}" is not a task id.`, field);
}

interface InputFacts {
  filename: string | null; mimeType: string | null; container: string | null; size: number | null; duration: number | null;
  width: number | null; height: number | null; fps: number | null; bitrate: number | null; videoCodec: string | null;
  audioCodec: string | null; rotation: number | null; hasAudio: boolean | null; hasVideo: boolean | null;
  storageKey: string | null;
}

const TaskInputFacts = builder.objectRef<InputFacts>('TaskInputFacts').implement({
  description: 'What probing the input found (ffprobe / sharp), filled in during VALIDATING.',
  fields: (t) => ({
    filename: t.exposeString('filename', { nullable: true }),
    url: t.string({
      nullable: true,
      description: 'Where the stored input can be downloaded (for a workflow step: its dependency\'s output, or the workflow\'s input).',
      resolve: (facts, _args, context) => facts.storageKey ? context.fileUrl(facts.storageKey) : null,
    }),
    mimeType: t.exposeString('mimeType', { nullable: true }),
    container: t.exposeString('container', { nullable: true }),
    size: t.exposeFloat('size', { nullable: true, description: 'Bytes.' }),
    duration: t.exposeFloat('duration', { nullable: true, description: 'Seconds.' }),
    width: t.exposeInt('width', { nullable: true, description: 'Display width in pixels (after rotation).' }),
    height: t.exposeInt('height', { nullable: true, description: 'Display height in pixels (after rotation).' }),
    fps: t.exposeFloat('fps', { nullable: true }),
    bitrate: t.exposeInt('bitrate', { nullable: true, description: 'Bits per second.' }),
    videoCodec: t.exposeString('videoCodec', { nullable: true }),
    audioCodec: t.exposeString('audioCodec', { nullable: true }),
    rotation: t.exposeInt('rotation', { nullable: true, description: 'Degrees clockwise the picture is turned for display.' }),
    hasAudio: t.exposeBoolean('hasAudio', { nullable: true }),
    hasVideo: t.exposeBoolean('hasVideo', { nullable: true }),
  }),
});

const TaskErrorCodeEnum = builder.enumType('TaskErrorCode', {
  description: 'Why a task failed (SPEC §6).',
  values: Object.fromEntries(taskErrorCodes.map((code) => [code, { value: code, description: taskErrorMeanings[code] }])),
});

const TaskFailure = builder.objectRef<{ code: string; message: string }>('TaskError').implement({
  description: 'Why a task failed.',
  fields: (t) => ({
    // A code this version does not know (stored by another) reads as INTERNAL rather than failing the query.
    code: t.field({ type: TaskErrorCodeEnum, resolve: (failure) => (taskErrorCodes as readonly string[]).includes(failure.code) ? failure.code as TaskErrorCode : 'INTERNAL' }),
    message: t.exposeString('message', { description: 'What happened, for people.' }),
  }),
});

const deliveryStatuses = ['PENDING', 'DELIVERED', 'FAILED'] as const;
type DeliveryStatus = (typeof deliveryStatuses)[number];

const WebhookDeliveryStatusEnum = builder.enumType('WebhookDeliveryStatus', {
  values: {
    PENDING: { description: 'Being tried (or waiting for its next attempt).' },
    DELIVERED: { description: 'The receiver answered 2xx.' },
    FAILED: { description: 'Attempts used up, or the address is refused.' },
  },
});

builder.prismaObject('TaskEvent', {
  description: 'One status transition of a task.',
  fields: (t) => ({
    status: t.expose('status', { type: TaskStatusEnum }),
    attempt: t.exposeInt('attempt'),
    message: t.exposeString('message', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

builder.prismaObject('WebhookDelivery', {
  description: 'One webhook delivery: a status change of the task, sent at least once.',
  fields: (t) => ({
    eventId: t.string({ description: 'The webhook-id header and the body\'s id (msg_…), the same for every retry: receivers de-duplicate on it.', resolve: (delivery) => webhookMessageId(delivery.taskId, delivery.eventId) }),
    url: t.exposeString('url'),
    // A status this version does not know (written by another) reads as PENDING rather than failing the query.
    status: t.field({ type: WebhookDeliveryStatusEnum, resolve: (delivery) => (deliveryStatuses.includes(delivery.status as never) ? delivery.status : 'PENDING') as DeliveryStatus }),
    attempts: t.exposeInt('attempts'),
    responseStatus: t.exposeInt('responseStatus', { nullable: true }),
    lastError: t.exposeString('lastError', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    deliveredAt: t.expose('deliveredAt', { type: 'DateTime', nullable: true }),
  }),
});

builder.prismaObject('TaskOutput', {
  description: 'A file a task produced; its facts come from probing the file itself.',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.field({ type: OutputKindEnum, resolve: (output) => output.kind as never }),
    mimeType: t.exposeString('mimeType'),
    filename: t.exposeString('filename'),
    path: t.string({
      description: 'Where the file sits among the task\'s outputs, e.g. 720p/index.m3u8 (for most kinds the filename): playlists refer to their renditions and segments by these paths, so a download keeps them.',
      // Output keys are <the task's output secret>/<path>.
      resolve: (output) => output.storageKey.slice(output.storageKey.indexOf('/') + 1),
    }),
    size: t.float({ description: 'Bytes.', resolve: (output) => Number(output.size) }),
    url: t.string({ description: 'Absolute download URL.', resolve: (output, _args, context) => context.fileUrl(output.storageKey) }),
    width: t.exposeInt('width', { nullable: true }),
    height: t.exposeInt('height', { nullable: true }),
    duration: t.exposeFloat('duration', { nullable: true }),
    fps: t.exposeFloat('fps', { nullable: true }),
    bitrate: t.exposeInt('bitrate', { nullable: true }),
    codecs: t.exposeStringList('codecs'),
  }),
});

interface HlsView { videoUrl: string | null; thumbnailUrls: string[]; status: string; updatedAt: Date }

const TaskHls = builder.objectRef<HlsView>('TaskHls').implement({
  description: 'The HLS view of an adaptive_video task, as Twelve Labs shows it.',
  fields: (t) => ({
    videoUrl: t.exposeString('videoUrl', { nullable: true, description: 'The master playlist; null until the task succeeds.' }),
    thumbnailUrls: t.exposeStringList('thumbnailUrls'),
    status: t.field({ type: TaskStatusEnum, resolve: (view) => view.status as never }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

export const TaskNode = builder.prismaNode('Task', {
  id: { field: 'id' },
  // node(id) sees only the caller's tasks; a missing one (or another owner's) is null, a malformed id BAD_USER_INPUT.
  findUnique: (id, context) => ({ id: parseTaskId(id), ...ownedBy(context) }),
  nullable: true,
  description: 'A unit of media work: an input, a kind with options, a status that moves, and what it produced.',
  fields: (t) => ({
    kind: t.field({ type: TaskKindEnum, resolve: (task) => task.kind as never }),
    status: t.expose('status', { type: TaskStatusEnum }),
    url: t.exposeString('url', { nullable: true, description: 'The input URL; null for an uploaded file.' }),
    input: t.field({ type: TaskInputFacts, nullable: true, description: 'Probed facts of the input; null until validated.', resolve: inputFacts }),
    options: t.field({ type: 'JSON', description: 'The options applied, defaults filled in.', resolve: (task) => task.options }),
    progress: t.exposeFloat('progress', { description: 'Percent done, 0–100 to one decimal, while processing; 100 when succeeded. Never goes down within an attempt.' }),
    estimatedTime: t.expose('estimatedTime', { type: 'DateTime', nullable: true, description: 'Predicted finish time while processing, from the pace so far; null until the task is 5 % done and has processed for 2 s (an earlier guess is noise).' }),
    result: t.field({ type: 'JSON', nullable: true, description: 'Structured result of intelligence kinds.', resolve: (task) => task.result }),
    error: t.field({ type: TaskFailure, nullable: true, resolve: (task) => task.errorCode ? { code: task.errorCode, message: task.errorMessage ?? '' } : null }),
    metadata: t.field({ type: 'JSON', nullable: true, description: 'Your own JSON, echoed back.', resolve: (task) => task.metadata }),
    webhookUrl: t.exposeString('webhookUrl', { nullable: true }),
    webhookAllEvents: t.exposeBoolean('webhookAllEvents'),
    webhookDeliveries: t.relation('webhookDeliveries', { description: 'Webhook deliveries of this task, oldest first.', query: { orderBy: { id: 'asc' } } }),
    attempts: t.exposeInt('attempts', { description: 'How many times a worker started processing it.' }),
    hls: t.field({
      type: TaskHls,
      nullable: true,
      description: 'For adaptive_video tasks: the master playlist, posters and status.',
      select: { kind: true, status: true, updatedAt: true, outputs: { select: { kind: true, storageKey: true, filename: true }, orderBy: { id: 'asc' } } },
      resolve: (task, _args, context) => {
        if (task.kind !== 'adaptive_video') return null;
        const master = task.outputs.find((output) => output.kind === 'playlist' && output.filename === 'master.m3u8');
        return {
          videoUrl: master ? context.fileUrl(master.storageKey) : null,
          thumbnailUrls: task.outputs.filter((output) => output.kind === 'image').map((output) => context.fileUrl(output.storageKey)),
          status: task.status,
          updatedAt: task.updatedAt,
        };
      },
    }),
    outputs: t.relation('outputs', { description: 'The files produced, the primary one first.', query: { orderBy: { id: 'asc' } } }),
    events: t.relation('events', { description: 'The status history, oldest first.', query: { orderBy: { id: 'asc' } } }),
    parent: t.relation('parent', { nullable: true, description: 'The workflow this task is a step of.' }),
    dependsOn: t.relation('dependsOn', { nullable: true, description: 'A workflow step: the step it runs after, on that step\'s output (media) or the same input.' }),
    stepRef: t.exposeString('stepRef', { nullable: true, description: 'A workflow step\'s ref (given, or kind-N; speech-N for an added prerequisite).' }),
    // Steps created in one transaction share created_at; their time-ordered ids keep the plan's order.
    children: t.relation('children', { query: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] } }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'Moves on every change.' }),
    startedAt: t.expose('startedAt', { type: 'DateTime', nullable: true }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true }),
  }),
});

function inputFacts(task: Task): InputFacts | null {
  if (task.inputMimeType === null) return null;
  return {
    filename: task.inputFilename, mimeType: task.inputMimeType, container: task.inputContainer,
    size: task.inputSize === null ? null : Number(task.inputSize), duration: task.inputDuration,
    width: task.inputWidth, height: task.inputHeight, fps: task.inputFps, bitrate: task.inputBitrate,
    videoCodec: task.inputVideoCodec, audioCodec: task.inputAudioCodec, rotation: task.inputRotation,
    hasAudio: task.inputHasAudio, hasVideo: task.inputHasVideo, storageKey: task.inputKey,
  };
}

const FloatRange = builder.inputType('FloatRange', {
  description: 'An inclusive range; either end may be left open.',
  fields: (t) => ({ min: t.float({ required: false }), max: t.float({ required: false }) }),
});
const IntRange = builder.inputType('IntRange', {
  description: 'An inclusive range; either end may be left open.',
  fields: (t) => ({ min: t.int({ required: false }), max: t.int({ required: false }) }),
});

export const TaskFilter = builder.inputType('TaskFilter', {
  description: 'Every given condition must hold.',
  fields: (t) => ({
    status: t.field({ type: [TaskStatusEnum], required: false, description: 'Any of these statuses.' }),
    kind: t.field({ type: [TaskKindEnum], required: false, description: 'Any of these kinds.' }),
    parentId: t.id({ required: false, description: 'Children of this workflow task.' }),
    topLevel: t.boolean({ required: false, description: 'true: only tasks that are not a workflow\'s step (a list of what was created); false: only steps. With parentId, parentId decides (its steps).' }),
    createdAfter: t.field({ type: 'DateTime', required: false }),
    createdBefore: t.field({ type: 'DateTime', required: false }),
    updatedAfter: t.field({ type: 'DateTime', required: false }),
    updatedBefore: t.field({ type: 'DateTime', required: false }),
    filename: t.string({ required: false, description: 'Input filename contains this text (case-insensitive).' }),
    duration: t.field({ type: FloatRange, required: false, description: 'Input duration in seconds.' }),
    width: t.field({ type: IntRange, required: false, description: 'Input width in pixels.' }),
    height: t.field({ type: IntRange, required: false, description: 'Input height in pixels.' }),
  }),
});

const TaskOrderField = builder.enumType('TaskOrderField', { values: { CREATED_AT: { value: 'createdAt' }, UPDATED_AT: { value: 'updatedAt' } } });
const OrderDirection = builder.enumType('OrderDirection', { values: { ASC: { value: 'asc' }, DESC: { value: 'desc' } } });

const TaskOrder = builder.inputType('TaskOrder', {
  fields: (t) => ({
    field: t.field({ type: TaskOrderField, required: true, defaultValue: 'createdAt' }),
    direction: t.field({ type: OrderDirection, required: true, defaultValue: 'desc' }),
  }),
});

type TaskFilterInput = typeof TaskFilter.$inferInput;

function range<T extends number>(value: { min?: T | null; max?: T | null } | null | undefined) {
  if (!value) return undefined;
  return { ...(value.min != null && { gte: value.min }), ...(value.max != null && { lte: value.max }) };
}

function timeRange(after: Date | null | undefined, before: Date | null | undefined) {
  if (!after && !before) return undefined;
  return { ...(after && { gte: after }), ...(before && { lte: before }) };
}

/**
 * "Contains this text" literally: Prisma hands `contains` to ILIKE as it is, where % and _ are
 * wildcards. A NUL cannot be in Postgres text at all.
 */
function likeLiteral(text: string): string {
  if (text.includes('\u0000')) throw new RequestError('BAD_USER_INPUT', 'filter.filename cannot contain a NUL character.', 'filter.filename');
  if (text.length > 1000) throw new RequestError('BAD_USER_INPUT', 'filter.filename is longer than 1000 characters.', 'filter.filename');
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

export function taskWhere(filter: TaskFilterInput | null | undefined): Prisma.TaskWhereInput {
  if (!filter) return {};
  return {
    ...(filter.status?.length && { status: { in: filter.status } }),
    ...(filter.kind?.length && { kind: { in: filter.kind as string[] } }),
    ...(filter.topLevel != null && { parentId: filter.topLevel ? null : { not: null } }),  // parentId, when given too, decides
    ...(filter.parentId && { parentId: parseTaskId(String(filter.parentId), 'filter.parentId') }),
    ...(filter.filename && { inputFilename: { contains: likeLiteral(filter.filename), mode: 'insensitive' as const } }),
    createdAt: timeRange(filter.createdAfter, filter.createdBefore),
    updatedAt: timeRange(filter.updatedAfter, filter.updatedBefore),
    inputDuration: range(filter.duration),
    inputWidth: range(filter.width),
    inputHeight: range(filter.height),
  };
}

builder.queryFields((t) => ({
  task: t.prismaField({
    type: 'Task',
    nullable: true,
    description: 'A task by id (its global id or its UUID).',
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, args, context) =>
      context.prisma.task.findUnique({ ...query, where: { id: parseTaskId(String(args.id)), ...ownedBy(context) } }),
  }),
  tasks: t.prismaConnection({
    type: 'Task',
    cursor: 'id',
    description: 'Tasks, newest first unless ordered otherwise; filter like the Twelve Labs task list.',
    args: {
      filter: t.arg({ type: TaskFilter, required: false }),
      orderBy: t.arg({ type: TaskOrder, required: false }),
    },
    totalCount: (_connection, args, context) => context.prisma.task.count({ where: { ...taskWhere(args.filter), ...ownedBy(context) } }),
    resolve: (query, _root, args, context) => {
      const field = args.orderBy?.field ?? 'createdAt';
      const direction = args.orderBy?.direction ?? 'desc';
      return context.prisma.task.findMany({
        ...query,
        where: { ...taskWhere(args.filter), ...ownedBy(context) },
        // The id breaks ties so that cursors are stable.
        orderBy: [{ [field]: direction }, { id: direction }],
      });
    },
  }, {}, {}),
}));
