import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyJsonPatch } from './support/json-patch.ts';
import { renderKustomization } from './support/kustomize.ts';
import { strategicMerge } from './support/strategic-merge.ts';

const root = mkdtempSync(join(tmpdir(), 'kustomize-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A directory of files; returns its path. */
function tree(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

// The web Deployment down to its containers: the base and its patch name the same object.
const WEB_CONTAINERS = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  template:
    spec:
      containers:
`;

const DEPLOYMENT = `${WEB_CONTAINERS}        - name: web
          image: app:1
          env: [{ name: A, value: "1" }, { name: B, value: "2" }]
        - name: sidecar
          image: other
`;

describe('renderKustomization', () => {
  it('applies namespace, images and patches of an overlay over its base', () => {
    const dir = tree('overlay-ok', {
      'base/kustomization.yaml': 'resources: [web.yaml]\n',
      'base/web.yaml': `${DEPLOYMENT}---\napiVersion: v1\nkind: Namespace\nmetadata: { name: ns }\n`,
      'overlay/kustomization.yaml': `namespace: ns
resources: [../base]
images: [{ name: app, newName: registry/app, newTag: "2" }]
patches:
  - path: env.yaml
  - target: { kind: Deployment }
    patch: |-
      - op: add
        path: /spec/replicas
        value: 3
`,
      'overlay/env.yaml': `${WEB_CONTAINERS}        - name: web
          env: [{ name: B, value: "20" }, { name: C, value: "3" }]
`,
    });
    const [web, namespace] = renderKustomization(join(dir, 'overlay'));
    expect(namespace?.metadata).toEqual({ name: 'ns' });
    expect(web?.metadata.namespace).toBe('ns');
    expect(web?.spec.replicas).toBe(3);
    expect(web?.spec.template.spec.containers).toEqual([
      {
        name: 'web',
        image: 'registry/app:2',
        env: [
          { name: 'A', value: '1' },
          { name: 'B', value: '20' },
          { name: 'C', value: '3' },
        ],
      },
      { name: 'sidecar', image: 'other' },
    ]);
  });

  it('refuses Kustomize fields it does not implement', () => {
    const dir = tree('unsupported', {
      'kustomization.yaml': 'resources: [web.yaml]\ncommonLabels: { a: b }\nreplicas: []\n',
      'web.yaml': DEPLOYMENT,
    });
    expect(() => renderKustomization(dir)).toThrow(
      /commonLabels, replicas not supported by the test renderer/,
    );
  });

  it('refuses a patch that matches nothing, a missing resource and duplicates', () => {
    const patchless = tree('no-target', {
      'kustomization.yaml': 'resources: [web.yaml]\npatches: [{ path: p.yaml }]\n',
      'web.yaml': DEPLOYMENT,
      'p.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: api }\n',
    });
    expect(() => renderKustomization(patchless)).toThrow(/0 targets, expected one/);
    const missing = tree('missing', { 'kustomization.yaml': 'resources: [nope.yaml]\n' });
    expect(() => renderKustomization(missing)).toThrow(/resource nope.yaml does not exist/);
    const twice = tree('twice', {
      'kustomization.yaml': 'resources: [web.yaml, again.yaml]\n',
      'web.yaml': DEPLOYMENT,
      'again.yaml': DEPLOYMENT,
    });
    expect(() => renderKustomization(twice)).toThrow(/appears twice/);
  });
});

describe('strategicMerge', () => {
  it('merges maps, deletes on null, merges keyed lists and replaces other lists', () => {
    const target = { a: { b: 1, c: 2 }, args: ['x'], volumes: [{ name: 'v', emptyDir: {} }] };
    const patch = { a: { c: null, d: 3 }, args: ['y'], volumes: [{ name: 'w', emptyDir: {} }] };
    expect(strategicMerge(target, patch)).toEqual({
      a: { b: 1, d: 3 },
      args: ['y'],
      volumes: [
        { name: 'v', emptyDir: {} },
        { name: 'w', emptyDir: {} },
      ],
    });
  });

  it('refuses directives it does not implement', () => {
    expect(() => strategicMerge({ a: 1 }, { $patch: 'replace' })).toThrow(/\$patch not supported/);
    expect(() => strategicMerge({ env: [] }, { env: [{ value: 'x' }] })).toThrow(/without name/);
  });
});

describe('applyJsonPatch', () => {
  it('adds, replaces and removes, in maps and lists', () => {
    const doc = { spec: { list: [1, 3], gone: true, 'a/b': 0 } };
    applyJsonPatch(doc, [
      { op: 'add', path: '/spec/list/1', value: 2 },
      { op: 'add', path: '/spec/list/-', value: 4 },
      { op: 'replace', path: '/spec/a~1b', value: 1 },
      { op: 'remove', path: '/spec/gone' },
    ]);
    expect(doc).toEqual({ spec: { list: [1, 2, 3, 4], 'a/b': 1 } });
  });

  it('refuses missing paths, bad indexes and other operations', () => {
    expect(() => applyJsonPatch({}, [{ op: 'replace', path: '/x', value: 1 }])).toThrow(
      /does not exist/,
    );
    expect(() => applyJsonPatch({ l: [] }, [{ op: 'add', path: '/l/5', value: 1 }])).toThrow(
      /bad index/,
    );
    expect(() => applyJsonPatch({}, [{ op: 'move', path: '/x' } as never])).toThrow(
      /op move not supported/,
    );
  });
});
