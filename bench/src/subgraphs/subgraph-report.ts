import { SUBGRAPH_NAMES } from '@travel/stack';
import { formatRatio, median } from '../gateways/stats.ts';
import type { SubgraphQuery } from './subgraph-requests.ts';

export interface SubgraphCell {
  tree: string;
  query: SubgraphQuery;
  subgraph: string;
  round: number;
  rps: number;
  completed: number;
  cpuMs: number;
  /** PostgreSQL's, over the same cell (readPostgresCpuMs): the statements of its calls. */
  postgresCpuMs: number;
  /** How many of this subgraph's requests one gateway request makes. */
  perGatewayRequest: number;
}

export interface SubgraphReportContext {
  /** Labels, this tree first: ratios are of it to each other one. */
  trees: string[];
  queries: SubgraphQuery[];
  loadBefore: string;
  loadAfter: string;
}

const TITLES: Record<SubgraphQuery, string> = {
  search: 'README search (hotels 1 call, accounts 2)',
  'signed-in': 'signed-in query (all four subgraphs)',
  partner: 'partner operation PartnerHotelDetails (hotels, bookings)',
};

/** CPU ms of one subgraph per gateway request: its CPU per call times its calls per request. */
export function cpuPerGatewayRequest(cell: SubgraphCell, cpuMs = cell.cpuMs): number {
  return cell.completed > 0 ? (cpuMs / cell.completed) * cell.perGatewayRequest : Number.NaN;
}

/** One markdown table per query: median CPU per gateway request per subgraph and tree. */
export function subgraphTables(cells: SubgraphCell[], context: SubgraphReportContext): string[] {
  const [self, ...others] = context.trees;
  const lines: string[] = [];
  for (const query of context.queries) {
    const ofQuery = cells.filter((cell) => cell.query === query);
    const value = (tree: string, subgraph: string, of = (cell: SubgraphCell) => cell.cpuMs) => {
      const values = ofQuery
        .filter((cell) => cell.tree === tree && cell.subgraph === subgraph)
        .map((cell) => cpuPerGatewayRequest(cell, of(cell)));
      return values.length > 0 ? median(values) : undefined;
    };
    const subgraphs = SUBGRAPH_NAMES.filter((name) => value(self ?? '', name) !== undefined);
    const all = (tree: string) =>
      subgraphs.reduce((sum, s) => sum + (value(tree, s) ?? Number.NaN), 0);
    // PostgreSQL's CPU while each subgraph's calls ran, summed over the subgraphs.
    const postgres = (tree: string) =>
      subgraphs.reduce(
        (sum, s) => sum + (value(tree, s, (cell) => cell.postgresCpuMs) ?? Number.NaN),
        0,
      );
    const header = [
      'subgraph',
      ...context.trees.map((t) => `${t} (ms)`),
      ...others.map((t) => `ratio to ${t}`),
    ];
    lines.push('', `${TITLES[query]}: CPU ms per gateway request (median of rounds)`, '');
    lines.push(`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`);
    const row = (label: string, of: (tree: string) => number | undefined) => {
      const values = context.trees.map(of);
      const ratios = others.map((tree) => formatRatio(of(self ?? ''), of(tree)));
      lines.push(
        `| ${[label, ...values.map((v) => v?.toFixed(2) ?? 'n/a'), ...ratios].join(' | ')} |`,
      );
    };
    for (const subgraph of subgraphs) row(subgraph, (tree) => value(tree, subgraph));
    row('all', all);
    row('PostgreSQL', postgres);
    row('all + PostgreSQL', (tree) => all(tree) + postgres(tree));
  }
  return lines;
}

export function printSubgraphReport(cells: SubgraphCell[], context: SubgraphReportContext) {
  console.log(subgraphTables(cells, context).join('\n'));
  console.log(`\nload average before ${context.loadBefore}, after ${context.loadAfter}`);
}
