-- CreateEnum
CREATE TYPE "BookingStatus" AS ENUM ('PENDING', 'CONFIRMED', 'CANCELLED');

-- CreateTable
CREATE TABLE "bookings" (
    "id" UUID NOT NULL,
    "guest_id" UUID NOT NULL,
    "room_type_id" UUID NOT NULL,
    "hotel_id" UUID NOT NULL,
    "hotel_owner_id" UUID NOT NULL,
    "check_in" DATE NOT NULL,
    "check_out" DATE NOT NULL,
    "guests" SMALLINT NOT NULL,
    "status" "BookingStatus" NOT NULL DEFAULT 'PENDING',
    "total_price_amount" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "idempotency_key" VARCHAR(200) NOT NULL,
    "hold_expires_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "bookings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "bookings_guest_id_id_idx" ON "bookings"("guest_id", "id");

-- CreateIndex
CREATE INDEX "bookings_hotel_id_idx" ON "bookings"("hotel_id");

-- CreateIndex
CREATE INDEX "bookings_hotel_owner_id_idx" ON "bookings"("hotel_owner_id");

-- CreateIndex
CREATE INDEX "bookings_room_type_id_check_in_check_out_status_idx" ON "bookings"("room_type_id", "check_in", "check_out", "status");

-- CreateIndex
CREATE INDEX "bookings_status_hold_expires_at_idx" ON "bookings"("status", "hold_expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "bookings_guest_id_idempotency_key_key" ON "bookings"("guest_id", "idempotency_key");
