import pg from 'pg';

/** Runs one statement on a stack's database (tests check what was stored, not what was said). */
export async function queryDatabase<T extends Record<string, unknown>>(
  url: string,
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/**
 * Non-cancelled bookings of a room type on each night of `[from, to)` (dates `YYYY-MM-DD`),
 * counted the way an auditor would, independently of the subgraph's own query.
 */
export async function bookedPerNight(
  bookingsUrl: string,
  roomTypeId: string,
  from: string,
  to: string,
): Promise<{ night: string; booked: number }[]> {
  return queryDatabase<{ night: string; booked: number }>(
    bookingsUrl,
    `SELECT to_char(night, 'YYYY-MM-DD') AS night, count(b.id)::int AS booked
       FROM generate_series($2::date, $3::date - 1, interval '1 day') AS night
       LEFT JOIN bookings b
         ON b.room_type_id = $1::uuid AND b.status <> 'CANCELLED'
        AND b.check_in <= night AND b.check_out > night
      GROUP BY night ORDER BY night`,
    [roomTypeId, from, to],
  );
}
