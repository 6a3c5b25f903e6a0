-- AlterTable
ALTER TABLE "bookings" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;
