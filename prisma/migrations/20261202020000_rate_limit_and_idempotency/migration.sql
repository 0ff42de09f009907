-- createTask's rate limit, one token bucket per caller shared by every API process
-- (src/server/rate-limiter.ts). A bucket idle for a minute is full, so its row is deleted.
CREATE TABLE "rate_limit_bucket" (
    "caller" TEXT NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "rate_limit_bucket_pkey" PRIMARY KEY ("caller")
);

-- What the request that first used the task's idempotency key looked like
-- (src/pipeline/idempotency.ts); null for tasks without a key, and for keys used before this.
ALTER TABLE "task" ADD COLUMN "idempotency_fingerprint" JSONB;
