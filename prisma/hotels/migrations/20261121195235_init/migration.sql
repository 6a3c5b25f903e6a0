-- CreateTable
CREATE TABLE "hotels" (
    "id" UUID NOT NULL,
    "owner_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "city_key" TEXT NOT NULL,
    "country" CHAR(2) NOT NULL,
    "star_rating" SMALLINT NOT NULL,
    "amenities" TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "hotels_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "room_types" (
    "id" UUID NOT NULL,
    "hotel_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "max_guests" INTEGER NOT NULL,
    "total_rooms" INTEGER NOT NULL,
    "nightly_rate_amount" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "room_types_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reviews" (
    "id" UUID NOT NULL,
    "hotel_id" UUID NOT NULL,
    "author_id" UUID NOT NULL,
    "rating" SMALLINT NOT NULL,
    "comment" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reviews_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "hotels_owner_id_idx" ON "hotels"("owner_id");

-- CreateIndex
CREATE INDEX "hotels_city_key_id_idx" ON "hotels"("city_key", "id");

-- CreateIndex
CREATE INDEX "hotels_country_id_idx" ON "hotels"("country", "id");

-- CreateIndex
CREATE INDEX "hotels_star_rating_idx" ON "hotels"("star_rating");

-- CreateIndex
CREATE INDEX "room_types_hotel_id_idx" ON "room_types"("hotel_id");

-- CreateIndex
CREATE INDEX "room_types_max_guests_idx" ON "room_types"("max_guests");

-- CreateIndex
CREATE INDEX "room_types_nightly_rate_amount_idx" ON "room_types"("nightly_rate_amount");

-- CreateIndex
CREATE INDEX "reviews_hotel_id_id_idx" ON "reviews"("hotel_id", "id");

-- CreateIndex
CREATE INDEX "reviews_author_id_id_idx" ON "reviews"("author_id", "id");

-- AddForeignKey
ALTER TABLE "room_types" ADD CONSTRAINT "room_types_hotel_id_fkey" FOREIGN KEY ("hotel_id") REFERENCES "hotels"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_hotel_id_fkey" FOREIGN KEY ("hotel_id") REFERENCES "hotels"("id") ON DELETE CASCADE ON UPDATE CASCADE;
