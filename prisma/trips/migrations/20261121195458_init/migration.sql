-- CreateEnum
CREATE TYPE "ItineraryItemKind" AS ENUM ('STAY', 'ACTIVITY', 'TRANSPORT', 'NOTE');

-- CreateTable
CREATE TABLE "trips" (
    "id" UUID NOT NULL,
    "owner_id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "destination" TEXT NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "trips_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "itinerary_items" (
    "id" UUID NOT NULL,
    "trip_id" UUID NOT NULL,
    "kind" "ItineraryItemKind" NOT NULL,
    "title" TEXT NOT NULL,
    "starts_at" TIMESTAMPTZ(3),
    "notes" TEXT,
    "booking_id" UUID,
    "hotel_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "seq" SERIAL NOT NULL,

    CONSTRAINT "itinerary_items_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "trips_owner_id_start_date_idx" ON "trips"("owner_id", "start_date");

-- CreateIndex
CREATE INDEX "itinerary_items_trip_id_starts_at_seq_idx" ON "itinerary_items"("trip_id", "starts_at", "seq");

-- AddForeignKey
ALTER TABLE "itinerary_items" ADD CONSTRAINT "itinerary_items_trip_id_fkey" FOREIGN KEY ("trip_id") REFERENCES "trips"("id") ON DELETE CASCADE ON UPDATE CASCADE;
