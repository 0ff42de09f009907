// Which errors mean "the database is unavailable, retry": real ones, raised by node-postgres and
// by Prisma (which keeps the driver's error in meta) against a real server.
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../src/db/connection-errors.js';
import { connectDatabase, type Database } from '../src/db/database.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { findFreePort } from './support/server-process.js';

let testDatabase: TestDatabase;
let database: Database;

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  database = connectDatabase(testDatabase.url);
});

afterAll(async () => {
  await database?.close();
  await testDatabase?.drop();
});

it('a session terminated by the server (57P01), seen through Prisma, is unavailable', async () => {
  const marker = `pg_sleep_${Date.now()}`;
  const sleeping = database.prisma.$queryRawUnsafe(`SELECT pg_sleep(30) AS ${marker}`).then(() => null, (error: unknown) => error);
  const admin = new pg.Client({ connectionString: testDatabase.url });
  await admin.connect();
  try {
    for (let terminated = 0; terminated === 0;) {
      ({ rowCount: terminated } = await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE $1 AND pid <> pg_backend_pid()`, [`%${marker}%`]) as { rowCount: number });
      if (terminated === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await admin.end();
  }
  const error = await sleeping as { code?: string; message: string };
  expect(error.message).toMatch(/57P01/);
  expect(isDatabaseUnavailable(error)).toBe(true);
});

it('a refused connection is unavailable; a bad statement is not', async () => {
  const closedPort = await findFreePort();
  const refused = await new pg.Client({ connectionString: `postgresql://postgres@127.0.0.1:${closedPort}/none` }).connect().then(() => null, (error: unknown) => error);
  expect(isDatabaseUnavailable(refused)).toBe(true);
  const badStatement = await database.prisma.$queryRawUnsafe('SELECT no_such_column FROM task').then(() => null, (error: unknown) => error);
  expect(badStatement).not.toBeNull();
  expect(isDatabaseUnavailable(badStatement)).toBe(false);
  const badPg = await database.pool.query('SELECT 1/0').then(() => null, (error: unknown) => error);
  expect(isDatabaseUnavailable(badPg)).toBe(false);
});
