// The console's committed generated types must be what the GraphQL Code Generator makes from the
// committed schema.graphql and console/src/operations, and the console must type-check against
// them (its operations are checked against the schema by codegen itself). Nothing is written.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config, { consoleOutput } from '../console/codegen.js';

const root = new URL('..', import.meta.url);
const fix = 'run `npm run codegen` at the repository root and commit console/src/generated/';
const run = promisify(execFile);

describe('console generated types', () => {
  it('are what codegen makes from schema.graphql and the console operations', async () => {
    const outputs: Array<{ filename: string; content: string }> = await generate({ ...config, cwd: root.pathname, silent: true }, false);
    const generated = outputs.find((output) => output.filename.endsWith(consoleOutput));
    expect(generated, `codegen wrote no ${consoleOutput}`).toBeDefined();
    const committed = await fs.readFile(new URL(consoleOutput, root), 'utf8');
    expect(committed === generated!.content, `${consoleOutput} differs from the schema and operations: ${fix}`).toBe(true);
  });

  it('type-check the console against them (tsc -p console)', async () => {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const result = await run(process.execPath, [tsc, '-p', 'console', '--noEmit'], { cwd: root.pathname }).then(
      () => ({ code: 0, output: '' }),
      (error: { code: number; stdout: string }) => ({ code: error.code, output: error.stdout }),
    );
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  }, 120_000);
});
