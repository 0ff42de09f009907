// The one Pothos builder, with its plugins and scalars; schema files add types to it.
import SchemaBuilder from '@pothos/core';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin, { decodeGlobalID } from '@pothos/plugin-relay';
import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import type PrismaTypes from '../generated/pothos-prisma-types.js';
import { getDatamodel } from '../generated/pothos-prisma-types.js';
import { isUuid } from '../tasks/uuid.js';
import { uploadTokenPrefix } from '../uploads/stored-upload.js';
import type { GraphQLContext } from './context.js';

export const builder = new SchemaBuilder<{
  PrismaTypes: PrismaTypes;
  Context: GraphQLContext;
  DefaultFieldNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
    JSON: { Input: unknown; Output: unknown };
    File: { Input: string; Output: never };
    Quality: { Input: number | string; Output: number | string };
  };
}>({
  defaultFieldNullability: false,
  plugins: [RelayPlugin, PrismaPlugin],
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // node(id:) and nodes(ids:) take a task's bare UUID too, as task(id:) does. Task is the only
    // node type; a global id is base64 and never has the shape of a UUID.
    decodeGlobalID: (globalID) => (isUuid(globalID) ? { typename: 'Task', id: globalID } : decodeGlobalID(globalID)),
  },
  prisma: {
    client: (context) => context.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: false,
    filterConnectionTotalCount: true,
    onUnusedQuery: null,
  },
});

builder.addScalarType('DateTime', DateTimeResolver);
builder.addScalarType('JSON', JSONResolver);
builder.scalarType('File', {
  description: 'A file sent with a GraphQL multipart request (https://github.com/jaydenseric/graphql-multipart-request-spec): null in the operations, the file in the part the map names. Streamed to storage as it arrives, up to MAX_UPLOAD_BYTES.',
  serialize: () => {
    throw new Error('File is an input-only scalar');
  },
  // The multipart route puts a token where the file was (see server/multipart-route.ts); the
  // resolver finds the stored file by it in its own request's context.
  parseValue: (value) => {
    if (typeof value === 'string' && value.startsWith(uploadTokenPrefix)) return value;
    throw new TypeError('A File is sent as a part of a multipart request (the GraphQL multipart request spec), with null in the variables: a JSON value cannot be one.');
  },
  parseLiteral: () => {
    throw new TypeError('A File is sent as a part of a multipart request, through a variable: it cannot be written in the query.');
  },
});

builder.scalarType('Quality', {
  description: 'Encoding quality: an integer from 0 (smallest) to 100 (best), or one of "very_low", "low", "medium", "high", "very_high".',
  serialize: (value) => value as number | string,
  parseValue: (value) => {
    if (typeof value === 'number' || typeof value === 'string') return value;
    throw new TypeError('Quality is an integer 0–100 or a preset name');
  },
  parseLiteral: (node) => {
    if (node.kind === 'IntValue' || node.kind === 'FloatValue') return Number(node.value);
    if (node.kind === 'StringValue' || node.kind === 'EnumValue') return node.value;
    throw new TypeError('Quality is an integer 0–100 or a preset name');
  },
});

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});
