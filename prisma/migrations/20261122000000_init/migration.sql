-- CreateEnum
CREATE TYPE "TaskStatus" AS ENUM ('WAITING', 'VALIDATING', 'QUEUED', 'PROCESSING', 'FINISHING', 'SUCCEEDED', 'FAILED', 'CANCELLED');

-- CreateTable
CREATE TABLE "task" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "status" "TaskStatus" NOT NULL DEFAULT 'WAITING',
    "url" TEXT,
    "input_key" TEXT,
    "options" JSONB NOT NULL DEFAULT '{}',
    "metadata" JSONB,
    "webhook_url" TEXT,
    "idempotency_key" TEXT,
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "estimated_time" TIMESTAMPTZ(3),
    "result" JSONB,
    "error_code" TEXT,
    "error_message" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "job_id" TEXT,
    "input_filename" TEXT,
    "input_mime_type" TEXT,
    "input_container" TEXT,
    "input_size" BIGINT,
    "input_duration" DOUBLE PRECISION,
    "input_width" INTEGER,
    "input_height" INTEGER,
    "input_fps" DOUBLE PRECISION,
    "input_bitrate" INTEGER,
    "input_video_codec" TEXT,
    "input_audio_codec" TEXT,
    "input_rotation" INTEGER,
    "input_has_audio" BOOLEAN,
    "input_has_video" BOOLEAN,
    "parent_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "task_event" (
    "id" BIGSERIAL NOT NULL,
    "task_id" UUID NOT NULL,
    "status" "TaskStatus" NOT NULL,
    "attempt" INTEGER NOT NULL,
    "message" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "task_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "task_output" (
    "id" UUID NOT NULL,
    "task_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "storage_key" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "mime_type" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "width" INTEGER,
    "height" INTEGER,
    "duration" DOUBLE PRECISION,
    "fps" DOUBLE PRECISION,
    "bitrate" INTEGER,
    "codecs" TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "task_output_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "task_idempotency_key_key" ON "task"("idempotency_key");

-- CreateIndex
CREATE INDEX "task_status_idx" ON "task"("status");

-- CreateIndex
CREATE INDEX "task_kind_idx" ON "task"("kind");

-- CreateIndex
CREATE INDEX "task_created_at_idx" ON "task"("created_at");

-- CreateIndex
CREATE INDEX "task_updated_at_idx" ON "task"("updated_at");

-- CreateIndex
CREATE INDEX "task_parent_id_idx" ON "task"("parent_id");

-- CreateIndex
CREATE INDEX "task_event_task_id_id_idx" ON "task_event"("task_id", "id");

-- CreateIndex
CREATE INDEX "task_output_task_id_idx" ON "task_output"("task_id");

-- AddForeignKey
ALTER TABLE "task" ADD CONSTRAINT "task_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_event" ADD CONSTRAINT "task_event_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_output" ADD CONSTRAINT "task_output_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE CASCADE ON UPDATE CASCADE;
