-- AlterTable
ALTER TABLE "task" ADD COLUMN "owner" TEXT;

-- CreateIndex
CREATE INDEX "task_owner_idx" ON "task"("owner");
