// A throw-away database (per test file, or per benchmark section) on the Postgres server of TEST_DATABASE_URL / DATABASE_URL
// (default: the local server at 127.0.0.1:5432, database test).
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const databaseServerUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** `prefix` names what the database is for (tests, the benchmark), for whoever lists databases. */
export async function createTestDatabase(prefix = 'mt_test'): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await withAdmin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(databaseServerUrl);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    drop: () => withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}),
  };
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseServerUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
