import { describe, expect, it } from 'vitest';
import { cpuPerGatewayRequest, type SubgraphCell, subgraphTables } from './subgraph-report.ts';

const cell = (
  tree: string,
  subgraph: string,
  cpuMs: number,
  round = 0,
  postgresCpuMs = cpuMs / 2,
): SubgraphCell => ({
  tree,
  query: 'search',
  subgraph,
  round,
  rps: 100,
  completed: 100,
  cpuMs,
  postgresCpuMs,
  perGatewayRequest: subgraph === 'accounts' ? 2 : 1,
});

describe('subgraph report', () => {
  it('counts CPU per gateway request: per call times the calls one request makes', () => {
    expect(cpuPerGatewayRequest(cell('a', 'accounts', 100))).toBe(2);
    expect(cpuPerGatewayRequest({ ...cell('a', 'hotels', 100), completed: 0 })).toBeNaN();
  });

  it('prints medians per subgraph and tree, a total, and the ratio of this tree to the other', () => {
    const cells = [
      cell('new', 'accounts', 100),
      cell('new', 'accounts', 300, 1),
      cell('new', 'accounts', 50, 2),
      cell('old', 'accounts', 400),
      cell('new', 'hotels', 100),
      cell('old', 'hotels', 200),
    ];
    const lines = subgraphTables(cells, {
      trees: ['new', 'old'],
      queries: ['search'],
      loadBefore: '0',
      loadAfter: '0',
    });
    expect(lines).toContain('| accounts | 2.00 | 8.00 | 0.25x |');
    expect(lines).toContain('| hotels | 1.00 | 2.00 | 0.50x |');
    expect(lines).toContain('| all | 3.00 | 10.00 | 0.30x |');
    // PostgreSQL's CPU during each subgraph's cells (half of theirs here), per gateway request.
    expect(lines).toContain('| PostgreSQL | 1.50 | 5.00 | 0.30x |');
    expect(lines).toContain('| all + PostgreSQL | 4.50 | 15.00 | 0.30x |');
  });
});
