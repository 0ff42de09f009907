// GraphQL object types made from zod schemas (read through their JSON Schema), so a kind's
// result and its applied options are typed in the API exactly as the kind declares them, with
// the same descriptions, and cannot drift from what the code produces.
import type { EnumRef as PothosEnumRef, ObjectRef as PothosObjectRef } from '@pothos/core';
import { z } from 'zod';
import { builder } from './builder.js';

type JsonType = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';

export interface JsonSchema {
  /** One type, or (zod's .nullable() of a primitive) a type and 'null'. */
  type?: JsonType | JsonType[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: string[];
  anyOf?: JsonSchema[];
  description?: string;
  /** The GraphQL name of a nested object type, set with zod's .meta({ title }). */
  title?: string;
  /** The nested type's own description (`description` is the field's, from .describe()). */
  typeDescription?: string;
  /** A named GraphQL type for values no generated type can hold (Quality, TaskKind…), set with .meta(). */
  graphqlType?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
}

export type PlainObject = Record<string, unknown>;

type Types = typeof builder.$inferSchemaTypes;
export type EnumRef = PothosEnumRef<Types, string, string>;
export type ObjectRef = PothosObjectRef<Types, PlainObject>;

/** `adaptive_video` → AdaptiveVideo: GraphQL type names of kinds and fields. */
export const pascalCase = (name: string) => name.replace(/(^|[_\s-])([a-z])/g, (_, __, letter: string) => letter.toUpperCase());

/** A number's limits as words: `1–100`, `at least 0`; none for zod's ±MAX_SAFE_INTEGER of .int(). */
export function rangeText(minimum: number | undefined, maximum: number | undefined): string {
  const bound = (value: number | undefined) => value !== undefined && Math.abs(value) < Number.MAX_SAFE_INTEGER ? value : undefined;
  const [min, max] = [bound(minimum), bound(maximum)];
  return min !== undefined && max !== undefined ? `${min}–${max}` : min !== undefined ? `at least ${min}` : max !== undefined ? `at most ${max}` : '';
}
/** GraphQL enum value names are identifiers: `on-screen text` becomes on_screen_text, as options spell theirs. */
const enumValueName = (value: string) => /^[_A-Za-z][_0-9A-Za-z]*$/.test(value) ? value : value.toLowerCase().replace(/[^0-9a-z]+/g, '_');

const enums = new Map<string, { values: string; ref: EnumRef }>();

/**
 * One enum type per name, shared by the input and the output types that use it (ImageFormat in
 * ImageOptions and in ImageAppliedOptions). The same name with other values is a naming bug.
 */
export function sharedEnum(name: string, values: string[], description?: string): EnumRef {
  const key = values.join('|');
  const known = enums.get(name);
  if (known) {
    if (known.values !== key) throw new Error(`enum ${name} is defined twice with different values (${known.values} / ${key})`);
    return known.ref;
  }
  const ref = builder.enumType(name, { description, values: Object.fromEntries(values.map((value) => [enumValueName(value), { value }])) }) as EnumRef;
  enums.set(name, { values: key, ref });
  return ref;
}

export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
}

/** Named types a schema may point to with .meta({ graphqlType }), e.g. the TaskKind enum. */
export type NamedTypes = Record<string, string | EnumRef>;

/** By name: a titled type used twice is one type, and must be made the same way both times. */
const objectTypes = new Map<string, { ref: ObjectRef; allNullable: boolean }>();

/**
 * The object type `name` for a zod object schema; nested objects become types of their own,
 * named by their title (or parent + field). Required fields that cannot be null are non-null.
 * Values a GraphQL type cannot describe (records, mixed unions) are JSON.
 */
export function objectTypeFromZod(name: string, schema: z.ZodType, options: {
  io: 'input' | 'output'; description: string; enumPrefix: string; named?: NamedTypes;
  /** Every field nullable (applied options, where a kind may leave out what does not apply). */
  allNullable?: boolean;
  /** Top-level fields nullable although required here, to match a sibling type (see task-results). */
  nullableFields?: ReadonlySet<string>;
}): ObjectRef {
  const json = jsonSchemaOf(schema, options.io);
  const required = json.required?.filter((field) => !options.nullableFields?.has(field));
  return objectType(name, { ...json, required }, options.description, options.enumPrefix, options.named ?? {}, options.allNullable ?? false);
}

