/** A metric family as a service exposes it at `/metrics`. */
export interface ExposedMetric {
  type: string;
  /** Label names seen on its samples (none when it has no sample yet). */
  labels: Set<string>;
}

/**
 * The metric families of a Prometheus text exposition, by every name a query can use: a
 * histogram `x` is queried as `x_bucket`, `x_sum`, `x_count`, a summary as `x`, `x_sum`,
 * `x_count`. Families are declared by their `# TYPE` line, with or without samples.
 */
export function exposedMetrics(text: string): Map<string, ExposedMetric> {
  const families = new Map<string, ExposedMetric>();
  const byName = new Map<string, ExposedMetric>();
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type) {
      const [, name = '', kind = ''] = type;
      const family = { type: kind, labels: new Set<string>() };
      families.set(name, family);
      const suffixes =
        kind === 'histogram'
          ? ['_bucket', '_sum', '_count']
          : kind === 'summary'
            ? ['', '_sum', '_count']
            : [''];
      for (const suffix of suffixes) byName.set(name + suffix, family);
      continue;
    }
    const sample = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? /.exec(line);
    if (!sample) continue;
    const family = byName.get(sample[1] ?? '');
    for (const [, label] of (sample[2] ?? '').matchAll(/([a-zA-Z_]\w*)="/g)) {
      if (label) family?.labels.add(label);
    }
  }
  return byName;
}
