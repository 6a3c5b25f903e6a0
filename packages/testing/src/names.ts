import { randomBytes } from 'node:crypto';

// Every database the tests create is named so it can be found again: templates by subgraph
// and migrations hash, clones by run. Names stay well under PostgreSQL's 63 characters.

export const TEMPLATE_PREFIX = 'travel_tpl_';
export const TEST_DB_PREFIX = 'travel_test_';

/** A run id starts with the run's start time (base 36), so old leftovers can be told apart. */
export function newRunId(now = Date.now()): string {
  return `${now.toString(36)}${randomBytes(2).toString('hex')}`;
}

export function runStartedAt(runId: string): number {
  return Number.parseInt(runId.slice(0, -4), 36);
}

export function templateName(subgraph: string, migrationsHash: string): string {
  return `${TEMPLATE_PREFIX}${subgraph}_${migrationsHash}`;
}

/** travel_test_<label>_<runId>_<random>: label is a subgraph name or "empty". */
export function testDatabaseName(label: string, runId: string): string {
  return `${TEST_DB_PREFIX}${label}_${runId}_${randomBytes(4).toString('hex')}`;
}

/** The run id inside a test database name, or undefined for any other name. */
export function runIdOf(database: string): string | undefined {
  return /^travel_test_.+_([0-9a-z]+[0-9a-f]{4})_[0-9a-f]{8}$/.exec(database)?.[1];
}
