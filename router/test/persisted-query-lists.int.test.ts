import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '@travel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, type StartedRouter, startRouter } from './support/start-router.ts';
import { startTestSubgraphs, type TestSubgraphs } from './support/test-subgraphs.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const operation = (name: string, body: string) => ({ id: sha256(body), name, type: 'query', body });
const manifest = (...operations: unknown[]) =>
  JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations });

const WHOAMI = operation('Whoami', 'query Whoami {\n  whoami\n}');
const USERS = operation('Users', 'query Users {\n  users {\n    name\n  }\n}');

let subgraphs: TestSubgraphs;
let supergraphSdl: string;
let dir: string;
beforeAll(async () => {
  subgraphs = await startTestSubgraphs();
  supergraphSdl = subgraphs.supergraphSdl;
  dir = await mkdtemp(join(tmpdir(), 'manifests-'));
});
afterAll(async () => {
  await subgraphs?.stop();
  await rm(dir, { recursive: true, force: true });
});

const env = () => ({ PERSISTED_QUERIES_DIR: dir, PERSISTED_QUERIES_MODE: 'require_id' });
const runById = (router: StartedRouter, id: string) =>
  post(router.url, { extensions: { persistedQuery: { version: 1, sha256Hash: id } } });

describe('persisted query manifests', () => {
  it('refuse to start with a malformed manifest, naming the file and the entry', async () => {
    await writeFile(join(dir, 'web.json'), manifest(WHOAMI, { ...USERS, id: sha256('other') }));
    await expect(startRouter({ supergraphSdl, env: env() })).rejects.toThrow(
      `${join(dir, 'web.json')}: operations[1] (Users): "id" is not the sha256 of "body"`,
    );
  });

  describe('reloaded when a file changes', () => {
    let router: StartedRouter;
    const logged = (msg: string) => router.logs.filter((line) => line.msg === msg).length;
    beforeAll(async () => {
      await writeFile(join(dir, 'web.json'), manifest(WHOAMI));
      router = await startRouter({ supergraphSdl, env: env() });
    });
    afterAll(async () => {
      await router?.stop();
    });

    it('serves the listed operations by id, and no others', async () => {
      expect((await runById(router, WHOAMI.id)).body).toEqual({ data: { whoami: 'anonymous' } });
      expect((await runById(router, USERS.id)).status).toBe(404);
    });

    it('takes a new file without a restart', async () => {
      await writeFile(join(dir, 'mobile.json'), manifest(USERS));
      await eventually(async () => (await runById(router, USERS.id)).status === 200);
      expect((await runById(router, WHOAMI.id)).status).toBe(200);
    });

    it('keeps the last good list when a file turns malformed, and says why', async () => {
      const rejected = 'persisted query manifests rejected; keeping the last good list';
      await writeFile(join(dir, 'mobile.json'), '{"format":"apollo-persisted-query-manifest"');
      await eventually(() => logged(rejected) > 0);
      const line = router.logs.find((l) => l.msg === rejected) as { err: { message: string } };
      expect(line.err.message).toContain(`${join(dir, 'mobile.json')}: not JSON`);
      expect((await runById(router, USERS.id)).status).toBe(200);
      expect((await runById(router, WHOAMI.id)).status).toBe(200);
    });

    it('logs one line per request with the client name and version', async () => {
      await post(
        router.url,
        { documentId: WHOAMI.id },
        {
          'apollographql-client-name': 'ios',
          'apollographql-client-version': '7.1 (beta)',
        },
      );
      const line = router.logs.findLast((l) => l.msg === 'graphql request');
      expect(line).toMatchObject({
        status: 200,
        clientName: 'ios',
        clientVersion: '7.1__beta_',
        operationName: 'Whoami',
        persistedQueryId: WHOAMI.id,
      });
      expect(typeof line?.requestId).toBe('string');
    });
  });
});
