/** The parts of a V8 `.cpuprofile` (what `--cpu-prof` writes) a summary reads. */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
    children?: number[];
  }[];
  samples: number[];
  /** Microseconds before each sample. */
  timeDeltas: number[];
}

export interface Share {
  name: string;
  /** Of the busy time (idle excluded): 0–1. */
  share: number;
}

export interface ProfileSummary {
  /** Sampled non-idle time, ms. */
  busyMs: number;
  /** Self time by package (node_modules name, workspace folder, `node:` or `(native)`). */
  packages: Share[];
  /** Self time by function (`name package:line:column`). */
  self: Share[];
  /** Time with the function anywhere on the (synchronous) stack. */
  inclusive: Share[];
}

/**
 * Where a profiled process spent its CPU, from the first sample whose stack holds `from` (the
 * first request: start-up and module loading are left out), by package and by function.
 * Most request work runs in microtasks, so inclusive time is that of the synchronous stack.
 */
export function summarizeProfile(profile: CpuProfile, from = 'serveGraphQL'): ProfileSummary {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parents.set(child, node.id);
  const stackOf = (id: number) => {
    const stack: CpuProfile['nodes'] = [];
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      const node = nodes.get(at);
      if (node) stack.push(node);
    }
    return stack;
  };
  const start = profile.samples.findIndex((id) =>
    stackOf(id).some((node) => node.callFrame.functionName === from),
  );
  const packages = new Map<string, number>();
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const add = (into: Map<string, number>, key: string, us: number) =>
    into.set(key, (into.get(key) ?? 0) + us);
  let busy = 0;
  for (let i = Math.max(start, 0); i < profile.samples.length; i++) {
    // A sample's time is the delta before the next one.
    const us = profile.timeDeltas[i + 1] ?? 0;
    const stack = stackOf(profile.samples[i] as number);
    const [top] = stack;
    if (!top || top.callFrame.functionName === '(idle)') continue;
    busy += us;
    add(packages, packageOf(top.callFrame.url), us);
    add(self, functionOf(top), us);
    for (const name of new Set(stack.map(functionOf))) add(inclusive, name, us);
  }
  const shares = (totals: Map<string, number>) =>
    [...totals]
      .map(([name, us]) => ({ name, share: busy > 0 ? us / busy : 0 }))
      .sort((a, b) => b.share - a.share);
  return {
    busyMs: busy / 1000,
    packages: shares(packages),
    self: shares(self),
    inclusive: shares(inclusive),
  };
}

/** `pg`, `@apollo/server`, `packages/service-kit`, `node:`, `(native)`. */
export function packageOf(url: string): string {
  if (url === '') return '(native)';
  const modules = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules?.[1]) return modules[1];
  if (url.startsWith('node:')) return 'node:';
  const workspace = /\/((?:packages|subgraphs|router|bench)\/[^/]+)\//.exec(url);
  return workspace?.[1] ?? url;
}

/** `name package:line:column` (tsx compiles a file to one line: the column tells them apart). */
function functionOf(node: CpuProfile['nodes'][number]): string {
  const { functionName, url, lineNumber, columnNumber } = node.callFrame;
  return `${functionName || '(anonymous)'} ${packageOf(url)}:${lineNumber + 1}:${columnNumber + 1}`;
}
