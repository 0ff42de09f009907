// Applies the committed Prisma migrations in-process at start-up. The Prisma CLI would need a
// native schema engine that cannot be downloaded offline; the SQL files are all it would run.
// Bookkeeping uses Prisma's own `_prisma_migrations` table, so `prisma migrate status` agrees.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

export const migrationsDir = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));

// Any constant works: it only has to be the same in every process that migrates this database.
const migrationLockId = 7_261_843_001;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export async function readMigrations(directory = migrationsDir): Promise<Migration[]> {
  const entries = await fs.readdir(directory, { withFileTypes: true });
  const names = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  return Promise.all(names.map(async (name) => {
    const sql = await fs.readFile(path.join(directory, name, 'migration.sql'), 'utf8');
    return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
  }));
}

/** For /health/ready: rejects naming the committed migrations the database has not applied. */
export async function checkMigrationsApplied(client: pg.Pool | pg.ClientBase, migrations: Migration[]): Promise<void> {
  const { rows } = await client.query<{ migration_name: string }>(
    'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL');
  const applied = new Set(rows.map((row) => row.migration_name));
  const missing = migrations.filter((migration) => !applied.has(migration.name)).map((migration) => migration.name);
  if (missing.length > 0) throw new Error(`migrations not applied: ${missing.join(', ')}`);
}

/** Brings the database up to date; returns the names of the migrations it applied. */
export async function applyMigrations(client: pg.ClientBase, migrations?: Migration[]): Promise<string[]> {
  const pending = migrations ?? await readMigrations();
  await client.query('SELECT pg_advisory_lock($1)', [migrationLockId]);
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      'SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL');
    const applied = new Map(rows.map((row) => [row.migration_name, row.checksum]));

    const appliedNow: string[] = [];
    for (const migration of pending) {
      const checksum = applied.get(migration.name);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) {
          throw new Error(`Migration ${migration.name} was edited after it was applied (checksum differs). Add a new migration instead.`);
        }
        continue;
      }
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), 1)`, [randomUUID(), migration.checksum, migration.name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
      }
      appliedNow.push(migration.name);
    }
    return appliedNow;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [migrationLockId]);
  }
}
