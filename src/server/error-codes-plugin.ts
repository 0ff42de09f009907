// Gives an extensions.code to errors that our resolvers did not raise: invalid variables (a
// wrong enum value, a missing required field) and malformed ids or cursors are BAD_USER_INPUT,
// other document problems GRAPHQL_VALIDATION_FAILED.
import type { Plugin } from 'graphql-yoga';
import { createGraphQLError } from 'graphql-yoga';
import type { GraphQLError } from 'graphql';

const invalidVariable = /^Variable "\$\w+" got invalid value .*? at "(?:\w+\.)?([^"]+)"/;

function withCode(error: GraphQLError, code: string, field?: string): GraphQLError {
  // A status yoga chose (400 for a refused request) applies where the client accepts
  // application/graphql-response+json; GraphQL over HTTP wants 200 for application/json.
  const http = error.extensions?.http as Record<string, unknown> | undefined;
  return createGraphQLError(error.message, {
    nodes: error.nodes, source: error.source, positions: error.positions, path: error.path,
    extensions: { ...error.extensions, code, ...(field && { field }), ...(http && { http: { ...http, spec: true } }) },
  });
}

export function useErrorCodes(): Plugin {
  return {
    onValidate: () => ({ result, setResult }) => {
      if (result.length > 0) setResult(result.map((error) => error.extensions?.code ? error : withCode(error, 'GRAPHQL_VALIDATION_FAILED')));
    },
    onExecute: () => ({
      onExecuteDone: ({ result, setResult }) => {
        if (!('errors' in result) || !result.errors?.length) return;
        // No data at all means execution stopped at variable coercion.
        const coercionFailed = result.data === undefined;
        setResult({ ...result, errors: result.errors.map((error) => codeFor(error, coercionFailed)) });
      },
    }),
  };
}

function codeFor(error: GraphQLError, coercionFailed: boolean): GraphQLError {
  if (error.extensions?.code) return error;
  // Pothos refuses malformed global ids and cursors with its own error class.
  if (isPothosValidationError(error)) return withCode(error, 'BAD_USER_INPUT');
  if (coercionFailed && error.message.startsWith('Variable "$')) return withCode(error, 'BAD_USER_INPUT', invalidVariable.exec(error.message)?.[1]);
  return error;
}

function isPothosValidationError(error: GraphQLError): boolean {
  return error.name === 'PothosValidationError' || (error.originalError as Error | undefined)?.name === 'PothosValidationError';
}
