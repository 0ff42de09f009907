-- AlterTable
ALTER TABLE "upload" ADD COLUMN     "input_secret" TEXT,
ADD COLUMN     "multipart_id" TEXT,
ADD COLUMN     "storage_key" TEXT;
