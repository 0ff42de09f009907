// GraphQL types derived from the kind registry: the TaskKind enum, one options input per kind
// (generated from the kind's zod schema, so descriptions, ranges and defaults show in GraphiQL
// exactly as they are validated), the one-of TaskOptions input, and Query.kinds.
import { z } from 'zod';
import { taskKinds } from '../kinds/index.js';
import type { TaskKind } from '../kinds/task-kind.js';
import { builder } from './builder.js';
import { pascalCase, rangeText, sharedEnum } from './zod-object-types.js';

interface JsonSchemaProperty {
  type?: 'integer' | 'number' | 'string' | 'boolean' | 'array';
  items?: { type?: 'integer' | 'number' | 'string' };
  /** A scalar of the builder for values no plain GraphQL type can hold, set with zod's .meta(). */
  graphqlType?: 'Quality';
  enum?: string[];
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
}

const upperSnake = (name: string) => name.toUpperCase();

export const optionsTypeName = (kind: TaskKind) => `${pascalCase(kind.name)}Options`;

export const TaskKindEnum = builder.enumType('TaskKind', {
  description: 'What a task does; each kind has its own options.',
  values: Object.fromEntries(Object.values(taskKinds).map((kind) => [upperSnake(kind.name), { value: kind.name, description: kind.description }])),
});

function optionsJsonSchema(kind: TaskKind): { properties: Record<string, JsonSchemaProperty>; required?: string[] } {
  return z.toJSONSchema(kind.options, { io: 'input', unrepresentable: 'any' }) as never;
}

/**
 * An option's description with its range and its default. GraphiQL's docs explorer shows no
 * default of an input field (it reads graphql-js 17's `default`, not `defaultValue`), so the text
 * says it, taken from the same zod schema that validates.
 */
function describe(property: JsonSchemaProperty): string | undefined {
  const range = rangeText(property.minimum, property.maximum);
  const text = property.description ? (range ? `${property.description} (${range})` : property.description) : range;
  if (property.default === undefined) return text || undefined;
  const lead = !text ? '' : text.endsWith('.') ? `${text} ` : `${text}. `;
  return `${lead}Default: ${defaultLiteral(property)}.`;
}

/** A default as it is written in a query: an enum value bare, a string quoted. */
function defaultLiteral(property: JsonSchemaProperty): string {
  return property.enum && typeof property.default === 'string' ? property.default : JSON.stringify(property.default);
}

function buildOptionsInput(kind: TaskKind) {
  const typeName = optionsTypeName(kind);
  const { properties, required = [] } = optionsJsonSchema(kind);
  return builder.inputType(typeName, {
    description: `Options of the ${kind.name} kind. Omitted fields take their defaults.`,
    fields: (t) => Object.fromEntries(Object.entries(properties).map(([field, property]) => {
      // Options without a default that the kind needs (a prompt's question) are non-null in GraphQL.
      const common = { description: describe(property), defaultValue: property.default as never, required: (required.includes(field) && property.default === undefined) as false };
      if (property.graphqlType) return [field, t.field({ type: property.graphqlType, ...common })];
      if (property.enum) {
        const enumRef = sharedEnum(`${typeName.replace(/Options$/, '')}${pascalCase(field)}`, property.enum);
        return [field, t.field({ type: enumRef, ...common })];
      }
      switch (property.type) {
        case 'array': {
          const item = property.items?.type === 'integer' ? 'Int' : property.items?.type === 'number' ? 'Float' : 'String';
          return [field, t.field({ type: [item], ...common })];
        }
        case 'integer': return [field, t.int(common)];
        case 'number': return [field, t.float(common)];
        case 'boolean': return [field, t.boolean(common)];
        default: return [field, t.string(common)];
      }
    })),
  });
}

// Workflow steps nest (next) and carry any kind's options: written by hand, recursive.
const WorkflowStepInput = builder.inputRef<Record<string, unknown>>('WorkflowStep').implement({
  description: 'A step of a workflow: a kind with its options; its next steps run after it succeeds, on its output.',
  fields: (t) => ({
    kind: t.field({ type: TaskKindEnum, required: true, description: 'The step\'s kind (not WORKFLOW).' }),
    ref: t.string({ required: false, description: 'A name for the step, unique in the workflow (letters, digits, _ and -); by default kind-N.' }),
    options: t.field({ type: TaskOptionsInput, required: false, description: 'The step\'s options under its kind\'s name, as in createTask.' }),
    next: t.field({ type: [WorkflowStepInput], required: false, description: 'Steps that run after this one succeeds, on its output (media), or on the same input (speech, nsfw, …).' }),
  }),
});

const WorkflowOptionsInput = builder.inputType('WorkflowOptions', {
  description: 'Options of the workflow kind: steps started together on the input. subtitles and chapters get a speech step before them, shared when they need the same transcript.',
  fields: (t) => ({ steps: t.field({ type: [WorkflowStepInput], required: true, description: 'Top-level steps (1–20; 50 in all).' }) }),
});

const optionInputs = Object.values(taskKinds).map((kind) => [
  kind.name,
  kind.name === 'workflow' ? WorkflowOptionsInput : buildOptionsInput(kind as unknown as TaskKind),
] as const);

export const TaskOptionsInput = builder.inputType('TaskOptions', {
  description: 'The options of the task, under the field named after its kind (exactly one), e.g. `{ image: { width: 320 } }`.',
  isOneOf: true,
  fields: (t) => Object.fromEntries(optionInputs.map(([name, input]) => [name, t.field({ type: input, required: false })])),
});

const KindInfo = builder.objectRef<TaskKind>('KindInfo').implement({
  description: 'A task kind and the schema of its options.',
  fields: (t) => ({
    kind: t.field({ type: TaskKindEnum, resolve: (kind) => kind.name as never }),
    description: t.exposeString('description'),
    optionsType: t.string({ description: 'Name of the GraphQL input type of its options.', resolve: optionsTypeName }),
    optionsSchema: t.field({ type: 'JSON', description: 'JSON Schema of its options, with defaults and limits.', resolve: optionsJsonSchema }),
    unavailable: t.string({
      nullable: true,
      description: 'Why this server refuses every task of this kind (nothing is configured to run it, e.g. prompt without OPENAI_BASE_URL); null when it runs.',
      resolve: (kind, _args, context) => context.tasks.kindUnavailableReason(kind),
    }),
  }),
});

builder.queryField('kinds', (t) => t.field({
  type: [KindInfo],
  description: 'Every task kind this server runs, with its options.',
  resolve: () => Object.values(taskKinds) as unknown as TaskKind[],
}));
