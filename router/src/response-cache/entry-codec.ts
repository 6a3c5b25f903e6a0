import type { CachedResponse } from './response-cache.ts';

/**
 * An entry as a hit hands it out: `bytes` is the body's UTF-8, what the fast path writes to the
 * socket as it is (no encoding per hit); `body` decodes them when read (a hit answered through
 * the pipeline), so an entry does not hold its body twice.
 */
export interface CachedHit extends CachedResponse {
  readonly bytes: Buffer;
}

/**
 * A hit of `meta` (policy, birth, cost) and the body's bytes. A class, not an object literal
 * spreading `meta` beside a getter: a Redis-backed hit makes one per request, and V8 builds a
 * class instance with a fixed shape where the literal took a slow copy and a dictionary object.
 */
class Hit implements CachedHit {
  readonly policy: CachedResponse['policy'];
  readonly storedAt: number;
  readonly cost: number | undefined;
  readonly bytes: Buffer;

  constructor(meta: Omit<CachedResponse, 'body'>, bytes: Buffer) {
    this.policy = meta.policy;
    this.storedAt = meta.storedAt;
    this.cost = meta.cost;
    this.bytes = bytes;
  }

  get body() {
    return this.bytes.toString('utf8');
  }
}

export const cachedHit = (meta: Omit<CachedResponse, 'body'>, bytes: Buffer): CachedHit =>
  new Hit(meta, bytes);

/**
 * An entry as stored in Redis: its policy, birth and cost as a JSON line, then the body as it
 * is. A hit parses the short line only; the body's bytes are sent as read, never decoded.
 */
export function toStored({ body, ...meta }: CachedResponse): string {
  return `${JSON.stringify(meta)}\n${body}`;
}

const NEWLINE = 10;

export function fromStored(value: Buffer | string): CachedHit {
  const bytes = typeof value === 'string' ? Buffer.from(value) : value;
  const end = bytes.indexOf(NEWLINE);
  return cachedHit(JSON.parse(bytes.toString('utf8', 0, end)), bytes.subarray(end + 1));
}

/** How the response cache turns an answer into a store's value and a value into a hit. */
export interface EntryCodec<V> {
  encode(response: CachedResponse): V;
  decode(value: V): CachedHit;
  /** The value's size in bytes, against RESPONSE_CACHE_MAX_ENTRY_BYTES and a store's bound. */
  sizeOf(value: V): number;
}

/**
 * Entries as bytes outside this process (Redis): the line of `toStored`, read back as a Buffer
 * whose body part is sent as it is. A string value (written, or read by a string client) is
 * encoded once when decoded.
 */
export const serializedEntries: EntryCodec<string | Buffer> = {
  encode: toStored,
  decode: fromStored,
  sizeOf: (value) => (typeof value === 'string' ? Buffer.byteLength(value) : value.length),
};

/** The policy, birth and cost of a held hit, about their size as a JSON line. */
const META_BYTES = 80;

/**
 * Entries kept in this process's memory as hits, decoded once when stored: a hit costs no
 * parse, no copy and no encoding, its bytes are written to the socket as they are.
 */
export const heldEntries: EntryCodec<CachedHit> = {
  encode: ({ body, ...meta }) => cachedHit(meta, Buffer.from(body)),
  decode: (hit) => hit,
  sizeOf: (hit) => hit.bytes.length + META_BYTES,
};

/**
 * Serialized entries, each Buffer decoded once while it lives: the near cache (near-store.ts)
 * hands out the same Buffer for every hit of an entry, which then costs no parse, no view of
 * its body and no hit object per request. Held weakly: an entry the near cache dropped takes
 * its hit with it.
 */
export function createDecodedOnceEntries(): EntryCodec<string | Buffer> {
  const decoded = new WeakMap<Buffer, CachedHit>();
  return {
    ...serializedEntries,
    decode(value) {
      if (typeof value === 'string') return fromStored(value);
      let hit = decoded.get(value);
      if (!hit) {
        hit = fromStored(value);
        decoded.set(value, hit);
      }
      return hit;
    },
  };
}
