import { describe, expect, it } from 'vitest';
import {
  createDecodedOnceEntries,
  fromStored,
  heldEntries,
  serializedEntries,
  toStored,
} from './entry-codec.ts';
import { bodyOf, type CachedResponse } from './response-cache.ts';

const entry: CachedResponse = {
  body: bodyOf({ note: 'two\nlines "quoted" ü' }),
  policy: { maxAge: 30, scope: 'PRIVATE' },
  storedAt: 1234,
  cost: 7,
};

describe('stored entries', () => {
  it('keep the body byte for byte after a line of policy, birth and cost', () => {
    const stored = toStored(entry);
    expect(stored.endsWith(entry.body)).toBe(true);
    expect(stored.split('\n')[0]).toBe(
      '{"policy":{"maxAge":30,"scope":"PRIVATE"},"storedAt":1234,"cost":7}',
    );
    expect(entry.body).toBe('{"data":{"note":"two\\nlines \\"quoted\\" ü"}}\n');
  });

  it('read back from bytes or text, the body as the UTF-8 bytes to send', () => {
    for (const stored of [toStored(entry), Buffer.from(toStored(entry))]) {
      const { policy, storedAt, cost, bytes, body } = fromStored(stored);
      expect({ policy, storedAt, cost, bytes, body }).toEqual({
        ...entry,
        bytes: Buffer.from(entry.body),
      });
    }
  });

  it('count their size in bytes, not characters', () => {
    const stored = serializedEntries.encode(entry);
    expect(serializedEntries.sizeOf(stored)).toBe(Buffer.byteLength(stored));
    expect(serializedEntries.sizeOf(stored)).toBeGreaterThan(stored.length);
  });
});

describe('held entries', () => {
  it('are hits once encoded: the same object comes back, its body as bytes', () => {
    const held = heldEntries.encode(entry);
    expect(heldEntries.decode(held)).toBe(held);
    expect(held.bytes.equals(Buffer.from(entry.body))).toBe(true);
    expect(held.body).toBe(entry.body);
    expect(heldEntries.sizeOf(held)).toBeGreaterThanOrEqual(Buffer.byteLength(entry.body));
  });
});

describe('entries decoded once', () => {
  it('give the same hit for the same Buffer, and a hit of its own to another or a string', () => {
    const codec = createDecodedOnceEntries();
    const bytes = Buffer.from(toStored(entry));
    const hit = codec.decode(bytes);
    expect(codec.decode(bytes)).toBe(hit);
    expect(hit.bytes.equals(Buffer.from(entry.body))).toBe(true);
    const other = codec.decode(Buffer.from(toStored({ ...entry, storedAt: 99 })));
    expect(other).not.toBe(hit);
    expect(other.storedAt).toBe(99);
    const fromText = codec.decode(toStored(entry));
    expect(fromText).not.toBe(hit);
    expect(fromText.body).toBe(entry.body);
  });
});
