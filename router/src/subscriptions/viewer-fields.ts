import { CACHE_CONTROL_LINK_URL } from '@travel/entity-changes';
import {
  type DocumentNode,
  type GraphQLSchema,
  isAbstractType,
  isObjectType,
  Kind,
  parse,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { linkedDirectiveName } from './linked-directive.ts';

/**
 * The fields whose value depends on who asks, as `Type.field`: those with a field-level
 * `@cacheControl(scope: PRIVATE)` in the supergraph (`me`, `User.email`, `User.bookings` …).
 *
 * The house rule this reads (CONTRIBUTING, "Add a GraphQL type"): a PRIVATE hint on a *type*
 * (`Booking`) says who may see the entity — the audience of its changes decides that for a
 * subscriber — while a PRIVATE hint on a *field* says its value differs from one viewer to the
 * next. A subscription selection without such a field reads the same for every member of the
 * event's audience, so one read serves all of them (entity-streams.ts).
 */
export function readViewerFields(supergraphSdl: string): ReadonlySet<string> {
  const document = parse(supergraphSdl, { noLocation: true });
  const name = linkedDirectiveName(document, CACHE_CONTROL_LINK_URL, 'cacheControl');
  const fields = new Set<string>();
  if (!name) return fields;
  for (const definition of document.definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      definition.kind !== Kind.INTERFACE_TYPE_EXTENSION
    ) {
      continue;
    }
    for (const field of definition.fields ?? []) {
      const hint = field.directives?.find((d) => d.name.value === name);
      const scope = hint?.arguments?.find((a) => a.name.value === 'scope')?.value;
      if (scope?.kind === Kind.ENUM && scope.value === 'PRIVATE') {
        fields.add(`${definition.name.value}.${field.name.value}`);
      }
    }
  }
  return fields;
}

/**
 * Whether `document` selects a field whose value depends on the viewer (`readViewerFields`),
 * below its root fields: the root field of a subscriber's re-read (`booking(id:)`) answers the
 * entity itself, which the event's audience may see. A field on an interface or union counts
 * when it is a viewer field on any type that can stand there.
 */
export function selectsViewerField(
  schema: GraphQLSchema,
  document: DocumentNode,
  viewerFields: ReadonlySet<string>,
): boolean {
  if (viewerFields.size === 0) return false;
  const typeInfo = new TypeInfo(schema);
  let depth = 0;
  let found = false;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      OperationDefinition: {
        enter: () => {
          depth = 0;
        },
      },
      FragmentDefinition: {
        // A fragment may be spread below the root: its fields are never root fields.
        enter: () => {
          depth = 1;
        },
      },
      Field: {
        enter(node) {
          depth++;
          const parent = typeInfo.getParentType();
          if (depth === 1 || !parent) return;
          const owners = isAbstractType(parent)
            ? schema.getPossibleTypes(parent)
            : isObjectType(parent)
              ? [parent]
              : [];
          const names = [parent.name, ...owners.map((type) => type.name)];
          if (names.some((type) => viewerFields.has(`${type}.${node.name.value}`))) found = true;
        },
        leave: () => {
          depth--;
        },
      },
    }),
  );
  return found;
}
