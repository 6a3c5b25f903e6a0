-- DropIndex
DROP INDEX "bookings_room_type_id_check_in_check_out_status_idx";

-- CreateIndex
CREATE INDEX "bookings_room_type_id_check_out_check_in_status_idx" ON "bookings"("room_type_id", "check_out", "check_in", "status");
