import { parser } from '@prometheus-io/lezer-promql';

/** One series selector of an expression: `metric{label="…"}`. */
export interface Selector {
  metric: string;
  /** Label names its matchers name. */
  labels: string[];
}

export interface ParsedPromQL {
  /** Syntax errors, with the text around each; empty when the expression parses. */
  errors: string[];
  selectors: Selector[];
}

/**
 * Parses `expr` with Prometheus's own PromQL grammar (the one its UI uses) and lists its
 * series selectors. The grammar recovers from errors instead of throwing: every error node is
 * reported, with its place in the expression.
 */
export function parsePromQL(expr: string): ParsedPromQL {
  const tree = parser.parse(expr);
  const errors: string[] = [];
  const selectors: Selector[] = [];
  tree.iterate({
    enter(node) {
      if (node.type.isError) {
        errors.push(`syntax error at ${node.from}: …${expr.slice(node.from - 20, node.to + 20)}…`);
      }
      if (node.name !== 'VectorSelector') return;
      const identifier = node.node.getChild('Identifier');
      const labels = matcherLabels(node.node.getChild('LabelMatchers'));
      selectors.push({
        metric: identifier ? expr.slice(identifier.from, identifier.to) : '',
        labels: [...new Set(labels.map((label) => expr.slice(label.from, label.to)))],
      });
    },
  });
  return { errors, selectors };
}

type SyntaxNode = NonNullable<ReturnType<ReturnType<typeof parser.parse>['topNode']['getChild']>>;

/** The `LabelName` of every matcher under a `LabelMatchers` node. */
function matcherLabels(matchers: SyntaxNode | null): SyntaxNode[] {
  const names: SyntaxNode[] = [];
  for (let child = matchers?.firstChild; child; child = child.nextSibling) {
    const name = child.getChild('LabelName');
    if (name) names.push(name);
  }
  return names;
}
