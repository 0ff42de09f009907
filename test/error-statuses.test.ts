// The HTTP side of the README's error table (GraphQL over HTTP): a non-200 status only when the
// whole request is refused before execution and the client accepts
// application/graphql-response+json; otherwise 200 with the error and its extensions.code.
import { print } from 'graphql';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CreateTaskDocument } from './generated/graphql.js';
import { startTestServer, type TestServer } from './support/test-server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ API_KEYS: 'alice:alice-key-0123456789abcdef' });
});

afterAll(async () => {
  await server?.stop();
});

const key = 'Bearer alice-key-0123456789abcdef';

async function post(body: unknown, headers: Record<string, string>) {
  const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const json = await response.json() as { errors?: Array<{ extensions?: Record<string, unknown> }> };
  return { status: response.status, code: json.errors?.[0]?.extensions?.code };
}

const graphqlResponse = 'application/graphql-response+json';
const plainJson = 'application/json';

it.each([
  ['a syntax error', { query: 'query {' }, key, 'GRAPHQL_PARSE_FAILED', 400, 200],
  ['an unknown field', { query: 'query { nope }' }, key, 'GRAPHQL_VALIDATION_FAILED', 400, 200],
  ['a wrong variable type', { query: print(CreateTaskDocument), variables: { input: { kind: 'NOPE' } } }, key, 'BAD_USER_INPUT', 400, 200],
  ['a bad option, refused by the resolver', { query: print(CreateTaskDocument), variables: { input: { kind: 'IMAGE', url: 'ftp://x' } } }, key, 'BAD_USER_INPUT', 200, 200],
  ['no API key', { query: '{ kinds { kind } }' }, '', 'UNAUTHENTICATED', 401, 200],
] as const)('%s: %s', async (_name, body, authorization, code, statusForGraphqlResponse, statusForJson) => {
  const headers: Record<string, string> = authorization ? { authorization } : {};
  expect(await post(body, { ...headers, accept: graphqlResponse })).toEqual({ status: statusForGraphqlResponse, code });
  expect(await post(body, { ...headers, accept: plainJson })).toEqual({ status: statusForJson, code });
});
