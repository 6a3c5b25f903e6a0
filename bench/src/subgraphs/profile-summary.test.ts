import { describe, expect, it } from 'vitest';
import { type CpuProfile, packageOf, summarizeProfile } from './profile-summary.ts';

const frame = (id: number, functionName: string, url: string, children: number[] = []) => ({
  id,
  callFrame: { functionName, url, lineNumber: 0, columnNumber: 4 },
  children,
});

// (root) → serveGraphQL → parse (graphql); (root) → (idle); (root) → load (start-up).
const profile: CpuProfile = {
  nodes: [
    frame(1, '(root)', '', [2, 4, 5]),
    frame(2, 'serveGraphQL', 'file:///w/packages/service-kit/src/subgraph-server.ts', [3]),
    frame(3, 'parse', 'file:///w/node_modules/.pnpm/graphql@16/node_modules/graphql/parser.js'),
    frame(4, '(idle)', ''),
    frame(5, 'load', 'node:internal/modules/cjs/loader'),
  ],
  // Start-up first (left out), then 3 ms parsing, 1 ms in serveGraphQL itself, 5 ms idle.
  samples: [5, 5, 3, 3, 3, 2, 4],
  timeDeltas: [0, 1000, 1000, 1000, 1000, 1000, 1000, 5000],
};

describe('summarizeProfile', () => {
  it('shares busy time from the first request on, by package and function', () => {
    const summary = summarizeProfile(profile);
    expect(summary.busyMs).toBe(4);
    expect(summary.packages).toEqual([
      { name: 'graphql', share: 0.75 },
      { name: 'packages/service-kit', share: 0.25 },
    ]);
    expect(summary.self[0]).toEqual({ name: 'parse graphql:1:5', share: 0.75 });
    expect(summary.inclusive).toContainEqual({
      name: 'serveGraphQL packages/service-kit:1:5',
      share: 1,
    });
  });
});

describe('packageOf', () => {
  it('names scoped packages, workspace folders, Node and native code', () => {
    expect(packageOf('file:///a/node_modules/.pnpm/x/node_modules/@apollo/server/dist/a.js')).toBe(
      '@apollo/server',
    );
    expect(packageOf('file:///w/subgraphs/hotels/src/context.ts')).toBe('subgraphs/hotels');
    expect(packageOf('node:internal/http')).toBe('node:');
    expect(packageOf('')).toBe('(native)');
  });
});
