// Task.typedResult and Task.appliedOptions: the kind's result and options as typed unions, one
// member per kind, made from the kinds' own zod schemas. `result` and `options` stay JSON for
// clients written before them.
import type { Task } from '../generated/prisma/client.js';
import { taskKinds } from '../kinds/index.js';
import type { TaskKind } from '../kinds/task-kind.js';
import { builder } from './builder.js';
import { TaskNode, TaskStatusEnum } from './task.js';
import { optionsTypeName, TaskKindEnum } from './task-kinds.js';
import { fieldPresence, objectTypeFromZod, pascalCase, type EnumRef, type NamedTypes, type ObjectRef, type PlainObject } from './zod-object-types.js';

const named: NamedTypes = { Quality: 'Quality', TaskKind: TaskKindEnum as unknown as EnumRef, TaskStatus: TaskStatusEnum as unknown as EnumRef };

const kinds = Object.values(taskKinds) as unknown as TaskKind[];

/** Which kind a value handed to a union belongs to: unions resolve their member by it. */
const kindOfValue = new WeakMap<object, string>();

const resultKinds = kinds.filter((kind) => kind.result);

/**
 * Fields that one result type has non-null and another nullable (thumbnails' cues only in
 * storyboard mode, subtitles' always) are nullable in both: GraphQL refuses to merge `cues: Int!`
 * and `cues: Int` in one selection, and a client should be able to select every result at once.
 */
const nullableSomewhere = (() => {
  const presence = new Map<string, Set<boolean>>();
  for (const kind of resultKinds) {
    for (const [field, always] of fieldPresence(kind.result!)) presence.set(field, (presence.get(field) ?? new Set()).add(always));
  }
  return new Set([...presence].filter(([, seen]) => seen.size > 1).map(([field]) => field));
})();

const resultTypes = new Map<string, ObjectRef>(resultKinds.map((kind) => [kind.name, objectTypeFromZod(`${pascalCase(kind.name)}Result`, kind.result!, {
  io: 'output',
  description: `The result of a ${kind.name} task.`,
  enumPrefix: pascalCase(kind.name),
  named,
  nullableFields: nullableSomewhere,
})]));

// A workflow keeps its steps as given (each step's options under its kind's name); the steps'
// own tasks show their options typed.
const WorkflowAppliedStep: ObjectRef = builder.objectRef<PlainObject>('WorkflowAppliedStep');
builder.objectType(WorkflowAppliedStep, {
  description: 'A step of a workflow as it was given.',
  fields: (t) => ({
    kind: t.field({ type: TaskKindEnum, description: 'The step\'s kind.', resolve: (step) => step.kind as never }),
    ref: t.string({ nullable: true, description: 'The ref given, if any (the step\'s task has the one applied in stepRef).', resolve: (step) => (step.ref as string) ?? null }),
    options: t.field({ type: 'JSON', nullable: true, description: 'The options given, under the kind\'s name; the step\'s task shows them applied.', resolve: (step) => step.options ?? null }),
    next: t.field({ type: [WorkflowAppliedStep], nullable: true, description: 'Steps that run after this one, on its output; null when none were given.', resolve: (step) => (step.next as PlainObject[]) ?? null }),
  }),
});

const WorkflowAppliedOptions = builder.objectRef<PlainObject>('WorkflowAppliedOptions').implement({
  description: 'The options of a workflow task.',
  fields: (t) => ({
    steps: t.field({ type: [WorkflowAppliedStep], description: 'Top-level steps, started together.', resolve: (options) => options.steps as PlainObject[] }),
  }),
});

const appliedOptionTypes = new Map<string, ObjectRef>(kinds.map((kind) => [kind.name, kind.name === 'workflow'
  ? WorkflowAppliedOptions
  : objectTypeFromZod(`${pascalCase(kind.name)}AppliedOptions`, kind.options, {
    io: 'output',
    description: `The options a ${kind.name} task runs with, defaults filled in (given as ${optionsTypeName(kind)}); null where an option was not given and has no default, or does not apply (e.g. rows in frames mode).`,
    enumPrefix: pascalCase(kind.name),
    named,
    allNullable: true,
  })]));

const TaskResultUnion = builder.unionType('TaskResult', {
  description: 'A task\'s result, typed by its kind. Kinds whose outputs are files only (video, image, audio) have none.',
  types: [...resultTypes.values()],
  resolveType: (value) => resultTypes.get(kindOfValue.get(value)!)!.name,
});

const TaskAppliedOptionsUnion = builder.unionType('TaskAppliedOptions', {
  description: 'A task\'s options as applied, typed by its kind.',
  types: [...appliedOptionTypes.values()],
  resolveType: (value) => appliedOptionTypes.get(kindOfValue.get(value)!)!.name,
});

/**
 * The stored value as its kind's type, or null when it does not parse (a value stored by an
 * older version; the worker logs a result off its schema when it records it).
 */
function typed(task: Task, value: unknown, schemaOf: (kind: TaskKind) => TaskKind['options'] | TaskKind['result']): PlainObject | null {
  const kind = kinds.find((candidate) => candidate.name === task.kind);
  const schema = kind && schemaOf(kind);
  if (!schema || value === null || typeof value !== 'object') return null;
  // Shown as stored (parsing would fill defaults the task did not run with); parsed only to
  // know it has the declared shape.
  if (!schema.safeParse(value).success) return null;
  return tagged(value as PlainObject, task.kind);
}

builder.objectFields(TaskNode, (t) => ({
  typedResult: t.field({
    type: TaskResultUnion,
    nullable: true,
    description: 'The result typed by kind (select with `... on SpeechResult { segments { start end text } }`); null until there is one (a task succeeds; a failed workflow has its steps), and for kinds without a result (video, image, audio). The same data as `result`.',
    resolve: (task) => typed(task, task.result, (kind) => kind.result) as never,
  }),
  appliedOptions: t.field({
    type: TaskAppliedOptionsUnion,
    nullable: true,
    description: 'The options applied, defaults filled in, typed by kind (`... on ImageAppliedOptions { width format }`). The same data as `options`; null only for options an older version stored that no longer validate.',
    // The workflow's own schema checks its steps against the registry: its stored steps are shown as they are.
    resolve: (task) => (task.kind === 'workflow' ? tagged(task.options as PlainObject, task.kind) : typed(task, task.options, (kind) => kind.options)) as never,
  }),
}));

function tagged(object: PlainObject, kind: string): PlainObject {
  kindOfValue.set(object, kind);
  return object;
}
