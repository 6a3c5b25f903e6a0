const MAX_LABEL_LENGTH = 64;

/** What a label value beyond its bound is reported as. */
export const OTHER = 'other';

/**
 * A caller-supplied value (a header, an operation name) as a metric label: characters outside
 * `[\w.-]` become `_`, at most 64 characters, `fallback` when absent or empty. Labels end up
 * in Prometheus series names.
 */
export function sanitizeLabel(
  value: string | string[] | null | undefined,
  fallback = 'unknown',
): string {
  const text = (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
  const label = text.replace(/[^\w.-]/g, '_').slice(0, MAX_LABEL_LENGTH);
  return label === '' ? fallback : label;
}

/**
 * Admits at most `max` distinct keys, first come first kept, for the life of the process:
 * values callers choose must not grow the number of series without bound (each one costs
 * Prometheus memory on every scrape). A key already admitted stays admitted.
 */
export function createBoundedSet(max: number): { admit(key: string): boolean } {
  const seen = new Set<string>();
  return {
    admit(key) {
      if (seen.has(key)) return true;
      if (seen.size >= max) return false;
      seen.add(key);
      return true;
    },
  };
}
