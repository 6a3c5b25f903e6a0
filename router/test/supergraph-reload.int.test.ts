import { rename, writeFile } from 'node:fs/promises';
import { eventually } from '@travel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, type StartedRouter, startRouter } from './support/start-router.ts';
import {
  composeSupergraph,
  startTestSubgraphs,
  type TestSubgraphs,
} from './support/test-subgraphs.ts';

let subgraphs: TestSubgraphs;
let router: StartedRouter;
let urls: { accounts: string; reviews: string };

beforeAll(async () => {
  subgraphs = await startTestSubgraphs();
  urls = { accounts: subgraphs.accounts.url, reviews: subgraphs.reviews.url };
  router = await startRouter({ supergraphSdl: composeSupergraph(urls) });
});

afterAll(async () => {
  await router?.stop();
  await subgraphs?.stop();
});

const motto = () => post(router.url, { query: '{ motto }' });
const logged = (msg: string) => router.logs.filter((line) => line.msg === msg).length;

describe('supergraph file reload', () => {
  it('picks up a recomposed supergraph without a restart', async () => {
    const before = await motto();
    expect(before.status).toBe(400);
    expect(before.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');

    // As composition tools do: write a new file, rename it over the old one.
    const next = `${router.supergraphPath}.next`;
    await writeFile(next, composeSupergraph(urls, { withMotto: true }));
    await rename(next, router.supergraphPath);

    await eventually(async () => (await motto()).status === 200);
    expect((await motto()).body).toEqual({ data: { motto: 'reloaded without a restart' } });
  });

  it('keeps the current supergraph when the new file is invalid', async () => {
    const rejected = logged('new supergraph rejected; keeping the current one');
    await writeFile(router.supergraphPath, 'schema { query: Broken } this is not a supergraph');
    await eventually(() => logged('new supergraph rejected; keeping the current one') > rejected);

    const res = await motto();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: { motto: 'reloaded without a restart' } });
    expect((await fetch(`${router.origin}/readyz`)).status).toBe(200);
  });

  it('takes a valid file again after an invalid one', async () => {
    const reloaded = logged('supergraph reloaded');
    await writeFile(router.supergraphPath, composeSupergraph(urls));
    await eventually(() => logged('supergraph reloaded') > reloaded);
    expect((await motto()).status).toBe(400);
  });
});

describe('startup', () => {
  it('refuses to start on a file that is not a supergraph', async () => {
    await expect(startRouter({ supergraphSdl: 'type Query { nope: Int }' })).rejects.toThrow();
  });
});