/** Whether each top-level field of a zod object schema is always there and never null. */
export function fieldPresence(schema: z.ZodType): Map<string, boolean> {
  const json = jsonSchemaOf(schema, 'output');
  const required = new Set(json.required ?? []);
  return new Map(Object.entries(json.properties ?? {}).map(([field, property]) => [field, required.has(field) && !withoutNull(property).nullable]));
}

function objectType(name: string, json: JsonSchema, description: string, enumPrefix: string, named: NamedTypes, allNullable: boolean): ObjectRef {
  const known = objectTypes.get(name);
  if (known) {
    if (known.allNullable !== allNullable) throw new Error(`type ${name} is made both with and without allNullable: give one of them another title`);
    return known.ref;
  }
  const ref = builder.objectRef<PlainObject>(name);
  objectTypes.set(name, { ref, allNullable });
  const required = new Set(allNullable ? [] : json.required ?? []);
  ref.implement({
    description,
    fields: (t) => Object.fromEntries(Object.entries(json.properties ?? {}).map(([field, property]) => {
      const { schema, nullable } = withoutNull(property);
      const type = fieldType(schema, `${name}${pascalCase(field)}`, `${enumPrefix}${pascalCase(field)}`, named, allNullable);
      return [field, t.field({
        type: type as never,
        nullable: (nullable || !required.has(field)) as never,
        description: describe(schema, property),
        resolve: (parent: PlainObject) => (parent[field] ?? null) as never,
      })];
    })),
  });
  return ref;
}

type FieldType = string | EnumRef | ObjectRef | [FieldType];

function fieldType(schema: JsonSchema, nestedName: string, enumName: string, named: NamedTypes, allNullable: boolean): FieldType {
  if (schema.graphqlType) {
    const type = named[schema.graphqlType];
    if (!type) throw new Error(`no GraphQL type ${schema.graphqlType} is known here`);
    return type;
  }
  if (schema.enum) return sharedEnum(enumName, schema.enum);
  switch (schema.type) {
    case 'integer': return 'Int';
    case 'number': return 'Float';
    case 'boolean': return 'Boolean';
    case 'string': return 'String';
    case 'array': {
      const items = schema.items ? withoutNull(schema.items) : null;
      if (!items || items.nullable || items.schema.type === 'array') return 'JSON';
      const singular = nestedName.replace(/ies$/, 'y').replace(/s$/, '');
      return [fieldType(items.schema, singular, enumName.replace(/s$/, ''), named, allNullable)] as [FieldType];
    }
    case 'object':
      if (!schema.properties || Object.keys(schema.properties).length === 0) return 'JSON';
      return objectType(schema.title ?? nestedName, schema, schema.typeDescription ?? schema.description ?? `Part of ${nestedName}.`, schema.title ?? nestedName, named, allNullable);
    default: return 'JSON';
  }
}

/** `X | null` (zod's .nullable()) as X and a flag. */
function withoutNull(schema: JsonSchema): { schema: JsonSchema; nullable: boolean } {
  if (Array.isArray(schema.type)) {
    const rest = schema.type.filter((type) => type !== 'null');
    return rest.length === 1 ? { schema: { ...schema, type: rest[0] }, nullable: rest.length < schema.type.length } : { schema: { ...schema, type: undefined }, nullable: true };
  }
  const branches = schema.anyOf;
  if (!branches) return { schema, nullable: false };
  const rest = branches.filter((branch) => branch.type !== 'null');
  if (rest.length === 1 && rest.length < branches.length) return { schema: { ...rest[0], description: schema.description ?? rest[0].description }, nullable: true };
  return { schema, nullable: false };
}

function describe(schema: JsonSchema, outer: JsonSchema): string | undefined {
  const text = outer.description ?? schema.description;
  const range = rangeText(schema.minimum, schema.maximum);
  if (!range) return text;
  return text ? `${text} (${range})` : range;
}
