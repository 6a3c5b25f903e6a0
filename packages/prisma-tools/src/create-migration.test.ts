import { describe, expect, it } from 'vitest';
import { migrationSlug } from './create-migration.ts';

describe('migrationSlug', () => {
  it('turns names into snake_case like prisma migrate dev --name', () => {
    expect(migrationSlug('init')).toBe('init');
    expect(migrationSlug('Add nickname')).toBe('add_nickname');
    expect(migrationSlug('addApiKeys')).toBe('add_api_keys');
    expect(migrationSlug('  drop: old-index! ')).toBe('drop_old_index');
    expect(migrationSlug('***')).toBe('');
  });
});
