import type { CacheHint } from '@travel/subgraph-kit';

/** Reviews and what is computed from them change more often than the catalogue (300 s). */
export const reviewsHint = { maxAge: 60 } as const satisfies CacheHint;
