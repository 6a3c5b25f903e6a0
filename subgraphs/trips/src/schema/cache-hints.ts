import type { CacheHint } from '@travel/subgraph-kit';

/** Trips are one user's data: cached per verified user only, and briefly (they change often). */
export const tripsHint = { maxAge: 30, scope: 'PRIVATE' } as const satisfies CacheHint;
