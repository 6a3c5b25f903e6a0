import {
  type DocumentNode,
  type FormattedExecutionResult,
  type FragmentDefinitionNode,
  Kind,
  type SelectionSetNode,
} from 'graphql';

/** Leaf fields an event's `state` may set: API field name → the response keys showing it. */
export type StateFields = ReadonlyMap<string, readonly string[]>;

/**
 * The fields of the entity's own selection (through inline fragments and fragment spreads)
 * that take no arguments and select nothing: where an event's `state` (`{ status }`) goes.
 */
export function stateFieldsOf(
  document: DocumentNode,
  selectionSet: SelectionSetNode | undefined,
): StateFields {
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const fields = new Map<string, string[]>();
  const visited = new Set<string>();
  const walk = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet);
      else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        if (visited.has(name)) continue;
        visited.add(name);
        walk(fragments.get(name)?.selectionSet);
      } else if (!selection.selectionSet && !selection.arguments?.length) {
        const keys = fields.get(selection.name.value) ?? [];
        keys.push(selection.alias?.value ?? selection.name.value);
        fields.set(selection.name.value, keys);
      }
    }
  };
  walk(selectionSet);
  return fields;
}

/**
 * The re-read with the event's own state over it: a delivery shows the state its event
 * announced (`PLACED`), even when the re-read ran after a later change (`SHIPPED`). Only fields
 * the subscriber selected are set; a missing entity (not theirs) stays missing.
 */
export function overlayState(
  answer: FormattedExecutionResult,
  responseKey: string,
  fields: StateFields,
  state: Readonly<Record<string, unknown>>,
): FormattedExecutionResult {
  const entity = answer.data?.[responseKey];
  if (!entity || typeof entity !== 'object' || Array.isArray(entity)) return answer;
  const merged: Record<string, unknown> = { ...entity };
  let changed = false;
  for (const [name, value] of Object.entries(state)) {
    for (const key of fields.get(name) ?? []) {
      merged[key] = value;
      changed = true;
    }
  }
  if (!changed) return answer;
  return { ...answer, data: { ...answer.data, [responseKey]: merged } };
}
