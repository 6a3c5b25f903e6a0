import { describe, expect, it } from 'vitest';
import { newRunId, runIdOf, runStartedAt, templateName, testDatabaseName } from './names.ts';

describe('test database names', () => {
  it('carry the run id and its start time', () => {
    const now = Date.UTC(2030, 0, 1);
    const runId = newRunId(now);
    expect(runStartedAt(runId)).toBe(now);
    const name = testDatabaseName('accounts', runId);
    expect(name.length).toBeLessThanOrEqual(63);
    expect(runIdOf(name)).toBe(runId);
    expect(runIdOf(testDatabaseName('empty', runId))).toBe(runId);
  });

  it('never mistake other databases for test databases', () => {
    expect(runIdOf('accounts')).toBeUndefined();
    expect(runIdOf(templateName('accounts', '1a2b3c4d'))).toBeUndefined();
  });
});
