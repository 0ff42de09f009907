// createTask and cancelTask: thin wrappers over TaskService that return the stored task.
import { valueFromASTUntyped, type GraphQLResolveInfo } from 'graphql';
import { optionsOfKind } from '../pipeline/request-checks.js';
import { builder } from './builder.js';
import { parseTaskId } from './task.js';
import { TaskKindEnum, TaskOptionsInput } from './task-kinds.js';

const CreateTaskInput = builder.inputType('CreateTaskInput', {
  fields: (t) => ({
    kind: t.field({ type: TaskKindEnum, required: true }),
    url: t.string({ required: false, description: 'The input: a public or signed http(s) URL. Give one of url, file and uploadId.' }),
    file: t.field({ type: 'File', required: false, description: 'The input as an uploaded file (multipart request, streamed to storage). Give one of url, file and uploadId.' }),
    uploadId: t.id({ required: false, description: 'The input as a completed resumable upload of yours (createUpload, then tus): its bytes become the task\'s. Give one of url, file and uploadId.' }),
    options: t.field({ type: TaskOptionsInput, required: false, description: 'Options under the kind\'s name, e.g. `{ image: { width: 320, format: webp } }`.' }),
    metadata: t.field({ type: 'JSON', required: false, description: 'Your own JSON (up to 16 KB), echoed back on the task.' }),
    webhookUrl: t.string({ required: false, description: 'Receives a POST signed in the Standard Webhooks format with your webhook secret (see webhookSecret, rotateWebhookSecret) when the task ends; retried with backoff.' }),
    webhookAllEvents: t.boolean({ required: false, defaultValue: false, description: 'Send every status change to webhookUrl, not only the end. Default: false.' }),
    idempotencyKey: t.string({ required: false, description: 'Retrying with the same key and the same request returns the first task instead of creating another; the same key with another request is a CONFLICT. A key lasts IDEMPOTENCY_KEY_TTL_HOURS (24 h by default) from its task\'s creation, or until the task is deleted.' }),
  }),
});

builder.mutationFields((t) => ({
  createTask: t.prismaField({
    type: 'Task',
    description: 'Accepts a task: stored (WAITING) before this returns, then validated and processed by a worker.',
    args: { input: t.arg({ type: CreateTaskInput, required: true }) },
    resolve: async (query, _root, { input }, context, info) => {
      await context.limitTaskCreation();
      const options = optionsOfKind(input.kind, input.options as Parameters<typeof optionsOfKind>[1]);
      const sent = inputAsSent(info, context.params?.variables) ?? input;
      const file = input.file ? context.upload(input.file, 'file') : null;
      const uploadId = input.uploadId === null || input.uploadId === undefined ? null : String(input.uploadId);
      const id = await context.tasks.createTask({ ...input, kind: input.kind as string, file, uploadId, options, sent }, context.owner);
      return context.prisma.task.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  retryTask: t.prismaField({
    type: 'Task',
    description: 'Runs a FAILED or CANCELLED task again: a new attempt of the same task, recorded in its events. Other statuses are a CONFLICT.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, context) => {
      const id = parseTaskId(String(args.id));
      await context.tasks.retryTask(id, context.owner);
      return context.prisma.task.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  deleteTask: t.id({
    description: 'Deletes a finished task (SUCCEEDED, FAILED or CANCELLED) with its output files; returns its id. A task still running is a CONFLICT.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, context) => {
      const id = parseTaskId(String(args.id));
      await context.tasks.deleteTask(id, context.owner);
      return args.id;
    },
  }),
  cancelTask: t.prismaField({
    type: 'Task',
    description: 'Cancels a task that has not ended; a running handler is stopped. A finished task is a CONFLICT.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, context) => {
      const id = parseTaskId(String(args.id));
      await context.tasks.cancelTask(id, context.owner);
      return context.prisma.task.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));

/**
 * createTask's `input` as the caller wrote it (inline or in variables), before GraphQL filled in
 * the schema's defaults: what an idempotencyKey's fingerprint is taken of.
 */
function inputAsSent(info: GraphQLResolveInfo, variables: Record<string, unknown> | null | undefined): Record<string, unknown> | undefined {
  const argument = info.fieldNodes[0]?.arguments?.find((node) => node.name.value === 'input');
  const value: unknown = argument && valueFromASTUntyped(argument.value, variables ?? undefined);
  return value !== null && typeof value === 'object' ? value as Record<string, unknown> : undefined;
}
