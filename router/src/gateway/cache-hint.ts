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
export function cacheHintOf(header: string | undefined): CacheHint {
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
