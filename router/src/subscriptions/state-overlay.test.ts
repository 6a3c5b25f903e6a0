import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { overlayState, stateFieldsOf } from './state-overlay.ts';

function fieldsOf(source: string) {
  const document = parse(source);
  const operation = document.definitions[0];
  if (operation?.kind !== 'OperationDefinition') throw new Error('no operation');
  const root = operation.selectionSet.selections[0];
  if (root?.kind !== 'Field') throw new Error('no field');
  return stateFieldsOf(document, root.selectionSet);
}

describe('stateFieldsOf', () => {
  it('finds the leaf fields without arguments, with aliases, through fragments', () => {
    const fields = fieldsOf(`
      subscription { x(id: 1) { status s: status ...F ... on T { version } hotel { name } price(c: 1) } }
      fragment F on T { id ...F }
    `);
    expect(Object.fromEntries(fields)).toEqual({
      status: ['status', 's'],
      id: ['id'],
      version: ['version'],
    });
  });
});

describe('overlayState', () => {
  const fields = new Map([['status', ['status']]]);

  it('sets the announced fields the subscriber selected, and nothing else', () => {
    const read = { data: { b: { id: '1', status: 'CONFIRMED', hotel: { name: 'H' } } } };
    expect(overlayState(read, 'b', fields, { status: 'PENDING', secret: 'x' })).toEqual({
      data: { b: { id: '1', status: 'PENDING', hotel: { name: 'H' } } },
    });
    expect(read.data.b.status).toBe('CONFIRMED');
  });

  it('leaves a missing entity and an answer with errors missing', () => {
    const hidden = { data: { b: null } };
    expect(overlayState(hidden, 'b', fields, { status: 'PENDING' })).toBe(hidden);
    const failed = { data: null, errors: [{ message: 'down' }] };
    expect(overlayState(failed, 'b', fields, { status: 'PENDING' })).toBe(failed);
  });
});
