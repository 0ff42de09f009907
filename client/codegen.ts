// The client's types, generated from the server's committed schema.graphql (run from the repo
// root: `npm run codegen`, which writes schema.graphql first). Documents are strings, so the
// browser bundle carries no graphql-js.
import type { CodegenConfig } from '@graphql-codegen/cli';

/** Every custom scalar of schema.graphql; test/client-drift.test.ts fails on one missing here. */
export const clientScalars = {
  DateTime: 'string',
  JSON: 'unknown',
  // A multipart request's file: null in the variables, the bytes in their own part (see upload.ts).
  File: { input: 'null', output: 'never' },
  Quality: { input: "number | 'very_low' | 'low' | 'medium' | 'high' | 'very_high'", output: "number | 'very_low' | 'low' | 'medium' | 'high' | 'very_high'" },
};

export const clientOutput = 'client/src/generated/graphql.ts';

export const clientCodegenOutput = {
  plugins: ['typescript-operations', 'typed-document-node'],
  config: {
    useTypeImports: true,
    enumsAsTypes: true,
    documentMode: 'string',
    avoidOptionals: { field: true, inputValue: false },
    scalars: clientScalars,
  },
};

const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['client/src/operations/*.graphql'],
  generates: { [clientOutput]: clientCodegenOutput },
};

export default config;
