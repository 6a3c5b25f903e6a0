-- AlterTable
ALTER TABLE "trips" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;
