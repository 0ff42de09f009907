// Introspection off: a validation rule, so that it holds wherever an operation is validated
// (HTTP, SSE and the WebSocket, which goes through the same envelop). Yoga's own plugin acts in
// onRequestParse, which the WebSocket path never reaches.
import { NoSchemaIntrospectionCustomRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export function useNoIntrospection(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  };
}
