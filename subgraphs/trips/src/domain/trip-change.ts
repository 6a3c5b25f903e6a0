import type { EntityChangeInput } from '@travel/service-kit';

/**
 * What a change of a trip or its itinerary tells the router (DESIGN decision 14): the trip at
 * its new version, followed by its owner; a new or deleted trip (`listed`) also makes the
 * owner's cached trip list stale and joins or leaves the lists of trips.
 */
export function tripChange(
  trip: { id: string; ownerId: string; version: number },
  options: { listed?: boolean; invalidates?: string[] } = {},
): EntityChangeInput {
  return {
    entity: `Trip:${trip.id}`,
    version: trip.version,
    audience: [`User:${trip.ownerId}`],
    invalidates: [
      ...(options.listed ? [`User:${trip.ownerId}`] : []),
      ...(options.invalidates ?? []),
    ],
    lists: options.listed ? ['Trip'] : [],
  };
}
