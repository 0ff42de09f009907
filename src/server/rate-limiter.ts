// A token bucket per caller (API key owner, or client address) for createTask, kept in Postgres
// so that every API process draws on the same budget: RATE_LIMIT_PER_MINUTE holds for the whole
// deployment, however many processes serve it. Time is the database's clock, the same for all.
import type pg from 'pg';

/** A bucket refills completely within a minute, and a full bucket needs no row. */
const pruneEveryMs = 60_000;

export class RateLimiter {
  private lastPrune = 0;

  constructor(private readonly pool: pg.Pool, private readonly perMinute: number) {}

  /**
   * Takes one token; resolves 0 when allowed, else the whole seconds until one is available.
   * `at` replaces the database clock (tests). Rejects when the database cannot be reached.
   */
  async take(caller: string, at: Date | null = null): Promise<number> {
    const { rows } = await this.pool.query<{ waitSeconds: number }>(takeToken, [caller, this.perMinute, at]);
    this.pruneNowAndThen();
    return rows[0].waitSeconds;
  }

  /** Deletes the buckets idle for a minute (full again, like no row); returns how many. */
  async prune(): Promise<number> {
    const { rowCount } = await this.pool.query(deleteFullBuckets);
    return rowCount ?? 0;
  }

  /** At most once a minute per process, off the request's path; a failure waits for the next. */
  private pruneNowAndThen(): void {
    if (Date.now() - this.lastPrune < pruneEveryMs) return;
    this.lastPrune = Date.now();
    this.prune().catch(() => {});
  }
}

// One statement refills and takes, under the row's lock, so concurrent takes from any process
// serialize. `tokens` is the balance after the caller's last request, taken or not: a refused
// request leaves it below 0 (the token it would have taken counted back, +1, on the next take),
// which is how RETURNING tells a refusal apart without the row as it was before.
// $1 caller, $2 tokens per minute (also the bucket's size), $3 the time (null: now()).
const takeToken = `
  INSERT INTO rate_limit_bucket AS b (caller, tokens, updated_at)
  VALUES ($1, $2::float8 - 1, coalesce($3::timestamptz, now()))
  ON CONFLICT (caller) DO UPDATE SET
    tokens = least($2::float8,
      b.tokens + CASE WHEN b.tokens < 0 THEN 1 ELSE 0 END
      + greatest(0, extract(epoch FROM excluded.updated_at - b.updated_at)::float8) * $2::float8 / 60) - 1,
    updated_at = greatest(b.updated_at, excluded.updated_at)
  RETURNING CASE WHEN tokens >= 0 THEN 0 ELSE ceil(-tokens * 60 / $2::float8)::int END AS "waitSeconds"`;

const deleteFullBuckets = `DELETE FROM rate_limit_bucket WHERE updated_at < now() - interval '1 minute'`;
