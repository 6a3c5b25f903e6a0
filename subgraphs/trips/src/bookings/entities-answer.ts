// Codes with which a subgraph may refuse an entity instead of answering null for it: the
// booking is then as good as hidden. Any other error means bookings could not answer.
const HIDDEN_CODES = new Set(['FORBIDDEN', 'NOT_FOUND', 'UNAUTHENTICATED']);

interface Answer {
  data?: { _entities?: unknown[] } | null;
  errors?: { extensions?: { code?: unknown } }[];
}

/**
 * Reads bookings' answer to `_entities([Booking]) { guest { id } }`: the guest's id, null when
 * the booking is hidden from the caller or unknown, undefined when the answer is unusable.
 */
export function guestIdFromAnswer(answer: unknown): string | null | undefined {
  if (typeof answer !== 'object' || answer === null) return undefined;
  const { data, errors = [] } = answer as Answer;
  const entities = data?._entities;
  if (!Array.isArray(entities) || entities.length !== 1) return undefined;
  const entity = entities[0] as { guest?: { id?: unknown } } | null;
  if (entity === null) {
    const hidden = errors.every((error) => HIDDEN_CODES.has(String(error.extensions?.code)));
    return hidden ? null : undefined;
  }
  const id = entity.guest?.id;
  return typeof id === 'string' ? id : undefined;
}
