/** Middle value (the mean of the two middle ones for an even count); 0 for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** `a / b` as `1.23x`; `n/a` when either is missing or `b` is 0 (a peer that failed). */
export function formatRatio(a: number | undefined, b: number | undefined): string {
  if (a === undefined || b === undefined || !Number.isFinite(a) || !b) return 'n/a';
  return `${(a / b).toFixed(2)}x`;
}

/** CPU milliseconds per request, two decimals; `n/a` when no request completed. */
export function perRequest(cpuMs: number, requests: number): number | 'n/a' {
  return requests > 0 ? Math.round((100 * cpuMs) / requests) / 100 : 'n/a';
}
