import { describe, expect, it } from 'vitest';
import { announcedEntities } from './announced-entities.ts';

describe('announcedEntities', () => {
  it('reads the well-formed tags of extensions.invalidatedEntities', () => {
    const extensions = {
      invalidatedEntities: [
        'Hotel:1',
        'RoomType:0193-ab',
        42,
        'no colon',
        ':x',
        'Bad Type:1',
        'User:',
        'Hotel[]',
        'Hotel[]x',
        '*[]',
        'Hotel*',
        '[]',
        'Hotel[ ]',
        `${'T'.repeat(101)}[]`,
      ],
    };
    expect(announcedEntities(extensions)).toEqual(['Hotel:1', 'RoomType:0193-ab', 'Hotel[]']);
  });

  it('reads nothing from answers without the extension', () => {
    expect(announcedEntities(undefined)).toEqual([]);
    expect(announcedEntities({ invalidatedEntities: 'Hotel:1' })).toEqual([]);
  });

  it('takes at most 1000 from one answer', () => {
    const many = Array.from({ length: 5000 }, (_, i) => `Hotel:${i}`);
    expect(announcedEntities({ invalidatedEntities: many })).toHaveLength(1000);
  });
});
