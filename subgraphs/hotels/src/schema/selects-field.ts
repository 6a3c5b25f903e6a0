import type { FragmentDefinitionNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import { Kind } from 'graphql';

/**
 * Whether the field being resolved selects any of `names` directly on its result (through
 * fragments too). A look ahead for loading more in the same statement, never for deciding
 * what to answer: it ignores @skip/@include, so at worst it loads what goes unused.
 */
export function selectsField(info: GraphQLResolveInfo, names: readonly string[]): boolean {
  return info.fieldNodes.some(
    (node) => node.selectionSet !== undefined && inSet(node.selectionSet, names, info.fragments),
  );
}

function inSet(
  set: SelectionSetNode,
  names: readonly string[],
  fragments: Record<string, FragmentDefinitionNode>,
): boolean {
  return set.selections.some((selection) => {
    if (selection.kind === Kind.FIELD) return names.includes(selection.name.value);
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      return inSet(selection.selectionSet, names, fragments);
    }
    const fragment = fragments[selection.name.value];
    return fragment !== undefined && inSet(fragment.selectionSet, names, fragments);
  });
}
