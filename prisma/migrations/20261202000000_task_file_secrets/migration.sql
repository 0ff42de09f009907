-- File URLs carry a secret of the task's instead of its id (a UUIDv7 has only 62 random bits):
-- one for its outputs, another for its input. The default fills existing rows, each with its
-- own value (two v4 UUIDs from Postgres's strong random source: 244 random bits, base64url);
-- new tasks get theirs from the application (src/storage/storage.ts, 256 bits).
ALTER TABLE "task"
  ADD COLUMN "input_secret" TEXT NOT NULL DEFAULT translate(encode(decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'), 'base64'), '+/=', '-_'),
  ADD COLUMN "output_secret" TEXT NOT NULL DEFAULT translate(encode(decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'), 'base64'), '+/=', '-_');
ALTER TABLE "task" ALTER COLUMN "input_secret" DROP DEFAULT, ALTER COLUMN "output_secret" DROP DEFAULT;
