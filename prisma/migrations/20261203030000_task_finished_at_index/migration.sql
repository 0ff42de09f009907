-- CreateIndex
CREATE INDEX "task_finished_at_idx" ON "task"("finished_at");
