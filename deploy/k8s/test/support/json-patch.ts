/** RFC 6902 `add`, `replace` and `remove` (Kustomize's inline `patch:` with a target). */
export type JsonPatchOperation =
  | { op: 'add' | 'replace'; path: string; value: unknown }
  | { op: 'remove'; path: string };

export function applyJsonPatch(document: unknown, operations: JsonPatchOperation[]): void {
  for (const operation of operations) {
    if (!['add', 'replace', 'remove'].includes(operation.op)) {
      throw new Error(`json patch: op ${operation.op} not supported`);
    }
    const tokens = operation.path
      .split('/')
      .slice(1)
      .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
    const last = tokens.pop();
    if (last === undefined) throw new Error(`json patch: can not ${operation.op} the root`);
    let parent = document as Record<string, unknown>;
    for (const token of tokens) {
      const next = parent?.[token];
      if (typeof next !== 'object' || next === null) {
        throw new Error(`json patch: ${operation.path} does not exist`);
      }
      parent = next as Record<string, unknown>;
    }
    if (Array.isArray(parent)) {
      const index = last === '-' ? parent.length : Number(last);
      if (!Number.isInteger(index) || index < 0 || index > parent.length) {
        throw new Error(`json patch: bad index in ${operation.path}`);
      }
      if (operation.op === 'add') parent.splice(index, 0, operation.value);
      else if (index >= parent.length) throw new Error(`json patch: ${operation.path} missing`);
      else if (operation.op === 'replace') parent[index] = operation.value;
      else parent.splice(index, 1);
    } else if (operation.op === 'add') {
      parent[last] = operation.value;
    } else if (!(last in parent)) {
      throw new Error(`json patch: ${operation.path} does not exist`);
    } else if (operation.op === 'replace') {
      parent[last] = operation.value;
    } else {
      delete parent[last];
    }
  }
}
