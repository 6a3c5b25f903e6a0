-- The availability count and the reservation, in the database: a booking takes its room type's
-- lock, counts and inserts in ONE round trip (a statement in its own transaction) instead of
-- four (BEGIN, lock, reserve, COMMIT), so the lock is held for the statement and its commit
-- only, and the availability read counts with the same SQL.

-- For each room type, the most rooms PENDING or CONFIRMED bookings hold on any one night of
-- [arrival, departure); room types without bookings answer 0. `generate_series` lists the
-- nights; the (room_type_id, check_out, check_in, status) index finds the bookings overlapping
-- the stay (those leaving after its first night), so a count does not grow with the room
-- type's past. A plain SQL function: PostgreSQL inlines it into the query that calls it.
CREATE FUNCTION booked_rooms_peak(room_type_ids uuid[], arrival date, departure date)
RETURNS TABLE (room_type_id uuid, peak int)
LANGUAGE sql STABLE
AS $$
  SELECT r.id, coalesce(max(per_night.booked), 0)::int
  FROM unnest(room_type_ids) AS r(id)
  CROSS JOIN LATERAL (
    SELECT count(b.id) AS booked
    FROM generate_series(arrival, departure - 1, interval '1 day') AS night(day)
    LEFT JOIN bookings b
      ON b.room_type_id = r.id
     AND b.check_out > arrival
     AND b.check_in < departure
     AND b.status IN ('PENDING', 'CONFIRMED')
     AND b.check_in <= night.day::date
     AND b.check_out > night.day::date
    GROUP BY night.day
  ) per_night
  GROUP BY r.id
$$;

-- Inserts a PENDING booking unless a night of its stay is full, never overbooking however
-- many requests race: it takes a transaction-scoped advisory lock on the room type (bookings
-- of one room type queue here, others do not wait; a wait longer than lock_timeout fails),
-- then ONE query, which in a VOLATILE function takes its snapshot after the lock (it sees
-- every booking committed before), looks the guest's idempotency key up, counts every night
-- and inserts only if neither the key is known nor a night full (a retry that waited on the
-- lock finds the first booking, not the nights it filled). The caller's transaction (its
-- statement, when it runs alone) releases the lock.
-- One row: the stay's peak, and the booking `created` or found by the key (`existing`); the
-- outcome and the booking are null when neither (a full night, or the key taken meanwhile by
-- a racing request for another room type, whose insert stands).
CREATE FUNCTION reserve_booking(
  new_id uuid, new_guest_id uuid, new_room_type_id uuid, new_hotel_id uuid,
  new_hotel_owner_id uuid, new_check_in date, new_check_out date, new_guests smallint,
  new_total_price_amount int, new_currency char(3), new_idempotency_key varchar(200),
  new_hold_expires_at timestamptz, new_created_at timestamptz, total_rooms int
)
RETURNS TABLE (outcome text, peak int, booking bookings)
LANGUAGE plpgsql VOLATILE
SET lock_timeout = '10s'
AS $$
BEGIN
  -- 25195 ("bk"): the first key of our two-key locks, apart from anyone else's.
  PERFORM pg_advisory_xact_lock(25195, hashtext(new_room_type_id::text));
  RETURN QUERY
  WITH existing AS (
    SELECT b FROM bookings b
    WHERE b.guest_id = new_guest_id AND b.idempotency_key = new_idempotency_key
  ), stay AS (
    SELECT p.peak FROM booked_rooms_peak(ARRAY[new_room_type_id], new_check_in, new_check_out) p
  ), inserted AS (
    INSERT INTO bookings AS b (id, guest_id, room_type_id, hotel_id, hotel_owner_id, check_in,
      check_out, guests, status, total_price_amount, currency, idempotency_key,
      hold_expires_at, created_at, updated_at)
    SELECT new_id, new_guest_id, new_room_type_id, new_hotel_id, new_hotel_owner_id,
      new_check_in, new_check_out, new_guests, 'PENDING', new_total_price_amount, new_currency,
      new_idempotency_key, new_hold_expires_at, new_created_at, new_created_at
    WHERE NOT EXISTS (SELECT FROM existing) AND (SELECT s.peak FROM stay s) < total_rooms
    ON CONFLICT (guest_id, idempotency_key) DO NOTHING
    RETURNING b
  )
  SELECT o.outcome, s.peak, o.booking FROM stay s LEFT JOIN (
    SELECT 'created'::text AS outcome, i.b AS booking FROM inserted i
    UNION ALL SELECT 'existing', e.b FROM existing e
  ) o ON true;
END
$$;
