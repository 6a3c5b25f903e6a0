/** A cache hint for Apollo's `overallCachePolicy.restrict`. */
export interface CacheHint {
  maxAge: number;
  scope?: 'PUBLIC' | 'PRIVATE';
}

/**
 * A subgraph's `Cache-Control` header as a hint, the way @apollo/gateway's
 * RemoteGraphQLDataSource reads it: no `max-age` means uncacheable (0), `private`/`public` set
 * the scope.
 */
export function cacheHintOf(header: string | undefined): Readonly<CacheHint> {
  if (!header) return NO_HINT;
  let hint = parsed.get(header);
  if (!hint) {
    hint = Object.freeze(parseCacheHint(header));
    // Subgraphs send a handful of distinct headers; a caller sending many only resets this.
    if (parsed.size >= MAX_PARSED) parsed.clear();
    parsed.set(header, hint);
  }
  return hint;
}

const NO_HINT: Readonly<CacheHint> = Object.freeze({ maxAge: 0 });
const MAX_PARSED = 256;
/** Headers already parsed (the same few on every subgraph answer), frozen: callers only read. */
const parsed = new Map<string, Readonly<CacheHint>>();

function parseCacheHint(header: string | undefined): CacheHint {
  const hint: CacheHint = { maxAge: 0 };
  if (!header) return hint;
  let isPrivate = false;
  let isPublic = false;
  for (const part of header.split(',')) {
    const [name = '', value] = part
      .trim()
      .split('=', 2)
      .map((s) => s.trim());
    const directive = name.toLowerCase();
    if (directive === 'max-age' && value !== undefined) {
      const unquoted = value.replace(/^"|"$/g, '');
      if (/^[0-9]+$/.test(unquoted)) hint.maxAge = Number(unquoted);
    } else if (directive === 'private' && value === undefined) {
      isPrivate = true;
    } else if (directive === 'public' && value === undefined) {
      isPublic = true;
    }
  }
  // As Apollo's: `public` wins over `private` when a header says both.
  if (isPrivate) hint.scope = 'PRIVATE';
  if (isPublic) hint.scope = 'PUBLIC';
  return hint;
}
