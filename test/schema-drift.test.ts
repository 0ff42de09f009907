// The committed migrations and prisma/schema.prisma must describe the same database, and the
// committed schema.graphql must be what the code builds. Both fail loudly when forgotten.
import fs from 'node:fs/promises';
import { buildSchema, lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations } from '../src/db/migrate.js';
import { getDatamodel } from '../src/generated/pothos-prisma-types.js';
import { schema } from '../src/schema/index.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

let database: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase();
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await applyMigrations(client);
});

afterAll(async () => {
  await client?.end();
  await database?.drop();
});

// Prisma scalar → the Postgres types its columns may have (native types like @db.Uuid included).
const columnTypes: Record<string, string[]> = {
  String: ['text', 'uuid', 'character varying'],
  Int: ['integer'],
  BigInt: ['bigint'],
  Float: ['double precision'],
  Boolean: ['boolean'],
  DateTime: ['timestamp with time zone', 'timestamp without time zone'],
  Json: ['jsonb'],
};

interface Column { table: string; column: string; type: string; udt: string; nullable: boolean }

/** What the Prisma schema says each table should hold, from the generated data model. */
async function expectedColumns(): Promise<Column[]> {
  const names = await fieldDatabaseNames();
  const { datamodel } = getDatamodel();
  const columns: Column[] = [];
  for (const [modelName, model] of Object.entries(datamodel.models)) {
    for (const field of model.fields) {
      if (field.kind === 'object') continue;
      const isEnum = field.kind === 'enum';
      columns.push({
        table: names.tables[modelName],
        column: names.fields[`${modelName}.${field.name}`] ?? field.name,
        type: field.isList ? 'ARRAY' : isEnum ? 'USER-DEFINED' : field.type,
        udt: isEnum ? field.type : '',
        // Prisma stores lists as nullable arrays.
        nullable: field.isList ? true : !field.isRequired,
      });
    }
  }
  return columns;
}

/** @@map and @map names, which the runtime data model of the generated client carries. */
async function fieldDatabaseNames(): Promise<{ tables: Record<string, string>; fields: Record<string, string> }> {
  const source = await fs.readFile(new URL('../src/generated/prisma/internal/class.ts', import.meta.url), 'utf8');
  const json = /config\.runtimeDataModel = JSON\.parse\((".*?")\)\n/.exec(source)![1];
  const runtime = JSON.parse(JSON.parse(json)) as { models: Record<string, { dbName: string | null; fields: Array<{ name: string; dbName?: string }> }> };
  const tables: Record<string, string> = {};
  const fields: Record<string, string> = {};
  for (const [model, { dbName, fields: modelFields }] of Object.entries(runtime.models)) {
    tables[model] = dbName ?? model;
    for (const field of modelFields) if (field.dbName) fields[`${model}.${field.name}`] = field.dbName;
  }
  return { tables, fields };
}

describe('database schema', () => {
  it('matches prisma/schema.prisma after applying the committed migrations', async () => {
    const expected = await expectedColumns();
    const tables = [...new Set(expected.map((column) => column.table))];
    const { rows } = await client.query<{ table_name: string; column_name: string; data_type: string; udt_name: string; is_nullable: string }>(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY table_name, column_name`);
    const actual = new Map(rows.map((row) => [`${row.table_name}.${row.column_name}`, row]));

    const problems: string[] = [];
    for (const column of expected) {
      const key = `${column.table}.${column.column}`;
      const row = actual.get(key);
      actual.delete(key);
      if (!row) { problems.push(`${key} is in the Prisma schema but no migration creates it`); continue; }
      const typeMatches = column.type === 'ARRAY' || column.type === 'USER-DEFINED'
        ? row.data_type === column.type && (column.udt === '' || row.udt_name === column.udt)
        : columnTypes[column.type]?.includes(row.data_type);
      if (!typeMatches) problems.push(`${key}: Prisma ${column.type}${column.udt ? ` ${column.udt}` : ''}, database ${row.data_type} (${row.udt_name})`);
      if ((row.is_nullable === 'YES') !== column.nullable) problems.push(`${key}: Prisma ${column.nullable ? 'optional' : 'required'}, database ${row.is_nullable === 'YES' ? 'NULL' : 'NOT NULL'}`);
    }
    for (const key of actual.keys()) problems.push(`${key} exists in the database but not in the Prisma schema`);
    const { rows: tableRows } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`);
    expect(tableRows.map((row) => row.table_name).sort()).toEqual(tables.sort());
    expect(problems).toEqual([]);
  });

  it('has the enum values of the Prisma schema', async () => {
    const prismaSchema = await fs.readFile(new URL('../prisma/schema.prisma', import.meta.url), 'utf8');
    const enums = [...prismaSchema.matchAll(/^enum (\w+) \{([^}]*)\}/gm)];
    expect(enums.length).toBeGreaterThan(0);
    for (const [, name, body] of enums) {
      const values = body.split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('//'));
      const { rows } = await client.query<{ value: string }>(
        `SELECT e.enumlabel AS value FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = $1 ORDER BY e.enumsortorder`, [name]);
      expect(rows.map((row) => row.value), `enum ${name}`).toEqual(values);
    }
  });

  it('applies each migration once, and refuses an edited one', async () => {
    expect(await applyMigrations(client)).toEqual([]);
    await client.query(`UPDATE "_prisma_migrations" SET checksum = 'edited'`);
    await expect(applyMigrations(client)).rejects.toThrow(/edited after it was applied/);
  });
});

describe('schema.graphql', () => {
  it('is what the code builds (run `npm run codegen` after changing the schema)', async () => {
    const committed = await fs.readFile(new URL('../schema.graphql', import.meta.url), 'utf8');
    const canonical = (built: GraphQLSchema) => printSchema(lexicographicSortSchema(built));
    expect(canonical(buildSchema(committed))).toBe(canonical(schema));
  });
});
