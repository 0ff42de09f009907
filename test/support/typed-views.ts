// Checks a finished task's typed views against its JSON ones: Task.typedResult must carry every
// field of Task.result (the kind's result schema is strict, so a field the code returns but the
// schema does not declare fails here), and Task.appliedOptions every field of Task.options.
import { getNamedType, isEnumType, isLeafType, isListType, isNonNullType, isObjectType, parse, type GraphQLList, type GraphQLObjectType, type GraphQLOutputType } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { expect } from 'vitest';
import { findTaskKind } from '../../src/kinds/index.js';
import { schema } from '../../src/schema/index.js';
import type { GraphQLTestClient } from './graphql-client.js';

/** Every field of a type; recursive types stop after a few levels. */
function selection(type: GraphQLOutputType, depth = 0): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (depth > 4) return '{ __typename }';
  if (!isObjectType(named)) throw new Error(`no selection for ${named.name}`);
  return `{ __typename ${Object.values(named.getFields()).map((field) => `${field.name} ${selection(field.type, depth + 1)}`).join(' ')} }`;
}

const pascalCase = (name: string) => name.replace(/(^|_)([a-z])/g, (_, __, letter: string) => letter.toUpperCase());

/**
 * Every field of the kind's own members of the unions. One member per union: two members may
 * give one name different types (ImageFormat, VideoFormat), which GraphQL refuses to merge.
 */
function typedViewsQuery(kind: string): TypedDocumentNode<{ task: TypedViews }, { id: string }> {
  const member = (name: string) => {
    const type = schema.getType(name);
    return type ? `... on ${name} ${selection(type as GraphQLOutputType)}` : '';
  };
  return parse(`query TypedViews($id: ID!) { task(id: $id) { kind status result options
    typedResult { __typename ${member(`${pascalCase(kind)}Result`)} }
    appliedOptions { __typename ${member(`${pascalCase(kind)}AppliedOptions`)} } } }`);
}

const kindQuery: TypedDocumentNode<{ task: { kind: string } }, { id: string }> = parse('query KindOf($id: ID!) { task(id: $id) { kind } }');

interface TypedViews {
  kind: string; status: string; result: unknown; options: unknown;
  typedResult: Record<string, unknown> | null; appliedOptions: Record<string, unknown> | null;
}

/**
 * What the typed view of a JSON value must be: every field of the GraphQL type, null where the
 * JSON has none, enums by their GraphQL names. The same depth limit as the selection.
 */
function asServed(json: unknown, type: GraphQLOutputType, depth = 0): unknown {
  if (json === null || json === undefined) return null;
  if (isListType(type) || (isNonNullType(type) && isListType(type.ofType))) {
    const item = (isNonNullType(type) ? (type.ofType as GraphQLList<GraphQLOutputType>) : (type as GraphQLList<GraphQLOutputType>)).ofType;
    return (json as unknown[]).map((value) => asServed(value, item, depth));
  }
  const named = getNamedType(type);
  if (isEnumType(named)) return named.serialize(json);
  if (isLeafType(named)) return json;
  if (!isObjectType(named)) throw new Error(`no view for ${named.name}`);
  if (depth > 4) return { __typename: named.name };
  const source = json as Record<string, unknown>;
  return { __typename: named.name, ...Object.fromEntries(Object.values(named.getFields()).map((field) => [field.name, asServed(source[field.name], field.type, depth + 1)])) };
}

/** Returns the typed views after checking them; a kind without a result schema must have no result. */
export async function expectTypedViews(client: GraphQLTestClient, id: string): Promise<TypedViews> {
  const kindName = (await client.request(kindQuery, { id })).data!.task.kind.toLowerCase();
  const { data, errors } = await client.request(typedViewsQuery(kindName), { id });
  expect(errors).toBeUndefined();
  const task = data!.task;
  const kind = findTaskKind(kindName)!;

  expect(task.appliedOptions, 'appliedOptions').not.toBeNull();
  expect(task.appliedOptions!.__typename).toMatch(/AppliedOptions$/);
  const optionsType = schema.getType(task.appliedOptions!.__typename as string) as GraphQLObjectType;
  expect(Object.keys(task.options as object).filter((key) => !(key in optionsType.getFields())), 'options without a typed field').toEqual([]);
  expect(task.appliedOptions).toEqual(asServed(task.options, optionsType));

  if (task.status === 'SUCCEEDED' && kind.result) {
    const strict = kind.result.safeParse(task.result);
    expect(strict.success, `${task.kind} result matches its declared schema: ${strict.error?.message}`).toBe(true);
    expect(task.typedResult, 'typedResult').not.toBeNull();
    expect(task.typedResult!.__typename).toMatch(/Result$/);
    expect(task.typedResult).toEqual(asServed(task.result, schema.getType(task.typedResult!.__typename as string) as GraphQLObjectType));
  } else if (!kind.result) {
    expect(task.typedResult).toBeNull();
  }
  return task;
}
