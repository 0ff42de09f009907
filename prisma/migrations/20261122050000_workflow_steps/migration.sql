-- AlterTable
ALTER TABLE "task" ADD COLUMN     "depends_on" UUID,
ADD COLUMN     "released_at" TIMESTAMPTZ(3),
ADD COLUMN     "step_ref" TEXT;

-- CreateIndex
CREATE INDEX "task_depends_on_idx" ON "task"("depends_on");

-- AddForeignKey
ALTER TABLE "task" ADD CONSTRAINT "task_depends_on_fkey" FOREIGN KEY ("depends_on") REFERENCES "task"("id") ON DELETE SET NULL ON UPDATE CASCADE;
