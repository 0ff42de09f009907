-- AlterTable
ALTER TABLE "task" ADD COLUMN     "input_has_cover_art" BOOLEAN,
ADD COLUMN     "input_max_fps" DOUBLE PRECISION;
