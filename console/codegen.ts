// The console's types, generated from the committed schema.graphql and console/src/operations
// (run from the repo root: `npm run codegen`). The same settings as the client's, so the
// documents are strings the client's request() and subscribe() take.
import type { CodegenConfig } from '@graphql-codegen/cli';
import { clientCodegenOutput } from '../client/codegen.js';

export const consoleOutput = 'console/src/generated/graphql.ts';

const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['console/src/operations/*.graphql'],
  generates: { [consoleOutput]: clientCodegenOutput },
};

export default config;
