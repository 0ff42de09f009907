-- AlterTable
ALTER TABLE "task" ADD COLUMN     "trace_context" JSONB;
