// The typed views of the schema, checked on the schema itself: a union member per kind, every
// field described, error codes and delivery statuses as enums, and every custom scalar mapped
// for the generated TypeScript. (That the typed views carry the stored JSON is checked after
// every task of the kind tests, by test/support/typed-views.ts.)
import { getNamedType, isEnumType, isNonNullType, isObjectType, isScalarType, isSpecifiedScalarType, isUnionType, parse, validate, type GraphQLNamedType, type GraphQLUnionType } from 'graphql';
import { describe, expect, it } from 'vitest';
import codegenConfig from '../codegen.js';
import { taskErrorCodes } from '../src/errors/task-error.js';
import { taskKinds } from '../src/kinds/index.js';
import { schema } from '../src/schema/index.js';

const pascalCase = (name: string) => name.replace(/(^|_)([a-z])/g, (_, __, letter: string) => letter.toUpperCase());

/** Object types reachable from a type through its fields and union members. */
function reachable(from: GraphQLNamedType, seen = new Map<string, GraphQLNamedType>()): Map<string, GraphQLNamedType> {
  if (seen.has(from.name)) return seen;
  seen.set(from.name, from);
  if (isUnionType(from)) for (const member of from.getTypes()) reachable(member, seen);
  if (isObjectType(from) && from.name !== 'Task') for (const field of Object.values(from.getFields())) reachable(getNamedType(field.type), seen);
  return seen;
}

describe('typed results and options', () => {
  const union = (name: string) => {
    const type = schema.getType(name);
    if (!isUnionType(type)) throw new Error(`${name} is not a union`);
    return type.getTypes().map((member) => member.name).sort();
  };

  it('has a result type for every kind that returns a result, and an applied-options type for every kind', () => {
    const kinds = Object.values(taskKinds);
    expect(union('TaskResult')).toEqual(kinds.filter((kind) => kind.result).map((kind) => `${pascalCase(kind.name)}Result`).sort());
    expect(union('TaskAppliedOptions')).toEqual(kinds.map((kind) => `${pascalCase(kind.name)}AppliedOptions`).sort());
    expect(kinds.filter((kind) => !kind.result).map((kind) => kind.name).sort()).toEqual(['audio', 'image', 'video']);
  });

  it('describes every field of every typed view', () => {
    const undescribed: string[] = [];
    for (const root of ['TaskResult', 'TaskAppliedOptions']) {
      for (const type of reachable(schema.getType(root)!).values()) {
        if (!isObjectType(type)) continue;
        if (!type.description) undescribed.push(type.name);
        for (const field of Object.values(type.getFields())) if (!field.description) undescribed.push(`${type.name}.${field.name}`);
      }
    }
    expect(undescribed).toEqual([]);
  });

  it('lets a client select every field of every result in one selection, without aliases', () => {
    const selection = (type: GraphQLNamedType, depth = 0): string => {
      if (!isObjectType(type)) return '';
      if (depth > 4) return '{ __typename }';
      return `{ ${Object.values(type.getFields()).map((field) => `${field.name} ${selection(getNamedType(field.type), depth + 1)}`).join(' ')} }`;
    };
    const members = (schema.getType('TaskResult') as GraphQLUnionType).getTypes();
    const document = parse(`query Everything($id: ID!) { task(id: $id) { typedResult { __typename ${members.map((member) => `... on ${member.name} ${selection(member)}`).join(' ')} } } }`);
    expect(validate(schema, document).map((error) => error.message)).toEqual([]);
  });

  it('gives results non-null fields where the kind always returns them', () => {
    const speech = schema.getType('SpeechResult');
    if (!isObjectType(speech)) throw new Error('SpeechResult is not an object type');
    const fields = speech.getFields();
    expect(isNonNullType(fields.segments.type) && isNonNullType(fields.text.type)).toBe(true);
    expect(isNonNullType(fields.words.type)).toBe(false);
  });

  it('has enums for error codes and webhook delivery statuses', () => {
    const task = schema.getType('TaskError');
    const delivery = schema.getType('WebhookDelivery');
    if (!isObjectType(task) || !isObjectType(delivery)) throw new Error('missing types');
    const code = getNamedType(task.getFields().code.type);
    const status = getNamedType(delivery.getFields().status.type);
    expect(isEnumType(code) && code.getValues().map((value) => value.name)).toEqual([...taskErrorCodes]);
    expect(isEnumType(code) && code.getValues().every((value) => value.description)).toBe(true);
    expect(isEnumType(status) && status.getValues().map((value) => value.name)).toEqual(['PENDING', 'DELIVERED', 'FAILED']);
  });

  it('maps every custom scalar in each TypeScript output of the code generator', () => {
    const custom = Object.values(schema.getTypeMap()).filter((type) => isScalarType(type) && !isSpecifiedScalarType(type)).map((type) => type.name).sort();
    expect(custom.length).toBeGreaterThan(0);
    const outputs = Object.entries(codegenConfig.generates).filter(([file]) => file.endsWith('.ts'));
    expect(outputs.length).toBeGreaterThan(0);
    for (const [file, output] of outputs) {
      const scalars = (output as { config?: { scalars?: Record<string, unknown> } }).config?.scalars ?? {};
      expect(Object.keys(scalars).sort(), file).toEqual(expect.arrayContaining(custom));
    }
  });
});
