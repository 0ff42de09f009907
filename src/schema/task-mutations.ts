// createTask and cancelTask: thin wrappers over TaskService that return the stored task.
import { RequestError } from '../tasks/request-error.js';
import { builder } from './builder.js';
import { parseTaskId } from './task.js';
import { TaskKindEnum, TaskOptionsInput } from './task-kinds.js';

const CreateTaskInput = builder.inputType('CreateTaskInput', {
  fields: (t) => ({
    kind: t.field({ type: TaskKindEnum, required: true }),
    url: t.string({ required: false, description: 'The input: a public or signed http(s) URL. Give url or file.' }),
    file: t.field({ type: 'File', required: false, description: 'The input as an uploaded file (multipart request). Give url or file.' }),
    options: t.field({ type: TaskOptionsInput, required: false, description: 'Options under the kind\'s name, e.g. `{ image: { width: 320, format: webp } }`.' }),
    metadata: t.field({ type: 'JSON', required: false, description: 'Your own JSON (up to 16 KB), echoed back on the task.' }),
    webhookUrl: t.string({ required: false, description: 'Receives a signed POST (see the README: webhook-signature header) when the task ends; retried with backoff. Needs WEBHOOK_SECRET on the server.' }),
    webhookAllEvents: t.boolean({ required: false, defaultValue: false, description: 'Send every status change to webhookUrl, not only the end.' }),
    idempotencyKey: t.string({ required: false, description: 'Retrying with the same key returns the first task instead of creating another.' }),
  }),
});

builder.mutationFields((t) => ({
  createTask: t.prismaField({
    type: 'Task',
    description: 'Accepts a task: stored (WAITING) before this returns, then validated and processed by a worker.',
    args: { input: t.arg({ type: CreateTaskInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      context.limitTaskCreation();
      const options = input.options ? (input.options as Record<string, Record<string, unknown> | null>)[input.kind] : undefined;
      if (input.options && !options) {
        const given = Object.keys(input.options)[0];
        throw new RequestError('BAD_USER_INPUT',
          `options.${given} does not match kind ${input.kind}; give options.${input.kind}.`, `options.${given}`);
      }
      const id = await context.tasks.createTask({ ...input, kind: input.kind as string, options }, context.owner);
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
