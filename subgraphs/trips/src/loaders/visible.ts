import { type Context, viewerOf } from '../context.ts';
import { assertTripOwner, canViewTrip } from '../domain/access.ts';
import type { ItineraryItem, Trip } from '../generated/prisma/client.ts';

// Entity resolution and Query.trip answer null, not an error, for what the viewer may not see:
// the same answer as for an unknown id, so probing ids reveals nothing.

/** The trip if the viewer may see it; null for others' trips, unknown and malformed ids alike. */
export async function visibleTrip(ctx: Context, id: string): Promise<Trip | null> {
  const trip = await ctx.loaders.tripById.load(id);
  return trip && canViewTrip(ctx.viewer, trip) ? trip : null;
}

/** The item if the viewer may see its trip; null otherwise. Two batched queries for N items. */
export async function visibleItem(ctx: Context, id: string): Promise<ItineraryItem | null> {
  const item = await ctx.loaders.itemById.load(id);
  return item && (await visibleTrip(ctx, item.tripId)) ? item : null;
}

/** The trip, for a change only its owner may make: NOT_FOUND or FORBIDDEN otherwise. */
export async function ownedTrip(ctx: Context, id: string): Promise<Trip> {
  return assertTripOwner(viewerOf(ctx), await ctx.loaders.tripById.load(id), 'Trip', id);
}
