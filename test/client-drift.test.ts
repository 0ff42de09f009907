// The client's committed generated types must be what the GraphQL Code Generator makes from the
// committed schema.graphql and client/src/operations, and every custom scalar must be mapped
// (an unmapped one comes out `any`). Regenerated in memory; nothing is written.
import fs from 'node:fs/promises';
import { generate } from '@graphql-codegen/cli';
import { buildSchema, isScalarType, isSpecifiedScalarType } from 'graphql';
import { describe, expect, it } from 'vitest';
import config, { clientOutput, clientScalars } from '../client/codegen.js';

const root = new URL('..', import.meta.url);
const fix = 'run `npm run codegen` at the repository root and commit client/src/generated/';

describe('client generated types', () => {
  it('are what codegen makes from schema.graphql and the client operations', async () => {
    const outputs: Array<{ filename: string; content: string }> = await generate({ ...config, cwd: root.pathname, silent: true }, false);
    const generated = outputs.find((output) => output.filename.endsWith(clientOutput));
    expect(generated, `codegen wrote no ${clientOutput}`).toBeDefined();
    const committed = await fs.readFile(new URL(clientOutput, root), 'utf8');
    expect(committed === generated!.content, `${clientOutput} differs from the schema and operations: ${fix}`).toBe(true);
  });

  it('map every custom scalar of schema.graphql', async () => {
    const schema = buildSchema(await fs.readFile(new URL('schema.graphql', root), 'utf8'));
    const custom = Object.values(schema.getTypeMap()).filter((type) => isScalarType(type) && !isSpecifiedScalarType(type)).map((type) => type.name);
    expect(custom.length).toBeGreaterThan(0);
    const unmapped = custom.filter((name) => !(name in clientScalars));
    expect(unmapped, `scalars with no TypeScript type in client/codegen.ts (clientScalars): ${unmapped.join(', ')}`).toEqual([]);
  });
});
