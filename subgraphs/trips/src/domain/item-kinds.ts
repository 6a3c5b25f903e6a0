/** The GraphQL enum ItineraryItemKind and the Prisma enum share these values. */
export const ITINERARY_ITEM_KINDS = ['STAY', 'ACTIVITY', 'TRANSPORT', 'NOTE'] as const;
export type ItineraryItemKind = (typeof ITINERARY_ITEM_KINDS)[number];
