-- AlterTable
ALTER TABLE "task" ADD COLUMN     "worker_key" INTEGER;
