/**
 * Kubernetes' strategic merge patch, as far as these manifests use it: maps merge key by
 * key, `null` deletes a key, and a list of objects merges item by item on its merge key
 * (the keys Kubernetes' own schema declares for the fields below); any other list is
 * replaced. `$patch`/`$retainKeys` directives are refused rather than misapplied.
 */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  ports: 'containerPort',
  imagePullSecrets: 'name',
};

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function strategicMerge(target: unknown, patch: unknown, field = ''): unknown {
  if (isMap(patch)) {
    for (const key of Object.keys(patch)) {
      if (key.startsWith('$')) throw new Error(`strategic merge directive ${key} not supported`);
    }
    if (!isMap(target)) return strip(patch);
    const merged: Record<string, unknown> = { ...target };
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete merged[key];
      else merged[key] = key in merged ? strategicMerge(merged[key], value, key) : value;
    }
    return merged;
  }
  const mergeKey = MERGE_KEYS[field];
  if (Array.isArray(patch) && Array.isArray(target) && mergeKey) {
    const merged = [...target];
    for (const item of patch) {
      if (!isMap(item) || !(mergeKey in item))
        throw new Error(`${field}: item without ${mergeKey}`);
      const at = merged.findIndex(
        (existing) => isMap(existing) && existing[mergeKey] === item[mergeKey],
      );
      if (at === -1) merged.push(item);
      else merged[at] = strategicMerge(merged[at], item, '');
    }
    return merged;
  }
  return patch;
}

/** A new key's value, with the patch's `null`s (deletions of nothing) removed. */
function strip(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null));
}
