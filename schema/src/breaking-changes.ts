import { buildSchema, findBreakingChanges } from 'graphql';

/** Breaking changes from one API SDL to another, as readable lines ("" when none). */
export function describeBreakingChanges(before: string, after: string): string[] {
  return findBreakingChanges(buildSchema(before), buildSchema(after)).map(
    (change) => `${change.type}: ${change.description}`,
  );
}
