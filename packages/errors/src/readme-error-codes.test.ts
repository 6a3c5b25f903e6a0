import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from './app-error.ts';

/** README's "## Errors" section: what clients read about the codes. */
function errorsSection(): string {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf('\n## Errors\n');
  const end = readme.indexOf('\n## ', start + 1);
  expect(start, 'README has an "## Errors" section').toBeGreaterThan(-1);
  return readme.slice(start, end === -1 ? undefined : end);
}

describe('the README error codes', () => {
  const section = errorsSection();
  // The table's first column, and the codes the paragraph under it names.
  const firstColumn = section.match(/^\| [^|]+/gm)?.join(' ') ?? '';
  const codesIn = (text: string) => text.match(/`[A-Z][A-Z_]+[A-Z]`/g)?.map((c) => c.slice(1, -1));
  const documented = new Set(codesIn(section));
  const tabled = new Set(codesIn(firstColumn));

  it('documents every public code', () => {
    expect(ERROR_CODES.filter((code) => !documented.has(code))).toEqual([]);
  });

  it('documents no code the project does not send', () => {
    const known = new Set<string>(ERROR_CODES);
    expect([...tabled].filter((code) => !known.has(code))).toEqual([]);
  });
});
