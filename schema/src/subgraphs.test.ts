import { describe, expect, it } from 'vitest';
import { SUBGRAPHS } from './subgraphs.ts';

describe.each(SUBGRAPHS.map((entry) => [entry.name, entry] as const))(
  'the %s subgraph schema',
  (_name, entry) => {
    it("declares GraphQL's own directives next to @cacheControl", async () => {
      const schema = await entry.load();
      for (const name of ['include', 'skip', 'deprecated', 'specifiedBy', 'cacheControl']) {
        expect(schema.getDirective(name), `@${name}`).toBeDefined();
      }
    });
  },
);
